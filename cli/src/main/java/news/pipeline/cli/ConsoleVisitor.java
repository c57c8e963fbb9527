package news.pipeline.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the console "open and updating" for {@code bench --with-console}: it requests the JSON
 * endpoints the pages poll, at the pages' own intervals (console.js), all of them at once, as if
 * every page were open in its own tab. An HTTP client rather than a browser, so that the browser's
 * own CPU (on an operator's machine, not the pipeline's) is not charged to the pipeline.
 */
final class ConsoleVisitor implements AutoCloseable {
    /** Each page's endpoint and how often the page asks for it (console.js's POLL_MS). */
    static final Map<String, Duration> POLLS = Map.of(
            "api/pipeline", Duration.ofMillis(2000),
            "api/lag", Duration.ofMillis(5000),
            "api/articles", Duration.ofMillis(3000),
            "api/countries?window=all", Duration.ofMillis(5000),
            "api/dead-letters?", Duration.ofMillis(10000),
            "api/replay", Duration.ofMillis(1000),
            "api/feeds", Duration.ofMillis(5000));

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "bench-console-visitor");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /** Starts polling the console at {@code base} (http://127.0.0.1:PORT/); refused connections count as failed. */
    ConsoleVisitor(final URI base) {
        POLLS.forEach((path, every) ->
                timer.scheduleAtFixedRate(() -> get(base.resolve(path)), 0, every.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void get(final URI uri) {
        try {
            final HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            (response.statusCode() == 200 ? answered : failed).incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Requests answered with 200. */
    long answered() {
        return answered.get();
    }

    /** Requests refused or failed (before the processors' JVM serves, for one). */
    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
