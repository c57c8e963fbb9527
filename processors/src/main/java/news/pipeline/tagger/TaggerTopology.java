package news.pipeline.tagger;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import news.pipeline.deadletter.RecordChecks;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The tagger application: {@code news.articles.clean} → {@code news.articles.enriched}, both keyed
 * by the article id. Adds the countries involved, the focus and the organisations. Records a
 * replay wrote (header {@code news.replayed}) are skipped: the replay wrote their output itself.
 */
public final class TaggerTopology {
    /** The processor's name in metrics and dead letters. */
    public static final String PROCESSOR = "tagger";

    private TaggerTopology() {
    }

    public static Topology build(final Enrichment enrichment, final PipelineMetrics metrics) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.CLEAN.name(), Topics.CLEAN.consumed("read-clean-articles"))
                .processValues(() -> new EnrichStep(enrichment, metrics), Named.as("tag-countries"))
                .to(Topics.ENRICHED.name(), Topics.ENRICHED.produced("write-enriched-articles"));
        return builder.build();
    }

    private static final class EnrichStep implements FixedKeyProcessor<String, CleanArticle, EnrichedArticle> {
        private final Enrichment enrichment;
        private final PipelineMetrics metrics;
        private final Timer timer;
        private FixedKeyProcessorContext<String, EnrichedArticle> context;

        EnrichStep(final Enrichment enrichment, final PipelineMetrics metrics) {
            this.enrichment = enrichment;
            this.metrics = metrics;
            this.timer = metrics.processingTime(PROCESSOR);
        }

        @Override
        public void init(final FixedKeyProcessorContext<String, EnrichedArticle> context) {
            this.context = context;
        }

        @Override
        public void process(final FixedKeyRecord<String, CleanArticle> record) {
            if (PipelineHeaders.isReplayed(record.headers())) {
                // The replay that wrote this clean record wrote its enriched record too.
                return;
            }
            metrics.recordIn(PROCESSOR);
            RecordChecks.requireKey(record.key());
            final CleanArticle clean = RecordChecks.requireValue(record.value(), "CleanArticle");
            final long start = System.nanoTime();
            final EnrichedArticle enriched = enrichment.enrich(clean);
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            context.forward(record.withValue(enriched));
            metrics.recordsOut(PROCESSOR, 1);
            enriched.getCountries().forEach(country -> metrics.countryTagged(country.getCode()));
        }
    }
}
