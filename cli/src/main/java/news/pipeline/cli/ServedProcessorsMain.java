package news.pipeline.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import news.pipeline.bench.ProcessorJvmMain;
import news.pipeline.console.Console;
import news.pipeline.console.ConsoleAccess;
import news.pipeline.runtime.Cluster;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.ProcessorService;
import news.pipeline.streams.ProcessorApp;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The processors' JVM of {@code bench --with-console}: the three processors started as {@code run}
 * starts them (with /metrics on 127.0.0.1 at the port in {@link #HTTP_PORT}), and the console on
 * that address when {@link #CONSOLE} is true. It speaks {@link ProcessorJvmMain}'s protocol, so the
 * benchmark measures it as it measures the plain processors.
 */
public final class ServedProcessorsMain {
    /** System property: the port of the HTTP address on 127.0.0.1. */
    static final String HTTP_PORT = "news.pipeline.bench.http-port";

    /** System property: whether to serve the console. */
    static final String CONSOLE = "news.pipeline.bench.console";

    private ServedProcessorsMain() {}

    public static void main(final String[] args) throws Exception {
        final Map<String, String> given = ProcessorJvmMain.settings(args);
        ProcessorJvmMain.watchCollections();
        final PipelineSettings settings = PipelineSettings.resolve(null, Map.of(), given);
        // The benchmark names its broker, so no embedded one starts here; the directory is only a fallback.
        final Cluster cluster = Cluster.open(
                settings,
                Path.of(given.getOrDefault(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir"))),
                0);
        final InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.getInteger(HTTP_PORT, 0));
        final ProcessorService service =
                ProcessorService.start(cluster, Arrays.asList(ProcessorApp.values()), address, true);
        final Optional<Console> console = Boolean.getBoolean(CONSOLE)
                ? Console.attach(
                        service,
                        cluster.settings(),
                        ConsoleAccess.of(service.http().orElseThrow().address(), cluster.settings(), false),
                        Console.DEFAULT_LAG_INTERVAL)
                : Optional.empty();
        ProcessorJvmMain.serve(() -> {
            console.ifPresent(Console::close);
            service.close();
            cluster.close();
        });
    }
}
