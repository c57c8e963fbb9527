package news.pipeline.cleaner;

import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.RawArticleSerde;
import news.pipeline.serde.ValueFormat;
import news.pipeline.topics.TopicSpec;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The cleaner application: raw articles ({@code news.articles.raw}) → clean articles
 * ({@code news.articles.clean}), both keyed by the article id. The key is kept as it is. The work
 * is {@link CleanStep}'s; records it rejects, or fails on, go to the dead-letter topic through
 * {@link news.pipeline.deadletter.DeadLetterHandler}.
 */
public final class CleanerTopology {
    private CleanerTopology() {}

    /**
     * @param input  the raw articles' topic
     * @param format how values are framed (the reader accepts both framings)
     * @param output the clean articles' topic
     */
    public static Topology build(
            final TopicSpec<String, RawArticle> input,
            final TopicSpec<String, CleanArticle> output,
            final CleanStep step,
            final ValueFormat format) {
        final StreamsBuilder builder = new StreamsBuilder();
        // The raw topic's reader inflates gzip, so it takes the cleaner's content cap as its limit; it
        // reads both framings, and JSON.
        builder.stream(
                        input.name(),
                        input.consumed("read-raw-articles", new RawArticleSerde(step.maxContentBytes(), format)))
                .processValues(() -> new CleanProcessor(step), Named.as("clean-article"))
                .to(output.name(), output.produced("write-clean-articles", format));
        return builder.build();
    }

    private static final class CleanProcessor implements FixedKeyProcessor<String, RawArticle, CleanArticle> {
        private final CleanStep step;
        private FixedKeyProcessorContext<String, CleanArticle> context;

        CleanProcessor(final CleanStep step) {
            this.step = step;
        }

        @Override
        public void init(final FixedKeyProcessorContext<String, CleanArticle> context) {
            this.context = context;
        }

        @Override
        public void process(final FixedKeyRecord<String, RawArticle> record) {
            context.forward(record.withValue(step.apply(record.key(), record.value())));
        }
    }
}
