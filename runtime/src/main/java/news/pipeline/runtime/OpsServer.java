package news.pipeline.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP endpoints of one process: {@code /metrics} (Prometheus text format),
 * {@code /health} (the process is alive) and {@code /ready} (every stream is RUNNING; 503 otherwise).
 * Bound to 127.0.0.1 unless told otherwise.
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    /**
     * Threads answering requests: a slow console request (reading the dead-letter topic) must not
     * hold up a Prometheus scrape.
     */
    private static final int HTTP_THREADS = 4;

    /** The name of the threads that answer requests (those of /metrics and of anything else served here). */
    public static final String THREAD_NAME = "news-pipeline-http";

    private final HttpServer server;

    private OpsServer(final HttpServer server) {
        this.server = server;
    }

    /** A Prometheus registry with the JVM's metrics bound; the caller adds the pipeline's. */
    public static PrometheusMeterRegistry newRegistry() {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /**
     * @param states the current state of each stream application, by name
     */
    public static OpsServer start(
            final InetSocketAddress address,
            final PrometheusMeterRegistry registry,
            final Supplier<Map<String, KafkaStreams.State>> states)
            throws IOException {
        final HttpServer server = HttpServer.create(address, 0);
        server.setExecutor(Executors.newFixedThreadPool(HTTP_THREADS, runnable -> {
            final Thread thread = new Thread(runnable, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(
                "/metrics",
                exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.createContext(
                "/health", exchange -> respond(exchange, 200, "application/json", "{\"status\":\"UP\"}\n"));
        server.createContext("/ready", exchange -> {
            final Map<String, KafkaStreams.State> now = states.get();
            final boolean ready =
                    !now.isEmpty() && now.values().stream().allMatch(state -> state == KafkaStreams.State.RUNNING);
            final String body = now.entrySet().stream()
                    .map(entry -> "\"" + entry.getKey() + "\":\"" + entry.getValue() + "\"")
                    .collect(Collectors.joining(",", "{\"ready\":" + ready + ",\"streams\":{", "}}\n"));
            respond(exchange, ready ? 200 : 503, "application/json", body);
        });
        server.start();
        LOG.info(
                "serving /metrics, /health and /ready on http://{}:{}",
                server.getAddress().getHostString(),
                server.getAddress().getPort());
        return new OpsServer(server);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Serves more on the same address: every path under {@code path} that no other handler claims. */
    public void handle(final String path, final HttpHandler handler) {
        server.createContext(path, handler);
    }

    /** Stops serving what {@link #handle} added at {@code path}; requests there get 404 again. */
    public void unhandle(final String path) {
        server.removeContext(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void respond(
            final HttpExchange exchange, final int status, final String contentType, final String body)
            throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Parses HOST:PORT; "none" means no server. */
    public static InetSocketAddress parseAddress(final String address) {
        if (address == null || address.isBlank() || address.equalsIgnoreCase("none")) {
            return null;
        }
        final int colon = address.lastIndexOf(':');
        final int port;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw notAnAddress(address);
        }
        if (port < 0 || port > 65535) {
            throw notAnAddress(address);
        }
        return new InetSocketAddress(address.substring(0, colon), port);
    }

    private static IllegalArgumentException notAnAddress(final String address) {
        return new IllegalArgumentException(
                "an HTTP address is HOST:PORT (port 0 to 65535; 0 for any free one) or none, not " + address);
    }
}
