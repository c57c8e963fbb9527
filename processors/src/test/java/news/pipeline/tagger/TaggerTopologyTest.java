package news.pipeline.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import news.pipeline.deadletter.OutputLimit;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.CountryTag;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.Mention;
import news.pipeline.schema.TextField;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.ByteBuffers;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import news.pipeline.testing.TopologyHarness;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaggerTopologyTest {
    private final AvroSerde<CleanArticle> cleanSerde = new AvroSerde<>(CleanArticle.class);
    private TopologyHarness<String, EnrichedArticle> harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness<>(ProcessorApp.TAGGER, Topics.ENRICHED, Map.of());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void tagsTheCountriesWithOffsetsIntoTheText() {
        harness.pipe(
                "a-1",
                cleanSerde.encode(
                        clean(
                                "a-1",
                                "Armenia and Azerbaijan trade fire",
                                "Armenia accused Azerbaijan of shelling border villages on Friday. Russia offered to mediate.")));

        final List<KeyValue<String, EnrichedArticle>> out = harness.output();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo("a-1");
        final EnrichedArticle enriched = out.get(0).value;
        assertThat(enriched.getCountries()).extracting(CountryTag::getCode).contains("AM", "AZ", "RU");
        assertThat(enriched.getFocus()).contains("AM", "AZ");
        for (final CountryTag country : enriched.getCountries()) {
            assertThat(country.getMentions()).isEqualTo(country.getEvidence().size());
            assertThat(country.getSalience()).isBetween(0.0, 1.0);
            for (final Mention mention : country.getEvidence()) {
                final String field = mention.getField() == TextField.TITLE ? enriched.getTitle() : enriched.getText();
                assertThat(field.substring(mention.getStart(), mention.getEnd()))
                        .isEqualTo(mention.getSurface());
            }
        }
        assertThat(enriched.getTaggerVersion()).isNotBlank();
        assertThat(enriched.getGazetteerVersion()).isNotBlank();
        assertThat(enriched.getCleanerVersion()).isEqualTo("test-cleaner");
    }

    @Test
    void deadLettersWhatIsNotACleanArticleAndGoesOn() {
        final byte[] junk = new byte[] {(byte) 0xC3, 0x01, 0x02, 0x03};
        harness.pipe("junk", junk);
        harness.pipe("tombstone", null);
        harness.pipe("a-2", cleanSerde.encode(clean("a-2", "Chile votes", "Chile held a referendum on Sunday.")));

        final List<DeadLetter> dead = harness.deadLetters();
        assertThat(dead)
                .extracting(DeadLetter::getReason)
                .containsExactly(DeadLetterReason.MALFORMED_RECORD, DeadLetterReason.MALFORMED_RECORD);
        assertThat(dead).extracting(DeadLetter::getProcessor).containsOnly("tagger");
        assertThat(dead.get(1).getOriginalValue()).isNull();
        assertThat(harness.output()).extracting(kv -> kv.key).containsExactly("a-2");
    }

    @Test
    void skipsCleanRecordsAReplayWroteBecauseTheReplayWroteTheirOutputItself() {
        harness.pipe(
                "replayed",
                cleanSerde.encode(clean("replayed", "Chile votes", "Chile held a referendum.")),
                PipelineHeaders.REPLAYED,
                "replay-1");
        harness.pipe("live", cleanSerde.encode(clean("live", "Chile votes", "Chile held a referendum.")));

        assertThat(harness.output()).extracting(kv -> kv.key).containsExactly("live");
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void deadLettersAnArticleWhoseEnrichedRecordWouldBeTooLargeToSend() {
        try (TopologyHarness<String, EnrichedArticle> small = new TopologyHarness<>(
                ProcessorApp.TAGGER, Topics.ENRICHED, Map.of("producer.max.request.size", String.valueOf(200_000)))) {
            small.pipe("huge", cleanSerde.encode(clean("huge", "Russia", "Russia and Turkey. ".repeat(10_000))));
            small.pipe("a-3", cleanSerde.encode(clean("a-3", "Chile votes", "Chile held a referendum on Sunday.")));

            assertThat(small.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.getReason()).isEqualTo(DeadLetterReason.OVERSIZED);
                assertThat(letter.getMessage()).contains("news.articles.enriched");
            });
            assertThat(small.output()).extracting(kv -> kv.key).containsExactly("a-3");
        }
    }

    @Test
    void deadLettersAnArticleTheTaggerFailsOnAsAProcessingErrorAndGoesOn() {
        final PipelineSteps standard = PipelineSteps.fromSettings(Map.of(), PipelineMetrics.inMemory());
        final EnrichStep failing = new EnrichStep(
                clean -> {
                    if (clean.getId().equals("trips")) {
                        throw new IllegalStateException("tagger bug on " + clean.getId());
                    }
                    return ProcessorApp.enrichedArticleMapper().enrich(clean);
                },
                standard.metrics(),
                new OutputLimit(StreamsSettings.MAX_REQUEST_BYTES, Topics.ENRICHED.name()));
        try (TopologyHarness<String, EnrichedArticle> failingHarness = new TopologyHarness<>(
                ProcessorApp.TAGGER, Topics.ENRICHED, Map.of(), standard.withEnrichStep(failing))) {
            final byte[] trips = cleanSerde.encode(clean("trips", "Chile votes", "Chile held a referendum."));
            failingHarness.pipe("trips", trips);
            failingHarness.pipe("a-4", cleanSerde.encode(clean("a-4", "Chile votes", "Chile held a referendum.")));

            assertThat(failingHarness.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
                assertThat(letter.getProcessor()).isEqualTo("tagger");
                assertThat(letter.getMessage()).isEqualTo("tagger bug on trips");
                assertThat(ByteBuffers.copy(letter.getOriginalValue())).isEqualTo(trips);
            });
            assertThat(failingHarness.output()).extracting(kv -> kv.key).containsExactly("a-4");
            assertThat(failingHarness.metrics().count("news.pipeline.dead.letters", "processor", "tagger"))
                    .isEqualTo(1.0);
        }
    }

    private static CleanArticle clean(final String id, final String title, final String text) {
        return CleanArticle.newBuilder()
                .setId(id)
                .setFormat(ArticleFormat.TEXT)
                .setTitle(title)
                .setText(text)
                .setCleanerVersion("test-cleaner")
                .build();
    }
}
