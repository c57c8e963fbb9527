package news.pipeline.publisher;

import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.serde.ValueFormat;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.TopicSpec;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The publisher application: enriched articles ({@code news.articles.enriched}, keyed by article
 * id) → country views ({@code news.articles.by-country}), re-keyed by ISO country code, one record
 * per country the article involves; the work is {@link FanOutStep}'s. Re-keying before
 * {@code to()} needs no repartition topic: the output topic's own partitioner places each record
 * by its new key. Records a replay wrote are skipped.
 */
public final class PublisherTopology {
    private PublisherTopology() {}

    /**
     * @param input  the enriched articles' topic
     * @param format how values are framed (the reader accepts both framings)
     * @param output the country views' topic
     */
    public static Topology build(
            final TopicSpec<String, EnrichedArticle> input,
            final TopicSpec<String, CountryArticle> output,
            final FanOutStep step,
            final ValueFormat format) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input.name(), input.consumed("read-enriched-articles", format))
                .process(() -> new FanOutProcessor(step), Named.as("fan-out-by-country"))
                .to(output.name(), output.produced("write-by-country", format));
        return builder.build();
    }

    private static final class FanOutProcessor implements Processor<String, EnrichedArticle, String, CountryArticle> {
        private final FanOutStep step;
        private ProcessorContext<String, CountryArticle> context;

        FanOutProcessor(final FanOutStep step) {
            this.step = step;
        }

        @Override
        public void init(final ProcessorContext<String, CountryArticle> context) {
            this.context = context;
        }

        @Override
        public void process(final Record<String, EnrichedArticle> record) {
            if (PipelineHeaders.isReplayed(record.headers())) {
                // The replay that wrote this enriched record wrote its by-country records too.
                return;
            }
            for (final CountryArticle view : step.apply(record.key(), record.value())) {
                context.forward(record.withKey(FanOutStep.keyOf(view)).withValue(view));
            }
        }
    }
}
