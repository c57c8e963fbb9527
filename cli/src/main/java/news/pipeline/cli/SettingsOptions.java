package news.pipeline.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import news.pipeline.runtime.PipelineSettings;
import picocli.CommandLine.Option;

/**
 * Where a command's settings come from besides the environment: a properties file and single
 * settings given on the command line. See {@link PipelineSettings} for precedence.
 */
public final class SettingsOptions {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description =
                    "Properties file of settings: any Kafka client or Streams setting (security.protocol, sasl.*, ssl.*...) and news.pipeline.* keys.")
    Path configFile;

    @Option(
            names = {"-s", "--set"},
            paramLabel = "KEY=VALUE",
            description = "One setting, overriding the file and the environment. Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The file, the environment, then the single settings, then {@code flags} over them all. */
    PipelineSettings resolve(final Map<String, String> flags) {
        // One that exists but cannot be read (a folder) is PipelineSettings' ConfigException.
        if (configFile != null && !Files.exists(configFile)) {
            throw new UserError("config file not found: " + configFile);
        }
        final Map<String, String> merged = new LinkedHashMap<>(overrides);
        merged.putAll(flags);
        return PipelineSettings.resolve(configFile, System.getenv(), merged);
    }
}
