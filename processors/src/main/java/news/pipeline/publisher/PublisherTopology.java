package news.pipeline.publisher;

import news.pipeline.deadletter.RecordChecks;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * The publisher application: {@code news.articles.enriched} (keyed by article id) →
 * {@code news.articles.by-country}, re-keyed by ISO country code, one record per country the
 * article involves. Re-keying before {@code to()} needs no repartition topic: the output topic's
 * own partitioner places each record by its new key.
 */
public final class PublisherTopology {
    /** Version of the fan-out logic, for dead letters. */
    public static final String VERSION = "1.0.0";

    private PublisherTopology() {
    }

    public static Topology build() {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.ENRICHED.name(), Topics.ENRICHED.consumed("read-enriched-articles"))
                .flatMap((id, value) -> {
                    RecordChecks.requireKey(id);
                    final EnrichedArticle article = RecordChecks.requireValue(value, "EnrichedArticle");
                    return CountryFanOut.of(article).stream()
                            .map(view -> KeyValue.pair(view.getCode(), view))
                            .toList();
                }, Named.as("fan-out-by-country"))
                .to(Topics.BY_COUNTRY.name(), Topics.BY_COUNTRY.produced("write-by-country"));
        return builder.build();
    }
}
