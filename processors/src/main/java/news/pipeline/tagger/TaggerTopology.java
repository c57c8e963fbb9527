package news.pipeline.tagger;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import news.pipeline.deadletter.OutputLimit;
import news.pipeline.deadletter.RecordChecks;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.CountryTag;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.Mention;
import news.pipeline.serde.AvroSerde;
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

    private TaggerTopology() {}

    public static Topology build(
            final EnrichedArticleMapper mapper, final PipelineMetrics metrics, final int maxRequestBytes) {
        final StreamsBuilder builder = new StreamsBuilder();
        final OutputLimit limit = new OutputLimit(maxRequestBytes, Topics.ENRICHED.name());
        builder.stream(Topics.CLEAN.name(), Topics.CLEAN.consumed("read-clean-articles"))
                .processValues(() -> new EnrichStep(mapper, metrics, limit), Named.as("tag-countries"))
                .to(Topics.ENRICHED.name(), Topics.ENRICHED.produced("write-enriched-articles"));
        return builder.build();
    }

    /** The clean article's bound, and each mention at its surface's bytes plus room for its numbers. */
    static long upperBound(final EnrichedArticle enriched) {
        long bound = 4096
                + OutputLimit.utf8Bound(enriched.getText())
                + OutputLimit.utf8Bound(enriched.getTitle())
                + OutputLimit.utf8Bound(enriched.getAuthor())
                + OutputLimit.utf8Bound(enriched.getUrl())
                + OutputLimit.utf8Bound(enriched.getCanonicalUrl())
                + OutputLimit.utf8Bound(enriched.getSource())
                + OutputLimit.utf8Bound(enriched.getSiteName());
        for (final CountryTag country : enriched.getCountries()) {
            bound += 256;
            for (final Mention mention : country.getEvidence()) {
                bound += 32 + OutputLimit.utf8Bound(mention.getSurface()) + OutputLimit.utf8Bound(mention.getKind());
            }
        }
        return bound
                + 256L
                        * (enriched.getOrganizations().size()
                                + enriched.getFocus().size());
    }

    private static final class EnrichStep implements FixedKeyProcessor<String, CleanArticle, EnrichedArticle> {
        private final EnrichedArticleMapper mapper;
        private final PipelineMetrics metrics;
        private final Timer timer;
        private final OutputLimit limit;
        private final AvroSerde<EnrichedArticle> serde = new AvroSerde<>(EnrichedArticle.class);
        private FixedKeyProcessorContext<String, EnrichedArticle> context;

        EnrichStep(final EnrichedArticleMapper mapper, final PipelineMetrics metrics, final OutputLimit limit) {
            this.mapper = mapper;
            this.metrics = metrics;
            this.timer = metrics.processingTime(PROCESSOR);
            this.limit = limit;
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
            final EnrichedArticle enriched = mapper.enrich(clean);
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            limit.require(enriched, upperBound(enriched), serde);
            context.forward(record.withValue(enriched));
            metrics.recordsOut(PROCESSOR, 1);
            enriched.getCountries().forEach(country -> metrics.countryTagged(country.getCode()));
        }
    }
}
