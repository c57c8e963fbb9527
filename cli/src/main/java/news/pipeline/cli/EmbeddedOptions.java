package news.pipeline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the embedded broker keeps its data and listens, for the commands that may start it. */
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
}
