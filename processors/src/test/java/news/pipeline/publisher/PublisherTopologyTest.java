package news.pipeline.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.ByteBuffers;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testing.Articles;
import news.pipeline.testing.TopologyHarness;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublisherTopologyTest {
    private final AvroSerde<EnrichedArticle> enrichedSerde = new AvroSerde<>(EnrichedArticle.class);
    private TopologyHarness<String, CountryArticle> harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness<>(ProcessorApp.PUBLISHER, Topics.BY_COUNTRY, Map.of());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void publishesOneRecordPerCountryKeyedByItsCode() {
        harness.pipe("article-1", enrichedSerde.encode(Articles.enriched("article-1")));

        final List<KeyValue<String, CountryArticle>> out = harness.output();
        assertThat(out).extracting(kv -> kv.key).containsExactly("AM", "FR");
        assertThat(out).allSatisfy(kv -> {
            assertThat(kv.value.getCode()).isEqualTo(kv.key);
            assertThat(kv.value.getArticleId()).isEqualTo("article-1");
        });
        assertThat(out.get(0).value.getFocus()).isTrue();
        assertThat(out.get(1).value.getFocus()).isFalse();
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void deadLettersAValueThatIsNotAnEnrichedArticleAndGoesOn() {
        final byte[] junk = "not avro at all".getBytes(StandardCharsets.UTF_8);
        harness.pipe("bad", junk);
        harness.pipe("article-2", enrichedSerde.encode(Articles.enriched("article-2")));

        final List<DeadLetter> dead = harness.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getReason()).isEqualTo(DeadLetterReason.MALFORMED_RECORD);
        assertThat(dead.get(0).getProcessor()).isEqualTo("publisher");
        assertThat(dead.get(0).getSourceTopic()).isEqualTo(Topics.ENRICHED.name());
        assertThat(dead.get(0).getSourceOffset()).isZero();
        assertThat(ByteBuffers.copy(dead.get(0).getOriginalValue())).isEqualTo(junk);
        assertThat(ByteBuffers.copy(dead.get(0).getOriginalKey())).isEqualTo("bad".getBytes(StandardCharsets.UTF_8));
        assertThat(harness.output()).extracting(kv -> kv.value.getArticleId()).containsOnly("article-2");
    }

    @Test
    void deadLettersANullValueAndANullKeyWithTheirOwnReasons() {
        harness.pipe("tombstone", null);
        harness.pipe(null, enrichedSerde.encode(Articles.enriched("no-key")));
        harness.pipe("article-3", enrichedSerde.encode(Articles.enriched("article-3")));

        assertThat(harness.deadLetters())
                .extracting(DeadLetter::getReason)
                .containsExactly(DeadLetterReason.MALFORMED_RECORD, DeadLetterReason.MISSING_KEY);
        assertThat(harness.output()).extracting(kv -> kv.value.getArticleId()).containsOnly("article-3");
    }

    @Test
    void skipsEnrichedRecordsAReplayWrote() {
        harness.pipe(
                "replayed", enrichedSerde.encode(Articles.enriched("replayed")), PipelineHeaders.REPLAYED, "replay-1");
        harness.pipe("live", enrichedSerde.encode(Articles.enriched("live")));

        assertThat(harness.output()).extracting(kv -> kv.value.getArticleId()).containsOnly("live");
    }
}
