package news.pipeline.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline's own metrics, per processor. Exposed by each process at /metrics in Prometheus
 * format (names there get the usual _total and _seconds suffixes):
 *
 * <ul>
 *   <li>{@code news_pipeline_records_in_total{processor}}: records read from the input topic;</li>
 *   <li>{@code news_pipeline_records_out_total{processor}}: records written to the output topic;</li>
 *   <li>{@code news_pipeline_dead_letters_total{processor,reason}}: records sent to the dead-letter topic;</li>
 *   <li>{@code news_pipeline_processing_seconds{processor}}: time to process one record (histogram);</li>
 *   <li>{@code news_pipeline_articles_tagged_total{country}}: articles the tagger found involving each country.</li>
 * </ul>
 *
 * Counters count attempts: a record reprocessed after a crash (its transaction aborted) counts twice.
 */
public final class PipelineMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public PipelineMetrics(final MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics kept in memory only, for tests and tools that serve no /metrics. */
    public static PipelineMetrics inMemory() {
        return new PipelineMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void recordIn(final String processor) {
        counter("news.pipeline.records.in", "processor", processor).increment();
    }

    public void recordsOut(final String processor, final int count) {
        counter("news.pipeline.records.out", "processor", processor).increment(count);
    }

    public void deadLettered(final String processor, final String reason) {
        counters.computeIfAbsent(
                        "dead|" + processor + "|" + reason,
                        key -> Counter.builder("news.pipeline.dead.letters")
                                .description("Records sent to the dead-letter topic")
                                .tag("processor", processor)
                                .tag("reason", reason)
                                .register(registry))
                .increment();
    }

    public void countryTagged(final String code) {
        counter("news.pipeline.articles.tagged", "country", code).increment();
    }

    public Timer processingTime(final String processor) {
        return timers.computeIfAbsent(
                processor,
                key -> Timer.builder("news.pipeline.processing")
                        .description("Time to process one record")
                        .tag("processor", processor)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(10_000))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry));
    }

    /** Sum of the counters of that name with those tags, 0 when none: for tests and summaries. */
    public double count(final String name, final String... tags) {
        return registry.find(name).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private Counter counter(final String name, final String tagKey, final String tagValue) {
        return counters.computeIfAbsent(
                name + "|" + tagValue,
                key -> Counter.builder(name).tag(tagKey, tagValue).register(registry));
    }
}
