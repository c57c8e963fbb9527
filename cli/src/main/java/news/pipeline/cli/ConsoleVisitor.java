package news.pipeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import news.pipeline.bench.EndToEndBenchmark;

/**
 * Keeps the console "open and updating" for {@code bench --with-console}: it requests the JSON
 * endpoints the pages poll, at the pages' own intervals (console.js), all of them at once, as if
 * every page were open in its own tab. An HTTP client rather than a browser, so that the browser's
 * own CPU (on an operator's machine, not the pipeline's) is not charged to the pipeline. Its one
 * thread is an observer's ({@link EndToEndBenchmark#OBSERVER_THREAD_PREFIX}), so that its CPU is not
 * charged to the broker either; the JDK's URL connection does its requests in the calling thread.
 */
final class ConsoleVisitor implements AutoCloseable {
    /** Each page's endpoint and how often the page asks for it (console.js's POLL_MS). */
    static final Map<String, Duration> POLLS = Map.of(
            "api/pipeline", Duration.ofMillis(2000),
            "api/lag", Duration.ofMillis(5000),
            "api/articles", Duration.ofMillis(3000),
            "api/countries?window=all", Duration.ofMillis(10000),
            "api/dead-letters?", Duration.ofMillis(10000),
            "api/replay", Duration.ofMillis(1000),
            "api/feeds", Duration.ofMillis(5000));

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, EndToEndBenchmark.OBSERVER_THREAD_PREFIX + "console-visitor");
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
            final HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(Math.toIntExact(CONNECT_TIMEOUT.toMillis()));
            connection.setReadTimeout(Math.toIntExact(READ_TIMEOUT.toMillis()));
            final int status = connection.getResponseCode();
            // Read to the end, as a page does, so that the connection is kept for the next request.
            try (InputStream body = status == 200 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.transferTo(OutputStream.nullOutputStream());
                }
            }
            (status == 200 ? answered : failed).incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
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
