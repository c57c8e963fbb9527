package news.pipeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import news.pipeline.bench.EndToEndBenchmark;

/**
 * Keeps the console "open and updating" for {@code bench --with-console}: it requests the JSON
 * endpoints the pages poll, at the pages' own intervals (console.js), either all of them at once, as
 * if every page were open in its own tab, or those of one page at a time, as one open tab does
 * (console.js polls only the page shown), going through the pages in the menu's order. An HTTP
 * client rather than a browser, so that the browser's own CPU (on an operator's machine, not the
 * pipeline's) is not charged to the pipeline. Its one thread is an observer's ({@link
 * EndToEndBenchmark#OBSERVER_THREAD_PREFIX}), so that its CPU is not charged to the broker either;
 * the JDK's URL connection does its requests in the calling thread.
 */
final class ConsoleVisitor implements AutoCloseable {
    /** One page: the endpoint it polls and how often (console.js's POLL_MS). */
    record Poll(String path, Duration every) {}

    /** The pages in the menu's order, each with what it polls. */
    static final List<Poll> POLLS = List.of(
            new Poll("api/pipeline", Duration.ofMillis(2000)),
            new Poll("api/lag", Duration.ofMillis(5000)),
            new Poll("api/articles", Duration.ofMillis(3000)),
            new Poll("api/countries?window=all", Duration.ofMillis(10000)),
            new Poll("api/dead-letters?", Duration.ofMillis(10000)),
            new Poll("api/replay", Duration.ofMillis(1000)),
            new Poll("api/feeds", Duration.ofMillis(5000)));

    /** How the visitor keeps the console open. */
    enum Tabs {
        /** Every page in a tab of its own, all polling at once: more than any one operator asks. */
        ALL,
        /** One tab, showing each page for {@link #PAGE_DWELL} in the menu's order, round and round. */
        ONE;

        /** As the bench's option spells it. */
        static Tabs parse(final String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "all" -> ALL;
                case "one" -> ONE;
                default -> throw new IllegalArgumentException("tabs must be all or one, not " + value);
            };
        }
    }

    /**
     * How long the one tab shows a page before the next: long enough for every page to poll at
     * least once (the slowest asks every 10 s), short enough that a window of the benchmark sees
     * most pages.
     */
    static final int PAGE_DWELL_SECONDS = 10;

    static final Duration PAGE_DWELL = Duration.ofSeconds(PAGE_DWELL_SECONDS);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, EndToEndBenchmark.OBSERVER_THREAD_PREFIX + "console-visitor");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private final URI base;
    /** The page the one tab shows, and its polling; touched only by the timer's thread. */
    private int page;

    private ScheduledFuture<?> pagePolling;

    /**
     * Starts polling the console at {@code base} (http://127.0.0.1:PORT/), as {@code tabs} says;
     * refused connections count as failed.
     */
    ConsoleVisitor(final URI base, final Tabs tabs) {
        this(base, tabs, PAGE_DWELL);
    }

    /** As {@link #ConsoleVisitor(URI, Tabs)}, the one tab showing each page for {@code dwell}. */
    ConsoleVisitor(final URI base, final Tabs tabs, final Duration dwell) {
        this.base = base;
        if (tabs == Tabs.ALL) {
            for (final Poll poll : POLLS) {
                timer.scheduleAtFixedRate(
                        () -> get(base.resolve(poll.path())), 0, poll.every().toMillis(), TimeUnit.MILLISECONDS);
            }
        } else {
            // the tab opens on the first page, as the console does at its address
            timer.scheduleAtFixedRate(this::nextPage, 0, dwell.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The one tab moves on to the next page: it asks at once, as a page shown does, then at the page's interval. */
    private void nextPage() {
        if (pagePolling != null) {
            pagePolling.cancel(false);
        }
        final Poll poll = POLLS.get(page);
        page = (page + 1) % POLLS.size();
        pagePolling = timer.scheduleAtFixedRate(
                () -> get(base.resolve(poll.path())), 0, poll.every().toMillis(), TimeUnit.MILLISECONDS);
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
