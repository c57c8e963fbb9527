package news.pipeline.tagger;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import news.pipeline.deadletter.OutputLimit;
import news.pipeline.deadletter.RecordChecks;
import news.pipeline.deadletter.RejectedRecordException;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.CountryTag;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.Mention;
import news.pipeline.serde.AvroSerde;

/**
 * The tagger's work on one record: the checks every record gets, tagging, the output-size limit
 * and the metrics. No Kafka Streams here: {@link TaggerTopology} wraps it for live processing, and
 * a replay calls it from a plain consumer loop, so both give the same output or the same rejection
 * for the same record. Safe to share between threads when the enrichment is.
 */
public final class EnrichStep {
    /** The processor's name in metrics and dead letters. */
    public static final String PROCESSOR = "tagger";

    private final Function<CleanArticle, EnrichedArticle> enrichment;
    private final PipelineMetrics metrics;
    private final Timer timer;
    private final OutputLimit limit;
    private final AvroSerde<EnrichedArticle> serde = new AvroSerde<>(EnrichedArticle.class);

    /**
     * @param enrichment what makes an enriched article of a clean one: {@link EnrichedArticleMapper#enrich}
     *                   with the tagger and gazetteer in use
     * @param limit      the largest enriched record the step may produce, for the topic it is written to
     */
    public EnrichStep(
            final Function<CleanArticle, EnrichedArticle> enrichment,
            final PipelineMetrics metrics,
            final OutputLimit limit) {
        this.enrichment = enrichment;
        this.metrics = metrics;
        this.timer = metrics.processingTime(PROCESSOR);
        this.limit = limit;
    }

    /**
     * Tags one clean record.
     *
     * @param key   the record's key, the article id
     * @param clean the record's value, null for a tombstone
     * @return the enriched article, keyed by the same id
     * @throws RejectedRecordException when the record cannot become an enriched article; any other
     *                                 exception is a bug, dead-lettered as a processing error
     */
    public EnrichedArticle apply(final String key, final CleanArticle clean) {
        metrics.recordIn(PROCESSOR);
        RecordChecks.requireKey(key);
        final CleanArticle value = RecordChecks.requireValue(clean, "CleanArticle");
        final long start = System.nanoTime();
        final EnrichedArticle enriched = enrichment.apply(value);
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        limit.require(enriched, upperBound(enriched), serde);
        metrics.recordsOut(PROCESSOR, 1);
        enriched.getCountries().forEach(country -> metrics.countryTagged(country.getCode()));
        return enriched;
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
}
