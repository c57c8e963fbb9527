package news.pipeline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.LocalCluster;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A transaction left open for good on purpose, the way Kafka leaves one when the only replica of a
 * partition it wrote is down as it commits: the coordinator completes the commit, its marker never
 * reaches the partition, and the partition's last stable offset stays below the transaction's
 * record. Made on the tagger's input, one partition whose only replica is a node other than the
 * coordinator; the pipeline's other topics are created as usual.
 *
 * @param transactionalId the producer's, as {@code lag} and the console name it
 * @param partition       the partition held back
 * @param coordinator     the node coordinating the transaction
 * @param replica         the partition's only replica, stopped during the commit and back since
 */
public record HangingTransaction(String transactionalId, TopicPartition partition, int coordinator, int replica) {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final long ADMIN_SECONDS = ADMIN_TIMEOUT.toSeconds();

    /** On a cluster of at least two nodes with no pipeline topics yet; returns once the stopped node is back. */
    public static HangingTransaction leaveOne(
            final LocalCluster cluster, final Admin admin, final PipelineSettings settings, final Duration nodeStart)
            throws Exception {
        final String transactionalId = "hanging-" + UUID.randomUUID();
        final TopicPartition partition = new TopicPartition(Topics.CLEAN.name(), 0);
        try (KafkaProducer<byte[], byte[]> producer =
                Clients.producer(settings.withDefault(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId))) {
            producer.initTransactions();
            final int coordinator = admin.describeTransactions(List.of(transactionalId))
                    .description(transactionalId)
                    .get(ADMIN_SECONDS, TimeUnit.SECONDS)
                    .coordinatorId();
            final int replica = cluster.nodeIds().stream()
                    .filter(node -> node != coordinator)
                    .findFirst()
                    .orElseThrow();
            admin.createTopics(List.of(new NewTopic(partition.topic(), Map.of(0, List.of(replica)))
                            .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1"))))
                    .all()
                    .get(ADMIN_SECONDS, TimeUnit.SECONDS);
            cluster.createTopics(ADMIN_TIMEOUT);
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(
                            partition.topic(), 0, bytes("held"), bytes("written in the transaction that hangs")))
                    .get(ADMIN_SECONDS, TimeUnit.SECONDS);

            cluster.stop(replica);
            awaitNoLeader(admin, partition);
            producer.commitTransaction();
            cluster.restart(replica, nodeStart);
            System.out.printf(
                    "[hanging-transaction] committed through node %d while node %d, the partition's only"
                            + " replica, was down; node %d back%n",
                    coordinator, replica, replica);
            return new HangingTransaction(transactionalId, partition, coordinator, replica);
        }
    }

    /** Kafka's way out, as {@code kafka-transactions.sh abort} does it: an abort marker at the partition. */
    public void abort(final Admin admin) throws Exception {
        final ProducerState holder = admin
                .describeProducers(List.of(partition))
                .partitionResult(partition)
                .get(ADMIN_SECONDS, TimeUnit.SECONDS)
                .activeProducers()
                .stream()
                .filter(state -> state.currentTransactionStartOffset().isPresent())
                .findFirst()
                .orElseThrow();
        admin.abortTransaction(new AbortTransactionSpec(
                        partition,
                        holder.producerId(),
                        (short) holder.producerEpoch(),
                        holder.coordinatorEpoch().orElse(-1)))
                .all()
                .get(ADMIN_SECONDS, TimeUnit.SECONDS);
    }

    /** Until the cluster says the partition has no leader, as the coordinator must see it at the commit. */
    private static void awaitNoLeader(final Admin admin, final TopicPartition partition) throws Exception {
        final long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            final Node leader = admin.describeTopics(List.of(partition.topic()))
                    .allTopicNames()
                    .get(ADMIN_SECONDS, TimeUnit.SECONDS)
                    .get(partition.topic())
                    .partitions()
                    .get(partition.partition())
                    .leader();
            if (leader == null || leader.isEmpty()) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("%s still led by %s", partition, leader)
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
