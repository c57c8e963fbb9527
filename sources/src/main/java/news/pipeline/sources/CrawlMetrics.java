package news.pipeline.sources;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crawl's counters, in Micrometer (served on {@code /metrics} while the crawler runs), and
 * kept as plain numbers for the summary line that {@code crawl --once} prints.
 */
public final class CrawlMetrics {
    private final MeterRegistry registry;
    private final Counter bytes;
    private final Counter articles;
    private final AtomicInteger feedsFailing = new AtomicInteger();
    private final AtomicLong produced = new AtomicLong();
    private final Map<String, AtomicLong> skipped = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> fetches = new ConcurrentHashMap<>();

    public CrawlMetrics(final MeterRegistry registry) {
        this.registry = registry;
        this.bytes = Counter.builder("news.pipeline.crawl.bytes")
                .description("bytes of response bodies downloaded")
                .baseUnit("bytes")
                .register(registry);
        this.articles = Counter.builder("news.pipeline.crawl.articles")
                .description("articles produced to the raw topic")
                .register(registry);
        Gauge.builder("news.pipeline.crawl.feeds.failing", feedsFailing, AtomicInteger::get)
                .description("feeds whose last poll failed")
                .register(registry);
    }

    /** @param status the HTTP status, or 0 when no response came */
    void fetched(final Fetcher.Purpose purpose, final int status, final long bodyBytes) {
        final String statusClass = status == 0 ? "error" : (status / 100) + "xx";
        Counter.builder("news.pipeline.crawl.fetches")
                .description("HTTP requests by what was fetched and the status class of the answer")
                .tag("kind", purpose.name().toLowerCase(Locale.ROOT))
                .tag("status", statusClass)
                .register(registry)
                .increment();
        fetches.computeIfAbsent(statusClass, key -> new AtomicLong()).incrementAndGet();
        bytes.increment(bodyBytes);
    }

    void produced() {
        articles.increment();
        produced.incrementAndGet();
    }

    /** An article or feed not taken, and why (a fetch outcome, robots, a feed that is not a feed). */
    void skipped(final String reason) {
        Counter.builder("news.pipeline.crawl.skipped")
                .description("links and feeds not taken, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
        skipped.computeIfAbsent(reason, key -> new AtomicLong()).incrementAndGet();
    }

    void feedsFailing(final int count) {
        feedsFailing.set(count);
    }

    public long producedCount() {
        return produced.get();
    }

    /** Skips by reason, for the summary. */
    public Map<String, Long> skippedCounts() {
        final Map<String, Long> counts = new TreeMap<>();
        skipped.forEach((reason, count) -> counts.put(reason, count.get()));
        return counts;
    }

    /** Fetches by status class, for the summary. */
    public Map<String, Long> fetchCounts() {
        final Map<String, Long> counts = new TreeMap<>();
        fetches.forEach((statusClass, count) -> counts.put(statusClass, count.get()));
        return counts;
    }
}
