package news.pipeline.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import news.pipeline.metrics.PipelineMetrics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
    private static final String BOOTSTRAP = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;

    @Test
    void theProcessorsDefaultsAreExactlyOnceWithLargeLz4Batches() {
        final Properties props = StreamsSettings.forProcessor(
                ProcessorApp.CLEANER, Map.of(BOOTSTRAP, "127.0.0.1:9092"), PipelineMetrics.inMemory());

        final StreamsConfig config = new StreamsConfig(props);
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("news-pipeline-cleaner");
        final Map<String, Object> producer = config.getProducerConfigs("client");
        assertThat(producer.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("lz4");
        assertThat(producer.get(ProducerConfig.BATCH_SIZE_CONFIG)).isEqualTo(String.valueOf(256 * 1024));
        assertThat(producer.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG))
                .isEqualTo(String.valueOf(StreamsSettings.MAX_REQUEST_BYTES));
    }

    @Test
    void aUsersSettingWinsOverTheDefault() {
        final Properties props = StreamsSettings.forProcessor(
                ProcessorApp.TAGGER,
                Map.of(
                        BOOTSTRAP,
                        "127.0.0.1:9092",
                        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                        "200",
                        "producer.linger.ms",
                        "20",
                        "producer.compression.type",
                        "zstd"),
                PipelineMetrics.inMemory());

        final StreamsConfig config = new StreamsConfig(props);
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(200L);
        assertThat(config.getProducerConfigs("client").get(ProducerConfig.COMPRESSION_TYPE_CONFIG))
                .isEqualTo("zstd");
        assertThat(props.getProperty("producer.linger.ms")).isEqualTo("20");
    }
}
