package news.pipeline.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.pipeline.ops.TransactionHolds;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * What a fault test prints when the pipeline stops making progress: for each processor, its
 * stream threads and their tasks, its group's members and their partitions, and how far the group
 * has committed on each input partition; for every topic partition whose last stable offset lags
 * its end, the transaction holding it open; and where each stream thread of the JVM is. A stall with every processor RUNNING may be a
 * read_committed reader held back by an open transaction, a partition owned by a member that does
 * not process it, or the test's own reader; this tells which without a rerun.
 */
public final class StallReport {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final long TIMEOUT_MS = TIMEOUT.toMillis();
    private static final List<String> TOPICS =
            List.of(Topics.RAW.name(), Topics.CLEAN.name(), Topics.ENRICHED.name(), Topics.BY_COUNTRY.name());
    /** Enough of a stream thread's stack to see what it waits on, under Kafka's own loop. */
    private static final int STACK_FRAMES = 12;

    private StallReport() {}

    /** Never throws: a report that cannot be read says why instead. */
    public static String of(final PipelineSettings settings, final Map<ProcessorApp, KafkaStreams> streams) {
        final StringBuilder report = new StringBuilder();
        streams.forEach((processor, app) -> threads(report, processor, app));
        stacks(report);
        try (Admin admin = Clients.admin(settings)) {
            final Map<TopicPartition, Long> ends = new TreeMap<>(StallReport::byName);
            for (final String topic : TOPICS) {
                ends.putAll(offsets(admin, partitions(admin, topic), IsolationLevel.READ_UNCOMMITTED));
            }
            for (final ProcessorApp processor : ProcessorApp.values()) {
                final String group = StreamsSettings.applicationId(processor, settings.asMap());
                final ConsumerGroupDescription members = admin.describeConsumerGroups(List.of(group))
                        .describedGroups()
                        .get(group)
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                report.append("\n  ").append(group).append(' ').append(members.groupState());
                for (final MemberDescription member : members.members()) {
                    report.append("\n    member ")
                            .append(member.clientId())
                            .append(" from ")
                            .append(member.host())
                            .append(" partitions ")
                            .append(member.assignment().topicPartitions().stream()
                                    .map(TopicPartition::partition)
                                    .sorted()
                                    .toList());
                }
                final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                report.append("\n  ").append(processor.id()).append(" committed/end:");
                ends.forEach((partition, end) -> {
                    if (partition.topic().equals(processor.input().name())) {
                        final OffsetAndMetadata offset = committed.get(partition);
                        report.append(' ')
                                .append(partition.partition())
                                .append('=')
                                .append(offset == null ? "-" : String.valueOf(offset.offset()))
                                .append('/')
                                .append(end);
                    }
                });
            }
            for (final String topic : TOPICS) {
                for (final TransactionHolds.Hold hold : TransactionHolds.of(admin, topic, TIMEOUT)) {
                    report.append("\n  ").append(hold.describe());
                }
            }
            final Collection<TransactionListing> transactions =
                    admin.listTransactions().all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            for (final TransactionListing transaction : transactions) {
                report.append("\n  transaction ")
                        .append(transaction.transactionalId())
                        .append(" producer ")
                        .append(transaction.producerId())
                        .append(' ')
                        .append(transaction.state());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.append("\n  (interrupted)");
        } catch (Exception e) {
            report.append("\n  (cannot read the broker: ").append(e).append(')');
        }
        return report.toString();
    }

    /**
     * The transactions left hanging on the pipeline's topics: open on a partition while their
     * coordinator has ended them, so that no marker will ever come. Kafka's to answer for, not the
     * processors': a read_committed reader stops before one for good.
     */
    public static List<TransactionHolds.Hold> hangingTransactions(final PipelineSettings settings)
            throws InterruptedException, TimeoutException {
        try (Admin admin = Clients.admin(settings)) {
            final List<TransactionHolds.Hold> hanging = new ArrayList<>();
            for (final String topic : TOPICS) {
                TransactionHolds.of(admin, topic, TIMEOUT).stream()
                        .filter(TransactionHolds.Hold::hanging)
                        .forEach(hanging::add);
            }
            return hanging;
        }
    }

    /**
     * Where each stream thread of this JVM is now: a thread that is RUNNING yet delivers nothing is
     * either waiting on the broker (a send, a commit, a poll) or busy, and its top frames tell which.
     */
    private static void stacks(final StringBuilder report) {
        Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().contains("StreamThread"))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Thread::getName)))
                .forEach(thread -> {
                    report.append("\n  ")
                            .append(thread.getKey().getName())
                            .append(' ')
                            .append(thread.getKey().getState());
                    Arrays.stream(thread.getValue())
                            .limit(STACK_FRAMES)
                            .forEach(frame -> report.append("\n      at ").append(frame));
                });
    }

    private static void threads(final StringBuilder report, final ProcessorApp processor, final KafkaStreams app) {
        report.append("\n  ").append(processor.id()).append(' ').append(app.state());
        try {
            for (final ThreadMetadata thread : app.metadataForLocalThreads()) {
                report.append("\n    ")
                        .append(thread.threadName())
                        .append(' ')
                        .append(thread.threadState())
                        .append(" active ")
                        .append(thread.activeTasks().stream()
                                .map(task -> task.taskId().toString())
                                .sorted()
                                .toList());
            }
        } catch (RuntimeException e) {
            report.append(" (threads not readable: ").append(e).append(')');
        }
    }

    private static List<TopicPartition> partitions(final Admin admin, final String topic) throws Exception {
        return admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .get(topic)
                .partitions()
                .stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    private static Map<TopicPartition, Long> offsets(
            final Admin admin, final List<TopicPartition> partitions, final IsolationLevel isolation) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation))
                .all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static int byName(final TopicPartition a, final TopicPartition b) {
        final int topic = a.topic().compareTo(b.topic());
        return topic != 0 ? topic : Integer.compare(a.partition(), b.partition());
    }
}
