package news.pipeline.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.DeadLetter;
import news.pipeline.serde.AvroSerde;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One processor's real topology and real Streams settings (the dead-letter handler included)
 * under {@link TopologyTestDriver}. Input is piped as raw bytes, so tests can send what
 * no serializer would produce.
 */
public final class TopologyHarness<K, V> implements AutoCloseable {
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<K, V> output;
    private final TestOutputTopic<byte[], DeadLetter> deadLetters;
    private final PipelineMetrics metrics;

    public TopologyHarness(
            final ProcessorApp processor, final TopicSpec<K, V> outputTopic, final Map<String, String> settings) {
        this(processor, outputTopic, settings, PipelineSteps.fromSettings(settings, PipelineMetrics.inMemory()));
    }

    /** The processor's topology around its stage of these steps, counting in the steps' metrics. */
    public TopologyHarness(
            final ProcessorApp processor,
            final TopicSpec<K, V> outputTopic,
            final Map<String, String> settings,
            final PipelineSteps steps) {
        metrics = steps.metrics();
        final Properties props = StreamsSettings.forProcessor(processor, settings, metrics);
        props.put("bootstrap.servers", "unused:9092");
        // Under exactly-once, the driver's mock producer loses the records a deserialization handler
        // returns (they are sent before the driver opens the task's transaction). Routing is what these
        // tests check; PipelineIT checks dead letters under exactly-once on a real broker.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(processor.topology(steps), props);
        input = driver.createInputTopic(processor.input().name(), new ByteArraySerializer(), new ByteArraySerializer());
        output = driver.createOutputTopic(
                outputTopic.name(),
                outputTopic.keySerde().get().deserializer(),
                outputTopic.valueSerde().get().deserializer());
        deadLetters = driver.createOutputTopic(
                Topics.DEAD_LETTER.name(),
                new ByteArrayDeserializer(),
                new AvroSerde<>(DeadLetter.class).deserializer());
    }

    public void pipe(final String key, final byte[] value) {
        input.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    /** Pipes a record that carries one header. */
    public void pipe(final String key, final byte[] value, final String header, final String headerValue) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add(header, headerValue.getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers));
    }

    public List<KeyValue<K, V>> output() {
        return output.readKeyValuesToList();
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        driver.close();
    }
}
