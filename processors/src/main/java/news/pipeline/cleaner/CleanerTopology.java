package news.pipeline.cleaner;

import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import news.pipeline.deadletter.OutputLimit;
import news.pipeline.deadletter.RecordChecks;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.RawArticleSerde;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The cleaner application: {@code news.articles.raw} → {@code news.articles.clean}, both keyed by
 * the article id. The key is kept as it is. Records it cannot clean go to the dead-letter topic
 * through {@link news.pipeline.deadletter.DeadLetterHandler}.
 */
public final class CleanerTopology {
    /** The processor's name in metrics and dead letters. */
    public static final String PROCESSOR = "cleaner";

    private CleanerTopology() {}

    public static Topology build(
            final CleanArticleMapper mapper, final PipelineMetrics metrics, final int maxRequestBytes) {
        final StreamsBuilder builder = new StreamsBuilder();
        final OutputLimit limit = new OutputLimit(maxRequestBytes, Topics.CLEAN.name());
        builder.stream(
                        Topics.RAW.name(),
                        Topics.RAW.consumed("read-raw-articles", new RawArticleSerde(mapper.maxContentBytes())))
                .processValues(() -> new CleanStep(mapper, metrics, limit), Named.as("clean-article"))
                .to(Topics.CLEAN.name(), Topics.CLEAN.produced("write-clean-articles"));
        return builder.build();
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

    private static final class CleanStep implements FixedKeyProcessor<String, RawArticle, CleanArticle> {
        private final CleanArticleMapper mapper;
        private final PipelineMetrics metrics;
        private final Timer timer;
        private final OutputLimit limit;
        private final AvroSerde<CleanArticle> serde = new AvroSerde<>(CleanArticle.class);
        private FixedKeyProcessorContext<String, CleanArticle> context;

        CleanStep(final CleanArticleMapper mapper, final PipelineMetrics metrics, final OutputLimit limit) {
            this.mapper = mapper;
            this.metrics = metrics;
            this.timer = metrics.processingTime(PROCESSOR);
            this.limit = limit;
        }

        @Override
        public void init(final FixedKeyProcessorContext<String, CleanArticle> context) {
            this.context = context;
        }

        @Override
        public void process(final FixedKeyRecord<String, RawArticle> record) {
            metrics.recordIn(PROCESSOR);
            final String id = RecordChecks.requireKey(record.key());
            final RawArticle raw = RecordChecks.requireValue(record.value(), "RawArticle");
            final long start = System.nanoTime();
            final CleanArticle clean = mapper.clean(id, raw);
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            limit.require(clean, upperBound(clean), serde);
            context.forward(record.withValue(clean));
            metrics.recordsOut(PROCESSOR, 1);
        }
    }
}
