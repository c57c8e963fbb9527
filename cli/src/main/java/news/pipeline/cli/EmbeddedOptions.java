package news.pipeline.cli;

import java.io.IOException;
import java.nio.file.Path;
import news.pipeline.runtime.EmbeddedRegistry;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.streams.PipelineConfig;
import picocli.CommandLine.Option;

/** Where the embedded broker and registry keep their data and listen, for the commands that may start them. */
public final class EmbeddedOptions {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "${env:NEWS_PIPELINE_DATA_DIR:-data}",
            description =
                    "Data directory of the embedded broker and of the processors' local state; kept across restarts. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(
            names = "--embedded-port",
            paramLabel = "PORT",
            defaultValue = "9092",
            description =
                    "Client port of the embedded broker on 127.0.0.1 (its controller takes PORT+1). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--schema-registry-port",
            paramLabel = "PORT",
            defaultValue = "8081",
            description =
                    "HTTP port on 127.0.0.1 of the registry that --schema-registry embedded starts. Default: ${DEFAULT-VALUE}.")
    int registryPort;

    /**
     * Starts the embedded schema registry when the settings ask for one ({@code embedded}), and
     * prints its Confluent-compatible URL.
     *
     * @return the registry, or null when the settings name none or another one
     */
    EmbeddedRegistry startRegistryIfAsked(final PipelineSettings settings) throws IOException, InterruptedException {
        if (!PipelineConfig.EMBEDDED_REGISTRY.equals(settings.pipelineConfig().schemaRegistry())) {
            return null;
        }
        return EmbeddedRegistry.start(dataDir, registryPort, System.err);
    }

    /** The settings pointing at the registry started, if any. */
    static PipelineSettings using(final PipelineSettings settings, final EmbeddedRegistry registry) {
        return registry == null ? settings : settings.with(PipelineConfig.SCHEMA_REGISTRY_CONFIG, registry.url());
    }
}
