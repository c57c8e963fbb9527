package news.pipeline.tagger;

import news.pipeline.deadletter.RecordChecks;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The tagger application: {@code news.articles.clean} → {@code news.articles.enriched}, both keyed
 * by the article id. Adds the countries involved, the focus and the organisations.
 */
public final class TaggerTopology {

    private TaggerTopology() {
    }

    public static Topology build(final Enrichment enrichment) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.CLEAN.name(), Topics.CLEAN.consumed("read-clean-articles"))
                .processValues(() -> new EnrichStep(enrichment), Named.as("tag-countries"))
                .to(Topics.ENRICHED.name(), Topics.ENRICHED.produced("write-enriched-articles"));
        return builder.build();
    }

    private static final class EnrichStep implements FixedKeyProcessor<String, CleanArticle, EnrichedArticle> {
        private final Enrichment enrichment;
        private FixedKeyProcessorContext<String, EnrichedArticle> context;

        EnrichStep(final Enrichment enrichment) {
            this.enrichment = enrichment;
        }

        @Override
        public void init(final FixedKeyProcessorContext<String, EnrichedArticle> context) {
            this.context = context;
        }

        @Override
        public void process(final FixedKeyRecord<String, CleanArticle> record) {
            RecordChecks.requireKey(record.key());
            final CleanArticle clean = RecordChecks.requireValue(record.value(), "CleanArticle");
            context.forward(record.withValue(enrichment.enrich(clean)));
        }
    }
}
