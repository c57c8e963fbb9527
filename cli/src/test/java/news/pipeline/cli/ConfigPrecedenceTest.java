package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import news.pipeline.runtime.PipelineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrecedenceTest {

    @TempDir
    Path dir;

    @Test
    void flagsBeatTheEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
        final Path file = dir.resolve("pipeline.properties");
        Files.writeString(
                file, "bootstrap.servers=file:9092\nlinger.ms=1\nclient.id=from-file\nsecurity.protocol=SSL\n");

        final PipelineSettings settings = PipelineSettings.resolve(
                file,
                Map.of("KAFKA_LINGER_MS", "2", "KAFKA_CLIENT_ID", "from-env", "PATH", "/usr/bin"),
                Map.of("client.id", "from-flag"));

        assertThat(settings.asMap())
                .containsEntry("bootstrap.servers", "file:9092")
                .containsEntry("linger.ms", "2")
                .containsEntry("client.id", "from-flag")
                .containsEntry("security.protocol", "SSL")
                .doesNotContainKey("path");
        assertThat(settings.bootstrapGiven()).isTrue();
    }

    @Test
    void withNoClusterNamedTheDefaultIsLocalAndMarkedAsNotGiven() {
        final PipelineSettings settings = PipelineSettings.resolve(null, Map.of(), Map.of());
        assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.bootstrapGiven()).isFalse();
    }

    @Test
    void pipelineEnvironmentVariablesBecomePipelineSettingsButLauncherVariablesDoNot() {
        final Map<String, String> settings = PipelineSettings.fromEnvironment(Map.of(
                "NEWS_PIPELINE_CLEANER_MAX_CONTENT_BYTES", "1000",
                "NEWS_PIPELINE_HOME", "/opt/news",
                "KAFKA_SASL_JAAS_CONFIG", "secret",
                "KAFKA_HEAP_OPTS", "-Xmx1g"));
        assertThat(settings).containsOnlyKeys("news.pipeline.cleaner.max.content.bytes", "sasl.jaas.config");
    }

    @Test
    void clientSettingsPassSecuritySettingsThroughAndLeaveThePipelinesOwnOut() {
        final PipelineSettings settings = PipelineSettings.resolve(
                null,
                Map.of(),
                Map.of(
                        "security.protocol",
                        "SASL_SSL",
                        "sasl.mechanism",
                        "SCRAM-SHA-512",
                        "news.pipeline.cleaner.max.content.bytes",
                        "4096"));
        assertThat(settings.clientSettings())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKey("news.pipeline.cleaner.max.content.bytes");
    }
}
