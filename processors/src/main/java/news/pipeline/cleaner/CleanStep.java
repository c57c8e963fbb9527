package news.pipeline.cleaner;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import news.pipeline.deadletter.OutputLimit;
import news.pipeline.deadletter.RecordChecks;
import news.pipeline.deadletter.RejectedRecordException;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;

/**
 * The cleaner's work on one record: the checks every record gets, cleaning, the output-size limit
 * and the metrics. No Kafka Streams here: {@link CleanerTopology} wraps it for live processing,
 * and a replay calls it from a plain consumer loop, so both give the same output or the same
 * rejection for the same record. Safe to share between threads.
 */
public final class CleanStep {
    /** The processor's name in metrics and dead letters. */
    public static final String PROCESSOR = "cleaner";

    private final CleanArticleMapper mapper;
    private final PipelineMetrics metrics;
    private final Timer timer;
    private final OutputLimit limit;
    private final AvroSerde<CleanArticle> serde = new AvroSerde<>(CleanArticle.class);

    /**
     * @param limit the largest clean record the step may produce, for the topic it is written to
     */
    public CleanStep(final CleanArticleMapper mapper, final PipelineMetrics metrics, final OutputLimit limit) {
        this.mapper = mapper;
        this.metrics = metrics;
        this.timer = metrics.processingTime(PROCESSOR);
        this.limit = limit;
    }

    /** The largest content accepted, inflated, in bytes: the limit for gzip-compressed raw values too. */
    public int maxContentBytes() {
        return mapper.maxContentBytes();
    }

    /**
     * Cleans one raw record.
     *
     * @param key the record's key, the article id
     * @param raw the record's value, null for a tombstone
     * @return the clean article, keyed by the same id
     * @throws RejectedRecordException when the record cannot become a clean article; any other
     *                                 exception is a bug, dead-lettered as a processing error
     */
    public CleanArticle apply(final String key, final RawArticle raw) {
        metrics.recordIn(PROCESSOR);
        final String id = RecordChecks.requireKey(key);
        final RawArticle value = RecordChecks.requireValue(raw, "RawArticle");
        final long start = System.nanoTime();
        final CleanArticle clean = mapper.clean(id, value);
        timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        limit.require(clean, upperBound(clean), serde);
        metrics.recordsOut(PROCESSOR, 1);
        return clean;
    }

    /** Every string field at three bytes a character, plus room for the rest. */
    static long upperBound(final CleanArticle clean) {
        return 4096
                + OutputLimit.utf8Bound(clean.getText())
                + OutputLimit.utf8Bound(clean.getTitle())
                + OutputLimit.utf8Bound(clean.getDescription())
                + OutputLimit.utf8Bound(clean.getAuthor())
                + OutputLimit.utf8Bound(clean.getUrl())
                + OutputLimit.utf8Bound(clean.getCanonicalUrl())
                + OutputLimit.utf8Bound(clean.getSource())
                + OutputLimit.utf8Bound(clean.getSiteName());
    }
}
