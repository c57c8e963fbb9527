package news.pipeline.publisher;

import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import news.pipeline.deadletter.RecordChecks;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * The publisher application: {@code news.articles.enriched} (keyed by article id) →
 * {@code news.articles.by-country}, re-keyed by ISO country code, one record per country the
 * article involves. Re-keying before {@code to()} needs no repartition topic: the output topic's
 * own partitioner places each record by its new key.
 */
public final class PublisherTopology {
    /** The processor's name in metrics and dead letters. */
    public static final String PROCESSOR = "publisher";
    /** Version of the fan-out logic, for dead letters. */
    public static final String VERSION = "1.0.0";

    private PublisherTopology() {
    }

    public static Topology build(final PipelineMetrics metrics) {
        final Timer timer = metrics.processingTime(PROCESSOR);
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.ENRICHED.name(), Topics.ENRICHED.consumed("read-enriched-articles"))
                .flatMap((id, value) -> {
                    metrics.recordIn(PROCESSOR);
                    RecordChecks.requireKey(id);
                    final EnrichedArticle article = RecordChecks.requireValue(value, "EnrichedArticle");
                    final long start = System.nanoTime();
                    final List<KeyValue<String, CountryArticle>> views = CountryFanOut.of(article).stream()
                            .map(view -> KeyValue.pair(view.getCode(), view))
                            .toList();
                    timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    metrics.recordsOut(PROCESSOR, views.size());
                    return views;
                }, Named.as("fan-out-by-country"))
                .to(Topics.BY_COUNTRY.name(), Topics.BY_COUNTRY.produced("write-by-country"));
        return builder.build();
    }
}
