package news.pipeline.publisher;

import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import news.pipeline.deadletter.RecordChecks;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The publisher application: {@code news.articles.enriched} (keyed by article id) →
 * {@code news.articles.by-country}, re-keyed by ISO country code, one record per country the
 * article involves. Re-keying before {@code to()} needs no repartition topic: the output topic's
 * own partitioner places each record by its new key. Records a replay wrote are skipped.
 */
public final class PublisherTopology {
    /** The processor's name in metrics and dead letters. */
    public static final String PROCESSOR = "publisher";
    /** Version of the fan-out logic, for dead letters. */
    public static final String VERSION = "1.0.0";

    private PublisherTopology() {}

    public static Topology build(final PipelineMetrics metrics) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.ENRICHED.name(), Topics.ENRICHED.consumed("read-enriched-articles"))
                .process(() -> new FanOutStep(metrics), Named.as("fan-out-by-country"))
                .to(Topics.BY_COUNTRY.name(), Topics.BY_COUNTRY.produced("write-by-country"));
        return builder.build();
    }

    private static final class FanOutStep implements Processor<String, EnrichedArticle, String, CountryArticle> {
        private final PipelineMetrics metrics;
        private final Timer timer;
        private ProcessorContext<String, CountryArticle> context;

        FanOutStep(final PipelineMetrics metrics) {
            this.metrics = metrics;
            this.timer = metrics.processingTime(PROCESSOR);
        }

        @Override
        public void init(final ProcessorContext<String, CountryArticle> context) {
            this.context = context;
        }

        @Override
        public void process(final Record<String, EnrichedArticle> record) {
            if (PipelineHeaders.isReplayed(record.headers())) {
                // The replay that wrote this enriched record wrote its by-country records too.
                return;
            }
            metrics.recordIn(PROCESSOR);
            RecordChecks.requireKey(record.key());
            final EnrichedArticle article = RecordChecks.requireValue(record.value(), "EnrichedArticle");
            final long start = System.nanoTime();
            final List<CountryArticle> views = CountryFanOut.of(article);
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            for (final CountryArticle view : views) {
                context.forward(record.withKey(view.getCode()).withValue(view));
            }
            metrics.recordsOut(PROCESSOR, views.size());
        }
    }
}
