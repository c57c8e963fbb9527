package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The commands' clients and the processors' start from the same producer and consumer defaults. */
class ClientsTest {

    @Test
    void theCommandsAndTheProcessorsShareTheClientDefaults() {
        final PipelineSettings settings = PipelineSettings.resolve(null, Map.of(), Map.of());
        final Map<String, Object> producer = Clients.producerConfig(settings);
        final Map<String, Object> reader = Clients.readerConfig(settings);
        final StreamsConfig streams = new StreamsConfig(
                StreamsSettings.forProcessor(ProcessorApp.CLEANER, settings.asMap(), PipelineMetrics.inMemory()));
        final Map<String, Object> streamsProducer = streams.getProducerConfigs("client");
        final Map<String, Object> streamsConsumer = streams.getMainConsumerConfigs("group", "client", 0);

        for (final String key : new String[] {
            ProducerConfig.COMPRESSION_TYPE_CONFIG, ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.BATCH_SIZE_CONFIG
        }) {
            assertThat(producer.get(key)).as(key).isEqualTo(streamsProducer.get(key));
        }
        assertThat(producer)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        assertThat(reader.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG))
                .isEqualTo(streamsConsumer.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG))
                .isEqualTo(String.valueOf(4 * 1024 * 1024));
    }

    @Test
    void theCommandsMaySendWhatTheLargestTopicTakesAndTheProcessorsLess() {
        final PipelineSettings settings = PipelineSettings.resolve(null, Map.of(), Map.of());
        final Properties processor =
                StreamsSettings.forProcessor(ProcessorApp.TAGGER, settings.asMap(), PipelineMetrics.inMemory());

        assertThat(Clients.producerConfig(settings))
                .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(24 * 1024 * 1024));
        assertThat(processor.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)))
                .isEqualTo(String.valueOf(20 * 1024 * 1024));
    }

    @Test
    void aUsersSettingWinsOverTheDefaults() {
        final PipelineSettings settings = PipelineSettings.resolve(
                null,
                Map.of("KAFKA_LINGER_MS", "20"),
                Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1048576"));

        assertThat(Clients.producerConfig(settings)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
        assertThat(Clients.readerConfig(settings))
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1048576");
    }
}
