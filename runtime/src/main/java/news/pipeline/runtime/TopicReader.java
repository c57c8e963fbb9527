package news.pipeline.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import news.pipeline.topics.TopicSpec;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a pipeline topic from all its partitions without joining a group, decoding each record
 * with the registry's serdes into one JSON object: topic, partition, offset, timestamp, key, value.
 * A value that does not decode is shown with the error and its bytes, never skipped.
 */
public final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicSpec<?, ?> topic;
    private final List<TopicPartition> partitions;
    private final Deserializer<?> values;

    /** Values in either framing; registry-framed ones are decoded with the settings' registry. */
    public TopicReader(final PipelineSettings settings, final TopicSpec<?, ?> topic, final boolean fromBeginning) {
        this.values = topic.valueSerde(settings.valueFormat()).deserializer();
        this.consumer = Clients.reader(settings);
        this.topic = topic;
        final List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new MissingTopicException(topic.name(), settings.bootstrapServers());
        }
        this.partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        // Resolve the positions now, so that records written after this call are never missed.
        partitions.forEach(consumer::position);
    }

    /** End offsets now: reading up to them means "caught up". */
    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions);
    }

    /**
     * Polls and hands each decoded record to the sink until {@code done} says so.
     *
     * @param done asked after each poll, with the consumer's positions
     */
    public void read(final Consumer<ObjectNode> sink, final Predicate<Map<TopicPartition, Long>> done) {
        while (true) {
            for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                sink.accept(toJson(record));
            }
            final Map<TopicPartition, Long> positions = new HashMap<>();
            partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
            if (done.test(positions)) {
                return;
            }
        }
    }

    public ObjectNode toJson(final ConsumerRecord<byte[], byte[]> record) {
        final ObjectNode node = AvroJson.MAPPER.createObjectNode();
        node.put("topic", record.topic());
        node.put("partition", record.partition());
        node.put("offset", record.offset());
        node.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        node.set("key", record.key() == null ? node.nullNode() : AvroJson.bytes(ByteBuffer.wrap(record.key())));
        if (record.value() == null) {
            node.putNull("value");
            return node;
        }
        try {
            final Object value = values.deserialize(record.topic(), record.value());
            node.set("value", AvroJson.toJson((IndexedRecord) value));
        } catch (RuntimeException e) {
            node.putNull("value");
            node.put("error", "cannot decode as " + topic.valueSchema() + ": " + e.getMessage());
            node.set("value_bytes", AvroJson.bytes(ByteBuffer.wrap(record.value())));
        }
        return node;
    }

    /** The keys of every committed record of the topic now, as UTF-8 strings. */
    public static Set<String> keys(final PipelineSettings settings, final TopicSpec<?, ?> topic) {
        final Set<String> keys = new HashSet<>();
        for (final ConsumerRecord<byte[], byte[]> record : readToEnd(settings, topic.name(), Duration.ofMinutes(2))) {
            if (record.key() != null) {
                keys.add(new String(record.key(), StandardCharsets.UTF_8));
            }
        }
        return keys;
    }

    /**
     * Every committed record of the topic, from the beginning up to its end as a read_committed
     * consumer sees it now (the last stable offset): what a downstream consumer would get.
     *
     * @throws IllegalStateException when the end is not reached within the timeout
     */
    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(
            final PipelineSettings settings, final String topic, final Duration timeout) {
        return readToEnd(settings, topic, Map.of(), timeout);
    }

    /**
     * As {@link #readToEnd(PipelineSettings, String, Duration)}, from these offsets instead of the
     * beginning (a partition not given is read from its beginning): what came after a moment whose
     * end offsets were kept.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(
            final PipelineSettings settings,
            final String topic,
            final Map<TopicPartition, Long> from,
            final Duration timeout) {
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(settings)) {
            final List<TopicPartition> partitions = Clients.partitions(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            from.forEach((partition, offset) -> {
                if (partitions.contains(partition)) {
                    consumer.seek(partition, offset);
                }
            });
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream()
                    .anyMatch(partition -> consumer.position(partition, timeout) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end offsets " + ends + " in "
                            + timeout + "; read " + records.size() + " records");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
