package news.pipeline.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A web site on 127.0.0.1 and an ephemeral port, for the crawler's tests: it serves what each
 * test puts at a path and records every request (host, path, headers, when it arrived).
 */
final class LoopbackSite implements AutoCloseable {
    /** One request as the site saw it. */
    record Request(String host, String path, Map<String, List<String>> headers, long arrivedNanos) {
        String header(final String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Answers one request. */
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    /** Released at close: a handler that never answers waits on it. */
    private final CountDownLatch closing = new CountDownLatch(1);

    LoopbackSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            final String host = exchange.getRequestHeaders().getFirst("Host");
            synchronized (requests) {
                requests.add(new Request(
                        host == null ? "" : host.replaceFirst(":\\d+$", ""),
                        exchange.getRequestURI().getRawPath(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        System.nanoTime()));
            }
            final Handler handler = handlers.get(exchange.getRequestURI().getRawPath());
            try {
                if (handler == null) {
                    send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                } else {
                    handler.handle(exchange);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL of a path on this site under the host name given (127.0.0.1 or localhost: two hosts, one server). */
    String url(final String host, final String path) {
        return "http://" + host + ":" + port() + path;
    }

    void on(final String path, final Handler handler) {
        handlers.put(path, handler);
    }

    void page(final String path, final String contentType, final byte[] body) {
        on(path, exchange -> send(exchange, 200, contentType, body));
    }

    void page(final String path, final String contentType, final String body) {
        page(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A path that takes the connection and never answers, until the site closes. */
    void silent(final String path) {
        on(path, exchange -> {
            try {
                closing.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static void send(final HttpExchange exchange, final int status, final String contentType, final byte[] body)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static void redirect(final HttpExchange exchange, final String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    long count(final String path) {
        return requests().stream()
                .filter(request -> request.path().equals(path))
                .count();
    }

    void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
