package news.pipeline.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import news.pipeline.topics.KafkaFutures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The open transactions that hold a topic's partitions back: a partition's last stable offset
 * (what a read_committed reader can reach) stays at the first offset of its oldest open
 * transaction, however much is written after it.
 *
 * <p>Lag counts up to the last stable offset, so a processor stopped before an open transaction
 * shows no lag. Most holds last one commit interval. A hanging one lasts for ever: its
 * coordinator has ended the transaction (or never had this partition in it) and will write no
 * marker here, so nothing ends it. Kafka 4.4.0 can leave one behind when the only broker of a
 * partition stops cleanly while a transaction commits, or comes back after a crash that caught a
 * transaction between its commit and its markers (KAFKA-20734). It is told the way Kafka's
 * {@code kafka-transactions.sh find-hanging} tells it, by asking the coordinator, and looked at
 * twice, so that a transaction that ended in between is not taken for one.
 */
public final class TransactionHolds {
    /** States in which the coordinator will still write this transaction's markers. */
    private static final Set<TransactionState> UNDER_WAY = Set.of(
            TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT,
            TransactionState.PREPARE_EPOCH_FENCE);

    /**
     * One partition held back by an open transaction.
     *
     * @param transactionalId  the producer's transactional id, empty when the coordinator no
     *                         longer knows the producer
     * @param coordinatorState what the coordinator has that transactional id in, empty likewise
     */
    public record Hold(
            TopicPartition partition,
            long lastStable,
            long end,
            long producerId,
            int producerEpoch,
            Optional<String> transactionalId,
            Optional<TransactionState> coordinatorState,
            boolean hanging) {
        public long offsetsHeldBack() {
            return end - lastStable;
        }

        /** One line for people. */
        public String describe() {
            final String by = "producer " + producerId + " epoch " + producerEpoch
                    + transactionalId.map(id -> " (" + id + ")").orElse("");
            final String coordinator = coordinatorState
                    .map(state -> "its coordinator has it " + state)
                    .orElse("its coordinator does not know the producer");
            return partition + ": " + offsetsHeldBack() + " offsets held back from " + lastStable
                    + " by an open transaction of " + by + "; " + coordinator
                    + (hanging ? ": HANGING, nothing will end it" : "");
        }
    }

    private TransactionHolds() {}

    /**
     * The partitions whose last stable offset is the same now as before: a hold lasts one commit
     * interval, so under flow every last stable offset moves between two looks some seconds apart,
     * and only one that stood still can be held back for good. A partition with nothing past its last
     * stable offset stands still too; asking about it costs one offsets request.
     */
    public static Map<TopicPartition, Long> stoodStill(
            final Map<TopicPartition, Long> before, final Map<TopicPartition, Long> now) {
        final Map<TopicPartition, Long> still = new HashMap<>();
        now.forEach((partition, offset) -> {
            if (offset.equals(before.get(partition))) {
                still.put(partition, offset);
            }
        });
        return still;
    }

    /** Whether an open transaction is hanging, from what its coordinator says of it. */
    static boolean hanging(final Optional<TransactionState> coordinatorState, final boolean partitionInTransaction) {
        return coordinatorState.isEmpty() || !UNDER_WAY.contains(coordinatorState.get()) || !partitionInTransaction;
    }

    /** The partitions of the topic held back now, with what holds each; none when nothing is open. */
    public static List<Hold> of(final Admin admin, final String topic, final Duration timeout)
            throws InterruptedException, TimeoutException {
        final TopicDescription description = KafkaFutures.await(
                        admin.describeTopics(List.of(topic)).allTopicNames(), timeout)
                .get(topic);
        final List<TopicPartition> partitions = description.partitions().stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        return of(admin, latest(admin, partitions, IsolationLevel.READ_COMMITTED, timeout), timeout);
    }

    /**
     * The given partitions held back now, for a caller that has just read their last stable
     * offsets (the lag's ends): only the ends past them are asked for.
     */
    public static List<Hold> of(final Admin admin, final Map<TopicPartition, Long> lastStable, final Duration timeout)
            throws InterruptedException, TimeoutException {
        final Map<TopicPartition, Long> ends =
                latest(admin, lastStable.keySet(), IsolationLevel.READ_UNCOMMITTED, timeout);
        final List<TopicPartition> heldBack = lastStable.keySet().stream()
                .filter(partition -> lastStable.get(partition) < ends.get(partition))
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList();
        if (heldBack.isEmpty()) {
            return List.of();
        }
        final Map<TopicPartition, ProducerState> holders = holders(admin, heldBack, lastStable, timeout);
        final List<Hold> holds = new ArrayList<>();
        for (final TopicPartition partition : heldBack) {
            final ProducerState holder = holders.get(partition);
            if (holder == null) {
                // ended between the offsets and the producers' states
                continue;
            }
            final Optional<String> transactionalId = transactionalId(admin, holder.producerId(), timeout);
            Optional<TransactionState> state = Optional.empty();
            boolean listed = false;
            if (transactionalId.isPresent()) {
                final TransactionDescription transaction = KafkaFutures.await(
                        admin.describeTransactions(List.of(transactionalId.get()))
                                .description(transactionalId.get()),
                        timeout);
                state = Optional.of(transaction.state());
                listed = transaction.topicPartitions().contains(partition);
            }
            holds.add(new Hold(
                    partition,
                    lastStable.get(partition),
                    ends.get(partition),
                    holder.producerId(),
                    holder.producerEpoch(),
                    transactionalId,
                    state,
                    hanging(state, listed)));
        }
        // Looked at again: a hold whose transaction ended since is no longer a hold, hanging or not.
        final Map<TopicPartition, ProducerState> still =
                holders(admin, holds.stream().map(Hold::partition).toList(), lastStable, timeout);
        return holds.stream()
                .filter(hold -> still.containsKey(hold.partition())
                        && still.get(hold.partition()).producerId() == hold.producerId())
                .toList();
    }

    private static Map<TopicPartition, Long> latest(
            final Admin admin,
            final Collection<TopicPartition> partitions,
            final IsolationLevel isolation,
            final Duration timeout)
            throws InterruptedException, TimeoutException {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        KafkaFutures.await(
                        admin.listOffsets(latest, new ListOffsetsOptions(isolation))
                                .all(),
                        timeout)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    /** The producer whose open transaction begins at each partition's last stable offset. */
    private static Map<TopicPartition, ProducerState> holders(
            final Admin admin,
            final Collection<TopicPartition> partitions,
            final Map<TopicPartition, Long> lastStable,
            final Duration timeout)
            throws InterruptedException, TimeoutException {
        final Map<TopicPartition, ProducerState> holders = new HashMap<>();
        if (partitions.isEmpty()) {
            return holders;
        }
        KafkaFutures.await(admin.describeProducers(partitions).all(), timeout)
                .forEach((partition, producers) -> producers.activeProducers().stream()
                        .filter(producer -> producer.currentTransactionStartOffset()
                                        .isPresent()
                                && producer.currentTransactionStartOffset().getAsLong() == lastStable.get(partition))
                        .findFirst()
                        .ifPresent(producer -> holders.put(partition, producer)));
        return holders;
    }

    private static Optional<String> transactionalId(final Admin admin, final long producerId, final Duration timeout)
            throws InterruptedException, TimeoutException {
        final Collection<TransactionListing> listings = KafkaFutures.await(
                admin.listTransactions(new ListTransactionsOptions().filterProducerIds(Set.of(producerId)))
                        .all(),
                timeout);
        return listings.stream().map(TransactionListing::transactionalId).findFirst();
    }
}
