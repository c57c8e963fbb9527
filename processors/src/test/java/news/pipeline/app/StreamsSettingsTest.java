package news.pipeline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import news.pipeline.metrics.PipelineMetrics;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
    private static final String BOOTSTRAP = StreamsConfig.BOOTSTRAP_SERVERS_CONFIG;

    @Test
    void theProcessorsDefaultsAreExactlyOnceCommittingEvery200Ms() {
        final Properties props = StreamsSettings.forProcessor(PipelineProcessor.CLEANER, Map.of(BOOTSTRAP, "127.0.0.1:9092"),
                PipelineMetrics.inMemory());

        final StreamsConfig config = new StreamsConfig(props);
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(200L);
        assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("news-pipeline-cleaner");
    }

    @Test
    void aUsersSettingWinsOverTheDefault() {
        final Properties props = StreamsSettings.forProcessor(PipelineProcessor.TAGGER,
                Map.of(BOOTSTRAP, "127.0.0.1:9092", StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000", "producer.linger.ms", "20"),
                PipelineMetrics.inMemory());

        assertThat(new StreamsConfig(props).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1000L);
        assertThat(props.getProperty("producer.linger.ms")).isEqualTo("20");
    }
}
