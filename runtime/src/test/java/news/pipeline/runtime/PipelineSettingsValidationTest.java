package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.streams.PipelineConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's own settings are checked when the layers are merged: a value that is not allowed,
 * or a news.pipeline.* key that is not a setting, stops the command with one line saying which key,
 * which value, and what is allowed. Kafka's own keys are Kafka's to check.
 */
class PipelineSettingsValidationTest {
    private static final String KNOWN = "known news.pipeline settings: news.pipeline.application.id.prefix, "
            + "news.pipeline.cleaner.max.content.bytes, news.pipeline.schema.registry";

    @TempDir
    Path dir;

    @Test
    void aSizeThatIsNotANumberIsRefusedNamingTheKeyTheValueAndWhatIsAllowed() {
        assertThatThrownBy(() -> PipelineSettings.resolve(
                        null, Map.of(), Map.of(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "news.pipeline.cleaner.max.content.bytes=abc: not a whole number; allowed: an integer >= 1024 (bytes)");
    }

    @Test
    void aNegativeSizeIsRefused() {
        assertThatThrownBy(() ->
                        PipelineSettings.resolve(null, Map.of(), Map.of(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, "-5")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "news.pipeline.cleaner.max.content.bytes=-5: out of range; allowed: an integer >= 1024 (bytes)");
    }

    @Test
    void aSizeBelowTheLowerBoundIsRefused() {
        assertThatThrownBy(() -> PipelineSettings.resolve(
                        null, Map.of(), Map.of(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, "1023")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("news.pipeline.cleaner.max.content.bytes=1023: out of range;");
    }

    @Test
    void aMistypedKeyIsRefusedWithTheClosestSettingAndTheKnownOnes() {
        assertThatThrownBy(() -> PipelineSettings.resolve(
                        null, Map.of(), Map.of("news.pipeline.cleaner.max.content.byte", "65536")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown setting news.pipeline.cleaner.max.content.byte"
                        + " (did you mean news.pipeline.cleaner.max.content.bytes?); " + KNOWN);
    }

    @Test
    void anUnknownKeyFromTheEnvironmentIsRefusedToo() {
        assertThatThrownBy(() -> PipelineSettings.resolve(null, Map.of("NEWS_PIPELINE_RETRIES", "3"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown setting news.pipeline.retries; " + KNOWN);
    }

    @Test
    void aBadValueInTheConfigFileIsRefused() throws Exception {
        final Path file = dir.resolve("pipeline.properties");
        Files.writeString(file, "bootstrap.servers=kafka:9092\nnews.pipeline.application.id.prefix=news pipeline\n");

        assertThatThrownBy(() -> PipelineSettings.resolve(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("news.pipeline.application.id.prefix=news pipeline: not allowed;"
                        + " allowed: letters, digits, '.', '_' and '-'");
    }

    @Test
    void aKeyThePipelineSetsItselfIsNotASetting() {
        for (final String internal : new String[] {
            PipelineConfig.PROCESSOR_CONFIG, PipelineConfig.PROCESSOR_VERSION_CONFIG, PipelineConfig.METRICS_CONFIG
        }) {
            assertThatThrownBy(() -> PipelineSettings.resolve(null, Map.of(), Map.of(internal, "x")))
                    .as(internal)
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(internal + " is set by the pipeline itself, not a setting; " + KNOWN);
        }
    }

    @Test
    void aValueMadeLaterIsCheckedToo() {
        final PipelineSettings settings = PipelineSettings.resolve(null, Map.of(), Map.of());
        assertThatThrownBy(() -> settings.withDefault(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, "4 MiB"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("news.pipeline.cleaner.max.content.bytes=4 MiB: not a whole number;");
    }

    @Test
    void aValueWithALineBreakStillGivesAOneLineMessage() {
        assertThatThrownBy(() -> PipelineSettings.resolve(
                        null, Map.of(), Map.of(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, "12\n34")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "news.pipeline.cleaner.max.content.bytes=12\\n34: not a whole number; allowed: an integer >= 1024 (bytes)");
    }

    @Test
    void goodValuesPassFromEveryLayerAndAreReadParsed() throws Exception {
        final Path file = dir.resolve("pipeline.properties");
        Files.writeString(file, "news.pipeline.application.id.prefix=staging.news-pipeline\n");

        final PipelineSettings settings = PipelineSettings.resolve(
                file,
                Map.of("NEWS_PIPELINE_CLEANER_MAX_CONTENT_BYTES", "1024"),
                Map.of(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, " 65536 "));

        assertThat(settings.pipelineConfig().maxContentBytes()).isEqualTo(65536);
        assertThat(settings.pipelineConfig().applicationIdPrefix()).isEqualTo("staging.news-pipeline");
        assertThat(settings.asMap()).containsEntry(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, " 65536 ");
    }

    @Test
    void defaultsApplyWhenNoLayerSetsAValue() {
        final PipelineSettings settings = PipelineSettings.resolve(null, Map.of(), Map.of());

        assertThat(settings.pipelineConfig().maxContentBytes())
                .isEqualTo(ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES)
                .isEqualTo(4 * 1024 * 1024);
        assertThat(settings.pipelineConfig().applicationIdPrefix()).isEqualTo("news-pipeline");
        assertThat(settings.asMap())
                .doesNotContainKeys(
                        PipelineConfig.MAX_CONTENT_BYTES_CONFIG, PipelineConfig.APPLICATION_ID_PREFIX_CONFIG);
    }

    @Test
    void kafkasOwnKeysPassThroughUnchecked() {
        final PipelineSettings settings =
                PipelineSettings.resolve(null, Map.of("KAFKA_LINGER_MS", "soon"), Map.of("some.plugin.setting", "x"));

        assertThat(settings.clientSettings())
                .containsEntry("linger.ms", "soon")
                .containsEntry("some.plugin.setting", "x");
    }

    @Test
    void aConfigFileThatCannotBeReadIsAConfigExceptionNamingIt() {
        // A folder: the tests run as root, whom a missing read permission does not stop.
        assertThatThrownBy(() -> PipelineSettings.resolve(dir, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot read config file " + dir + ": Is a directory");
    }
}
