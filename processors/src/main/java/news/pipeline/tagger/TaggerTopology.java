package news.pipeline.tagger;

import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.serde.ValueFormat;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.TopicSpec;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The tagger application: clean articles ({@code news.articles.clean}) → enriched articles
 * ({@code news.articles.enriched}), both keyed by the article id. Adds the countries involved, the
 * focus and the organisations; the work is {@link EnrichStep}'s. Records a replay wrote (header
 * {@code news.replayed}) are skipped: the replay wrote their output itself.
 */
public final class TaggerTopology {
    private TaggerTopology() {}

    /**
     * @param input  the clean articles' topic
     * @param format how values are framed (the reader accepts both framings)
     * @param output the enriched articles' topic
     */
    public static Topology build(
            final TopicSpec<String, CleanArticle> input,
            final TopicSpec<String, EnrichedArticle> output,
            final EnrichStep step,
            final ValueFormat format) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input.name(), input.consumed("read-clean-articles", format))
                .processValues(() -> new EnrichProcessor(step), Named.as("tag-countries"))
                .to(output.name(), output.produced("write-enriched-articles", format));
        return builder.build();
    }

    private static final class EnrichProcessor implements FixedKeyProcessor<String, CleanArticle, EnrichedArticle> {
        private final EnrichStep step;
        private FixedKeyProcessorContext<String, EnrichedArticle> context;

        EnrichProcessor(final EnrichStep step) {
            this.step = step;
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
            context.forward(record.withValue(step.apply(record.key(), record.value())));
        }
    }
}
