package news.pipeline.console;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import news.pipeline.ops.Replay;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Who writes to the by-country topic besides this process's publisher, as the console's sampler
 * finds out: the Countries page counts from what that publisher sends only while no one else writes
 * (see {@link ArticleFeed}). Others are the publisher's instances in other processes, and replays
 * (the console's or the {@code replay} command's, in any process).
 */
final class ByCountryWriters {
    private ByCountryWriters() {}

    /**
     * Whether the publisher running here is the only one in its group: every member is one of its
     * stream threads. Another instance writes by-country records this process does not see.
     */
    static boolean onlyWriter(final KafkaStreams publisher, final ConsumerGroupDescription group) {
        return publisher != null
                && group != null
                && onlyWriter(
                        publisher.metadataForLocalThreads().stream()
                                .map(ThreadMetadata::consumerClientId)
                                .collect(Collectors.toSet()),
                        group.members().stream()
                                .map(MemberDescription::clientId)
                                .toList());
    }

    /** Whether every member of a group (by client id) is one of these consumers; true for none. */
    static boolean onlyWriter(final Set<String> localConsumers, final Collection<String> memberClients) {
        return localConsumers.containsAll(memberClients);
    }

    /**
     * What each replay last wrote on these partitions, by partition and producer id: its producer's last
     * batch there as the broker keeps it (sequence number, timestamp, open transaction's first
     * offset). Replays are told by their transactional ids. A data batch moves the sequence number and a
     * transaction's end marker (sequence -1) is stamped with the time it is written, so two of these
     * differ whenever a replay wrote between them.
     */
    static Map<String, String> replayWrites(
            final Admin admin, final List<TopicPartition> partitions, final Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        final Set<Long> replayProducers =
                admin.listTransactions().all().get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream()
                        .filter(listing -> listing.transactionalId().startsWith(Replay.TRANSACTIONAL_ID_PREFIX))
                        .map(TransactionListing::producerId)
                        .collect(Collectors.toSet());
        if (replayProducers.isEmpty()) {
            return Map.of();
        }
        final Map<String, String> writes = new HashMap<>();
        admin.describeProducers(partitions)
                .all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, state) -> state.activeProducers().stream()
                        .filter(producer -> replayProducers.contains(producer.producerId()))
                        .forEach(producer -> writes.put(
                                partition.partition() + "/" + producer.producerId(),
                                producer.lastSequence() + "@" + producer.lastTimestamp() + "#"
                                        + producer.currentTransactionStartOffset())));
        return writes;
    }

    /** Whether a writer wrote between two looks at {@link #replayWrites} (a new writer or partition counts). */
    static boolean wroteSince(final Map<String, String> before, final Map<String, String> now) {
        return now.entrySet().stream().anyMatch(write -> !write.getValue().equals(before.get(write.getKey())));
    }
}
