package news.pipeline.cleaner;

import news.pipeline.deadletter.RecordChecks;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.RawArticle;
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

    private CleanerTopology() {
    }

    public static Topology build(final CleanArticles cleanArticles) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.RAW.name(), Topics.RAW.consumed("read-raw-articles"))
                .processValues(() -> new CleanStep(cleanArticles), Named.as("clean-article"))
                .to(Topics.CLEAN.name(), Topics.CLEAN.produced("write-clean-articles"));
        return builder.build();
    }

    private static final class CleanStep implements FixedKeyProcessor<String, RawArticle, CleanArticle> {
        private final CleanArticles cleanArticles;
        private FixedKeyProcessorContext<String, CleanArticle> context;

        CleanStep(final CleanArticles cleanArticles) {
            this.cleanArticles = cleanArticles;
        }

        @Override
        public void init(final FixedKeyProcessorContext<String, CleanArticle> context) {
            this.context = context;
        }

        @Override
        public void process(final FixedKeyRecord<String, RawArticle> record) {
            final String id = RecordChecks.requireKey(record.key());
            final RawArticle raw = RecordChecks.requireValue(record.value(), "RawArticle");
            context.forward(record.withValue(cleanArticles.clean(id, raw)));
        }
    }
}
