package news.pipeline.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import news.pipeline.runtime.PipelineSettings;

/** The options every command that talks to Kafka shares. See {@link PipelineSettings} for precedence. */
public final class ConnectionOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka cluster to use. Default: 127.0.0.1:9092 (for run and demo: start the embedded broker there).")
    String bootstrapServers;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Properties file of settings: any Kafka client or Streams setting (security.protocol, sasl.*, ssl.*...) and news.pipeline.* keys.")
    Path configFile;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "One setting, overriding the file and the environment. Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    public PipelineSettings settings() {
        final Map<String, String> flags = new LinkedHashMap<>(overrides);
        if (bootstrapServers != null) {
            flags.put(PipelineSettings.BOOTSTRAP_SERVERS, bootstrapServers);
        }
        return PipelineSettings.resolve(configFile, System.getenv(), flags);
    }
}
