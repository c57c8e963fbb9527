package news.pipeline.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
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
 * that address from the start when {@link #CONSOLE} is true. It speaks {@link ProcessorJvmMain}'s
 * protocol, so the benchmark measures it as it measures the plain processors, and answers two more
 * commands: {@link #CONSOLE_ON} attaches the console and waits until it has read the history it
 * reads at start, {@link #CONSOLE_OFF} closes it.
 */
public final class ServedProcessorsMain {
    /** System property: the port of the HTTP address on 127.0.0.1. */
    static final String HTTP_PORT = "news.pipeline.bench.http-port";

    /** System property: whether to serve the console from the start. */
    static final String CONSOLE = "news.pipeline.bench.console";

    /** Command: attach the console; answers how long attaching and catching up took. */
    static final String CONSOLE_ON = "console-on";

    /** Command: close the console; answers how long it took and how many of its threads are still alive. */
    static final String CONSOLE_OFF = "console-off";

    /**
     * Command: do nothing, and answer so; the switch of a control run, whose on windows leave the
     * console as closed as its off windows.
     */
    static final String NOTHING = "nothing";

    /** The longest the console may take to read the by-country topic's history once attached. */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);

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
        final AtomicReference<Console> console = new AtomicReference<>();
        if (Boolean.getBoolean(CONSOLE)) {
            console.set(attach(service, cluster));
        }
        final Map<String, Callable<Map<String, Object>>> commands = Map.of(
                CONSOLE_ON,
                () -> consoleOn(console, service, cluster),
                CONSOLE_OFF,
                () -> consoleOff(console),
                NOTHING,
                () -> Map.of("switched", false));
        ProcessorJvmMain.serve(
                () -> {
                    final Console open = console.getAndSet(null);
                    if (open != null) {
                        open.close();
                    }
                    service.close();
                    cluster.close();
                },
                commands);
    }

    private static Console attach(final ProcessorService service, final Cluster cluster) {
        return Console.attach(
                        service,
                        cluster.settings(),
                        ConsoleAccess.of(service.http().orElseThrow().address(), cluster.settings(), false),
                        Console.DEFAULT_LAG_INTERVAL)
                .orElseThrow();
    }

    private static Map<String, Object> consoleOn(
            final AtomicReference<Console> console, final ProcessorService service, final Cluster cluster)
            throws InterruptedException {
        if (console.get() != null) {
            throw new IllegalStateException("the console is already on");
        }
        final long start = System.nanoTime();
        final Console attached = attach(service, cluster);
        console.set(attached);
        final long done = System.nanoTime();
        final boolean caughtUp = attached.awaitCaughtUp(CATCH_UP_TIMEOUT);
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("attachMillis", (done - start) / 1_000_000);
        answer.put("catchUpMillis", (System.nanoTime() - done) / 1_000_000);
        answer.put("caughtUp", caughtUp);
        return answer;
    }

    private static Map<String, Object> consoleOff(final AtomicReference<Console> console) {
        final Console open = console.getAndSet(null);
        if (open == null) {
            throw new IllegalStateException("the console is already off");
        }
        final long start = System.nanoTime();
        open.close();
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("closeMillis", (System.nanoTime() - start) / 1_000_000);
        answer.put(
                "consoleThreadsLeft",
                Thread.getAllStackTraces().keySet().stream()
                        .filter(thread -> thread.isAlive() && thread.getName().contains(Console.THREAD_NAME))
                        .count());
        return answer;
    }
}
