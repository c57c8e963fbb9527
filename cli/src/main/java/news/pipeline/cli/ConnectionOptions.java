package news.pipeline.cli;

import java.time.Duration;
import java.util.Map;
import news.pipeline.runtime.ConnectionCheck;
import news.pipeline.runtime.PipelineSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that talks to Kafka shares. See {@link PipelineSettings} for precedence. */
public final class ConnectionOptions {

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description =
                    "Kafka cluster to use. Default: 127.0.0.1:9092 (for run and demo: start the embedded broker there).")
    String bootstrapServers;

    @Mixin
    SettingsOptions files = new SettingsOptions();

    @Option(
            names = "--connect-timeout",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description =
                    "Give up when the cluster has not answered within SECONDS, with one line saying why. Default: ${DEFAULT-VALUE}.")
    long connectTimeoutSeconds;

    public PipelineSettings settings() {
        return files.resolve(
                bootstrapServers == null ? Map.of() : Map.of(PipelineSettings.BOOTSTRAP_SERVERS, bootstrapServers));
    }

    /**
     * The settings, once the cluster has answered and has the topics given: else one line and a
     * quick exit. Their bootstrap.servers are those that answered as Kafka, so that the command's
     * clients do not first try one that does not.
     */
    public PipelineSettings connect(final String... topics) {
        return check(settings(), topics);
    }

    /**
     * Checks that the cluster the settings name answers, and has the topics given.
     *
     * @return the settings with bootstrap.servers narrowed to the servers that answered as Kafka
     */
    public PipelineSettings check(final PipelineSettings settings, final String... topics) {
        if (connectTimeoutSeconds <= 0) {
            throw new UserError("--connect-timeout must be at least 1 second, not " + connectTimeoutSeconds);
        }
        return ConnectionCheck.reachable(settings, Duration.ofSeconds(connectTimeoutSeconds), topics);
    }
}
