package news.pipeline.runtime;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.streams.ClientDefaults;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients for the commands, with the user's settings (security included) passed through. */
public final class Clients {
    /**
     * A raw page may be several MiB; the 1 MiB default would refuse it before the cleaner could
     * judge it. The commands write to any pipeline topic (ingest to raw, dlq retry and replay to the
     * others), so they may send what the largest of them accepts, and the topic judges.
     */
    static final int MAX_REQUEST_BYTES = Topics.OUTPUT_MAX_MESSAGE_BYTES;

    private Clients() {}

    public static Admin admin(final PipelineSettings settings) {
        return Admin.create(adminConfig(settings));
    }

    public static KafkaProducer<byte[], byte[]> producer(final PipelineSettings settings) {
        return new KafkaProducer<>(producerConfig(settings), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer with no group: it reads only committed transactions, and the caller assigns partitions. */
    public static KafkaConsumer<byte[], byte[]> reader(final PipelineSettings settings) {
        return new KafkaConsumer<>(readerConfig(settings), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A topic's partitions, in order, for a consumer to assign; empty when the topic does not
     * exist (or the metadata did not come within the timeout).
     */
    public static List<TopicPartition> partitions(
            final Consumer<?, ?> consumer, final String topic, final Duration timeout) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null
                ? List.of()
                : infos.stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition))
                        .toList();
    }

    /** The admin client's configuration: the user's client settings (security included) as given. */
    public static Map<String, Object> adminConfig(final PipelineSettings settings) {
        return new HashMap<>(settings.clientSettings());
    }

    /** The producer's configuration: the user's client settings, then the ingest defaults where they set nothing. */
    public static Map<String, Object> producerConfig(final PipelineSettings settings) {
        final Map<String, Object> config = new HashMap<>(settings.clientSettings());
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        ClientDefaults.PRODUCER.forEach(config::putIfAbsent);
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_REQUEST_BYTES));
        return config;
    }

    /** The reader's configuration: the user's client settings, with no group and read_committed unless told otherwise. */
    public static Map<String, Object> readerConfig(final PipelineSettings settings) {
        final Map<String, Object> config = new HashMap<>(settings.clientSettings());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ClientDefaults.CONSUMER.forEach(config::putIfAbsent);
        return config;
    }
}
