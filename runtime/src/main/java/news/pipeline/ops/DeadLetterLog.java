package news.pipeline.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import news.pipeline.runtime.Clients;
import news.pipeline.schema.DeadLetter;
import news.pipeline.serde.ValueFormat;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads the dead-letter topic: every dead letter, or those since a time, up to its end now. */
public final class DeadLetterLog {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** One dead letter and where it sits on the dead-letter topic. */
    public record Entry(
            int partition,
            long offset,
            Instant timestamp,
            int size,
            DeadLetter letter,
            String error,
            boolean replayed) {
        public String position() {
            return partition + "@" + offset;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<DeadLetter> values;

    /** Dead letters in either framing; registry-framed ones are decoded only with a registry. */
    public DeadLetterLog(final KafkaConsumer<byte[], byte[]> consumer) {
        this(consumer, ValueFormat.singleObject());
    }

    /** @param format the pipeline's value format, whose registry decodes registry-framed dead letters */
    public DeadLetterLog(final KafkaConsumer<byte[], byte[]> consumer, final ValueFormat format) {
        this.consumer = consumer;
        this.values = Topics.DEAD_LETTER.valueSerde(format).deserializer();
    }

    /**
     * @param since only dead letters written at or after this time; null for all
     */
    public List<Entry> read(final Instant since, final Predicate<Entry> filter) {
        final List<TopicPartition> partitions = Clients.partitions(consumer, Topics.DEAD_LETTER.name(), READ_TIMEOUT);
        consumer.assign(partitions);
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        if (since == null) {
            consumer.seekToBeginning(partitions);
        } else {
            final Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, since.toEpochMilli()));
            final Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
            partitions.forEach(p -> consumer.seek(
                    p, starts.get(p) == null ? end.get(p) : starts.get(p).offset()));
        }
        final List<Entry> entries = new ArrayList<>();
        final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
            for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue;
                }
                final Entry entry = decode(record);
                if (filter.test(entry)) {
                    entries.add(entry);
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::timestamp)
                .thenComparing(Entry::partition)
                .thenComparing(Entry::offset));
        return entries;
    }

    private Entry decode(final ConsumerRecord<byte[], byte[]> record) {
        final int size = record.value() == null ? 0 : record.value().length;
        final boolean replayed = PipelineHeaders.isReplayed(record.headers());
        try {
            return new Entry(
                    record.partition(),
                    record.offset(),
                    Instant.ofEpochMilli(record.timestamp()),
                    size,
                    values.deserialize(record.topic(), record.value()),
                    null,
                    replayed);
        } catch (RuntimeException e) {
            return new Entry(
                    record.partition(),
                    record.offset(),
                    Instant.ofEpochMilli(record.timestamp()),
                    size,
                    null,
                    "not a DeadLetter: " + e.getMessage(),
                    replayed);
        }
    }
}
