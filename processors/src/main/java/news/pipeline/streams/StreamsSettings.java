package news.pipeline.streams;

import java.util.Map;
import java.util.Properties;
import news.pipeline.deadletter.DeadLetterHandler;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of one processor: the pipeline's defaults, then the user's
 * settings on top. Any Kafka client or Streams setting (security included) passes through as given.
 */
public final class StreamsSettings {
    /**
     * Largest record the processors' producers send: above a raw record's limit
     * ({@link Topics#RAW_MAX_MESSAGE_BYTES}, 16 MiB), because a dead letter carries its source
     * record whole, with room for the reason and the source's metadata; below what the output and
     * dead-letter topics accept ({@link Topics#OUTPUT_MAX_MESSAGE_BYTES}, 24 MiB), so that the
     * producer, not the broker, refuses a record too large. The cleaner and tagger refuse an output
     * larger than this while processing (see OutputLimit).
     */
    public static final int MAX_REQUEST_BYTES = 20 * 1024 * 1024;

    private StreamsSettings() {}

    /** The processors' producer max.request.size: the user's if set, else {@link #MAX_REQUEST_BYTES}. */
    public static int maxRequestBytes(final Map<String, String> settings) {
        final String prefixed = StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        // As Kafka Streams does: the producer-prefixed setting wins over the plain one.
        final String name = settings.containsKey(prefixed) ? prefixed : ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
        final String value = settings.get(name);
        // Kafka's own setting: parsed as Kafka parses it, with Kafka's message when it is not a number.
        return value == null ? MAX_REQUEST_BYTES : (Integer) ConfigDef.parseType(name, value, ConfigDef.Type.INT);
    }

    public static String applicationId(final ProcessorApp processor, final Map<String, String> settings) {
        return new PipelineConfig(settings).applicationIdPrefix() + "-" + processor.id();
    }

    /**
     * @param settings merged user settings (Kafka configs and news.pipeline.* keys); they win over defaults
     */
    public static Properties forProcessor(
            final ProcessorApp processor, final Map<String, String> settings, final PipelineMetrics metrics) {
        return forProcessor(processor, settings, metrics, null);
    }

    /**
     * @param settings merged user settings (Kafka configs and news.pipeline.* keys); they win over defaults
     * @param byCountryTap where the publisher's producers hand the by-country records they send; null for none
     */
    public static Properties forProcessor(
            final ProcessorApp processor,
            final Map<String, String> settings,
            final PipelineMetrics metrics,
            final ByCountryTap byCountryTap) {
        final Properties props = new Properties();
        props.putAll(settings);
        // An object, not a string: Kafka Streams hands config originals to the handlers it creates.
        // Put after the user's settings, as the other internal keys, so that nothing replaces it.
        props.put(PipelineConfig.METRICS_CONFIG, metrics);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(processor, settings));
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putIfAbsent(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.putIfAbsent(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        props.putIfAbsent(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER.name());
        props.put(PipelineConfig.PROCESSOR_CONFIG, processor.id());
        props.put(PipelineConfig.PROCESSOR_VERSION_CONFIG, processor.version());
        // Refuse generated operator names: they would change whenever the topology changes.
        props.putIfAbsent(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        props.putIfAbsent(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                String.valueOf(MAX_REQUEST_BYTES));
        ClientDefaults.PRODUCER.forEach((name, value) -> props.putIfAbsent(StreamsConfig.producerPrefix(name), value));
        ClientDefaults.CONSUMER.forEach((name, value) -> props.putIfAbsent(StreamsConfig.consumerPrefix(name), value));
        if (byCountryTap != null && processor == ProcessorApp.PUBLISHER) {
            byCountryTap.installIn(props);
        }
        return props;
    }
}
