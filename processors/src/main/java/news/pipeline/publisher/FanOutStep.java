package news.pipeline.publisher;

import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import news.pipeline.deadletter.OutputLimit;
import news.pipeline.deadletter.RecordChecks;
import news.pipeline.deadletter.RejectedRecordException;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.serde.AvroSerde;

/**
 * The publisher's work on one record: the checks every record gets, the fan-out into one view per
 * country, the output-size limit and the metrics. No Kafka Streams here: {@link PublisherTopology}
 * wraps it for live processing, and a replay calls it from a plain consumer loop, so both give the
 * same outputs or the same rejection for the same record. Safe to share between threads.
 */
public final class FanOutStep {
    /** The processor's name in metrics and dead letters. */
    public static final String PROCESSOR = "publisher";
    /** Version of the fan-out logic, for dead letters. */
    public static final String VERSION = "1.0.0";

    private final PipelineMetrics metrics;
    private final Timer timer;
    private final OutputLimit limit;
    private final AvroSerde<CountryArticle> serde = new AvroSerde<>(CountryArticle.class);

    /**
     * @param limit the largest country record the step may produce, for the topic it is written to
     */
    public FanOutStep(final PipelineMetrics metrics, final OutputLimit limit) {
        this.metrics = metrics;
        this.timer = metrics.processingTime(PROCESSOR);
        this.limit = limit;
    }

    /**
     * One view of the article for each country it involves, each to be keyed by {@link #keyOf}.
     *
     * @param key     the record's key, the article id
     * @param article the record's value, null for a tombstone
     * @throws RejectedRecordException when the record cannot be fanned out; any other exception is
     *                                 a bug, dead-lettered as a processing error
     */
    public List<CountryArticle> apply(final String key, final EnrichedArticle article) {
        metrics.recordIn(PROCESSOR);
        RecordChecks.requireKey(key);
        final EnrichedArticle value = RecordChecks.requireValue(article, "EnrichedArticle");
        final long start = System.nanoTime();
        final List<CountryArticle> views = CountryFanOut.of(value);
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        // A view is smaller than the enriched record it comes from, which passed the same limit when
        // the tagger wrote it; checked all the same, for an enriched record written by other means.
        for (final CountryArticle view : views) {
            limit.require(view, upperBound(view), serde);
        }
        metrics.recordsOut(PROCESSOR, views.size());
        return views;
    }

    /** The key of a country view: the country's ISO code, so each country's articles share a partition. */
    public static String keyOf(final CountryArticle view) {
        return view.getCode();
    }

    /** Every string field at three bytes a character, plus room for the rest. */
    static long upperBound(final CountryArticle view) {
        return 1024
                + OutputLimit.utf8Bound(view.getCode())
                + OutputLimit.utf8Bound(view.getName())
                + OutputLimit.utf8Bound(view.getArticleId())
                + OutputLimit.utf8Bound(view.getUrl())
                + OutputLimit.utf8Bound(view.getSource())
                + OutputLimit.utf8Bound(view.getTitle())
                + OutputLimit.utf8Bound(view.getTaggerVersion())
                + OutputLimit.utf8Bound(view.getGazetteerVersion());
    }
}
