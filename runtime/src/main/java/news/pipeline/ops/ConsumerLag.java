package news.pipeline.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import news.pipeline.topics.KafkaFutures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a Kafka Streams application) is behind on its input topic, per
 * partition: in records, and in time, as the age of the oldest record it has not processed yet.
 *
 * <p>Correct under exactly-once: end offsets are the last stable offsets (what a read_committed
 * reader can reach), and the records behind are counted by reading them, so the offsets taken by
 * transaction markers and aborted records do not show as lag. A partition whose offset difference
 * is above the exact-count limit ({@link #EXACT_COUNT_LIMIT} unless told otherwise) is not counted:
 * the offset difference is given and marked inexact, and only its oldest unprocessed record is
 * read, for the time behind.
 */
public final class ConsumerLag {
    /** Beyond this offset difference in one partition, the count is the offset difference (the lag command's). */
    public static final int EXACT_COUNT_LIMIT = 10_000;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** One partition of one application's input. */
    public record PartitionLag(
            String application,
            String topic,
            int partition,
            Long committed,
            long end,
            long recordsBehind,
            boolean exact,
            Instant oldestUnprocessed,
            Duration timeBehind) {}

    /** One application's lag on its input topic. */
    public record ApplicationLag(String application, String topic, List<PartitionLag> partitions) {
        public long recordsBehind() {
            return partitions.stream().mapToLong(PartitionLag::recordsBehind).sum();
        }

        /** The largest time behind over the partitions: how old the oldest unprocessed record is. */
        public Duration timeBehind() {
            return partitions.stream()
                    .map(PartitionLag::timeBehind)
                    .max(Comparator.naturalOrder())
                    .orElse(Duration.ZERO);
        }

        public boolean caughtUp() {
            return recordsBehind() == 0;
        }

        /** Each partition's end as measured, for a read_committed reader: its last stable offset. */
        public Map<TopicPartition, Long> lastStableOffsets() {
            final Map<TopicPartition, Long> offsets = new HashMap<>();
            partitions.forEach(lag -> offsets.put(new TopicPartition(topic, lag.partition()), lag.end()));
            return offsets;
        }
    }

    private final Admin admin;
    private final KafkaConsumer<?, ?> reader;
    private final long exactCountLimit;

    /**
     * @param reader a read_committed consumer with no group, used to look at unprocessed records
     */
    public ConsumerLag(final Admin admin, final KafkaConsumer<?, ?> reader) {
        this(admin, reader, EXACT_COUNT_LIMIT);
    }

    /**
     * @param reader a read_committed consumer with no group, used to look at unprocessed records (only
     *     their offsets and timestamps: its deserializers may keep nothing of their bytes)
     * @param exactCountLimit the largest offset difference whose records are counted in a partition;
     *     a sampler that measures often gives a smaller one, so that a backlog costs it one record a
     *     partition instead of thousands
     */
    public ConsumerLag(final Admin admin, final KafkaConsumer<?, ?> reader, final long exactCountLimit) {
        if (exactCountLimit < 0) {
            throw new IllegalArgumentException("exactCountLimit must not be negative: " + exactCountLimit);
        }
        this.admin = admin;
        this.reader = reader;
        this.exactCountLimit = exactCountLimit;
    }

    public ApplicationLag measure(final String application, final String topic, final Instant now)
            throws InterruptedException, TimeoutException {
        final Map<TopicPartition, OffsetAndMetadata> committed = KafkaFutures.await(
                admin.listConsumerGroupOffsets(application).partitionsToOffsetAndMetadata(), ADMIN_TIMEOUT);
        final TopicDescription description = KafkaFutures.await(
                        admin.describeTopics(List.of(topic)).allTopicNames(), ADMIN_TIMEOUT)
                .get(topic);
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        final Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        description.partitions().forEach(info -> {
            latest.put(new TopicPartition(topic, info.partition()), OffsetSpec.latest());
            earliest.put(new TopicPartition(topic, info.partition()), OffsetSpec.earliest());
        });
        final ListOffsetsOptions readCommitted = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                KafkaFutures.await(admin.listOffsets(latest, readCommitted).all(), ADMIN_TIMEOUT);
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                KafkaFutures.await(admin.listOffsets(earliest, readCommitted).all(), ADMIN_TIMEOUT);

        final List<PartitionLag> partitions = new ArrayList<>();
        for (final TopicPartition partition : latest.keySet().stream()
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList()) {
            final OffsetAndMetadata offset = committed.get(partition);
            final Long committedOffset = offset == null ? null : offset.offset();
            final long end = ends.get(partition).offset();
            // A group that never committed here will start from the earliest record (auto.offset.reset=earliest).
            final long from = committedOffset != null
                    ? committedOffset
                    : starts.get(partition).offset();
            partitions.add(behind(application, partition, committedOffset, from, end, now));
        }
        return new ApplicationLag(application, topic, partitions);
    }

    /** The lag of each processor's application on its input topic, measured now. */
    public List<ApplicationLag> measure(final List<ProcessorApp> processors, final Map<String, String> settings)
            throws InterruptedException, TimeoutException {
        final Instant now = Instant.now();
        final List<ApplicationLag> measured = new ArrayList<>();
        for (final ProcessorApp processor : processors) {
            measured.add(measure(
                    StreamsSettings.applicationId(processor, settings),
                    processor.input().name(),
                    now));
        }
        return measured;
    }

    private PartitionLag behind(
            final String application,
            final TopicPartition partition,
            final Long committed,
            final long from,
            final long end,
            final Instant now) {
        if (from >= end) {
            return new PartitionLag(
                    application,
                    partition.topic(),
                    partition.partition(),
                    committed,
                    end,
                    0,
                    true,
                    null,
                    Duration.ZERO);
        }
        reader.assign(List.of(partition));
        reader.seek(partition, from);
        // Markers and aborted records only add offsets: a larger difference cannot hold a count within the limit.
        final boolean counting = end - from <= exactCountLimit;
        long counted = 0;
        Instant oldest = null;
        final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (reader.position(partition) < end && (counting || oldest == null) && System.nanoTime() < deadline) {
            for (final ConsumerRecord<?, ?> record : reader.poll(Duration.ofMillis(100))) {
                if (record.offset() >= end) {
                    break;
                }
                if (oldest == null) {
                    oldest = Instant.ofEpochMilli(record.timestamp());
                }
                counted++;
            }
        }
        final boolean exact = counting && reader.position(partition) >= end;
        final long records = exact ? counted : end - from;
        final Duration time = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
        return new PartitionLag(
                application, partition.topic(), partition.partition(), committed, end, records, exact, oldest, time);
    }
}
