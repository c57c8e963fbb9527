package news.pipeline.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.ByteBuffers;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testing.GzipData;
import news.pipeline.testing.TopologyHarness;
import news.pipeline.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CleanerTopologyTest {
    private static final int MAX_CONTENT_BYTES = 64 * 1024;
    private static final String STORY = "Ministers from Chile and Peru met in Lima on Tuesday to sign a trade deal.\n\n"
            + "The agreement cuts tariffs on copper and fruit and takes effect next year, officials said after the meeting.";

    private final AvroSerde<RawArticle> rawSerde = new AvroSerde<>(RawArticle.class);
    private TopologyHarness<String, CleanArticle> harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness<>(
                ProcessorApp.CLEANER,
                Topics.CLEAN,
                Map.of(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, String.valueOf(MAX_CONTENT_BYTES)));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void cleansAnHtmlPageKeepingItsId() {
        harness.pipe(
                "a-1",
                rawSerde.encode(raw(
                        ArticleFormat.HTML,
                        "<html><head><title>Chile and Peru sign deal | Daily</title></head>"
                                + "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Chile and Peru sign deal</h1>"
                                + "<p>" + STORY.replace("\n\n", "</p><p>")
                                + "</p></article><footer>Copyright Daily</footer></body></html>")));

        final List<KeyValue<String, CleanArticle>> out = harness.output();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo("a-1");
        final CleanArticle clean = out.get(0).value;
        assertThat(clean.getId()).isEqualTo("a-1");
        assertThat(clean.getTitle()).isEqualTo("Chile and Peru sign deal");
        assertThat(clean.getText())
                .contains("Ministers from Chile and Peru")
                .contains("takes effect next year")
                .doesNotContain("Home")
                .doesNotContain("Copyright");
        assertThat(clean.getFormat()).isEqualTo(ArticleFormat.HTML);
        assertThat(clean.getCleanerVersion()).isNotBlank();
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void everyKindOfBadInputIsDeadLetteredWithItsReasonAndTheNextGoodRecordStillGoesThrough() {
        final byte[] notAvro = "plain words, neither avro nor json".getBytes(StandardCharsets.UTF_8);
        final byte[] empty = rawSerde.encode(raw(ArticleFormat.TEXT, "   \n  "));
        final byte[] oversized = rawSerde.encode(raw(ArticleFormat.TEXT, "word ".repeat(MAX_CONTENT_BYTES)));
        final byte[] noText = rawSerde.encode(
                raw(
                        ArticleFormat.HTML,
                        "<html><head><title>x</title><script>var a = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>"));
        final byte[] unknownSchema = encodedWithAnUnreleasedSchema();

        harness.pipe("not-avro", notAvro);
        harness.pipe("empty", empty);
        harness.pipe("oversized", oversized);
        harness.pipe("no-text", noText);
        harness.pipe("unknown-schema", unknownSchema);
        harness.pipe(null, rawSerde.encode(raw(ArticleFormat.TEXT, STORY)));
        harness.pipe("good", rawSerde.encode(raw(ArticleFormat.TEXT, STORY)));

        final List<DeadLetter> dead = harness.deadLetters();
        assertThat(dead)
                .extracting(DeadLetter::getReason)
                .containsExactly(
                        DeadLetterReason.MALFORMED_RECORD,
                        DeadLetterReason.EMPTY_CONTENT,
                        DeadLetterReason.OVERSIZED,
                        DeadLetterReason.NO_TEXT,
                        DeadLetterReason.UNKNOWN_SCHEMA,
                        DeadLetterReason.MISSING_KEY);
        assertThat(dead).allSatisfy(letter -> {
            assertThat(letter.getProcessor()).isEqualTo("cleaner");
            assertThat(letter.getSourceTopic()).isEqualTo(Topics.RAW.name());
            assertThat(letter.getMessage()).isNotBlank();
        });
        assertThat(dead).extracting(DeadLetter::getSourceOffset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(ByteBuffers.copy(dead.get(0).getOriginalValue())).isEqualTo(notAvro);
        assertThat(ByteBuffers.copy(dead.get(2).getOriginalValue())).isEqualTo(oversized);
        assertThat(ByteBuffers.copy(dead.get(1).getOriginalKey())).isEqualTo("empty".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.get(5).getOriginalKey()).isNull();
        assertThat(dead.get(2).getMessage().replaceAll("[^0-9]", "")).contains(String.valueOf(MAX_CONTENT_BYTES));

        assertThat(harness.output()).extracting(kv -> kv.key).containsExactly("good");

        final var metrics = harness.metrics();
        assertThat(metrics.count("news.pipeline.records.in", "processor", "cleaner"))
                .isEqualTo(7);
        assertThat(metrics.count("news.pipeline.records.out", "processor", "cleaner"))
                .isEqualTo(1);
        assertThat(metrics.count("news.pipeline.dead.letters", "processor", "cleaner"))
                .isEqualTo(6);
        assertThat(metrics.count("news.pipeline.dead.letters", "processor", "cleaner", "reason", "OVERSIZED"))
                .isEqualTo(1);
    }

    @Test
    void jsonAndGzipValuesAreReadRecordByRecordBesideAvro() {
        final String json = "{\"url\": \"https://news.example/story\", \"title\": \"Trade deal\", \"text\": " + "\""
                + STORY.replace("\n", "\\n") + "\"}";
        harness.pipe("json", json.getBytes(StandardCharsets.UTF_8));
        harness.pipe("avro", rawSerde.encode(raw(ArticleFormat.TEXT, STORY)));
        harness.pipe("gzip-json", GzipData.gzip(json.getBytes(StandardCharsets.UTF_8)));
        harness.pipe("gzip-avro", GzipData.gzip(rawSerde.encode(raw(ArticleFormat.TEXT, STORY))));
        harness.pipe("gzip-content", rawSerde.encode(raw(ArticleFormat.TEXT, STORY, true)));

        final List<KeyValue<String, CleanArticle>> out = harness.output();
        assertThat(out)
                .extracting(kv -> kv.key)
                .containsExactly("json", "avro", "gzip-json", "gzip-avro", "gzip-content");
        assertThat(out)
                .allSatisfy(kv -> assertThat(kv.value.getText())
                        .contains("Ministers from Chile and Peru")
                        .contains("takes effect next year"));
        assertThat(out.get(0).value.getUrl()).isEqualTo("https://news.example/story");
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void badJsonAndGzipBombsAreDeadLetteredWithTheirReasonsAndTheStreamGoesOn() {
        final byte[] malformed = "{\"text\": \"unfinished".getBytes(StandardCharsets.UTF_8);
        final byte[] array = "[{\"text\": \"a story\"}]".getBytes(StandardCharsets.UTF_8);
        final byte[] noContent = "{\"url\": \"https://news.example/a\"}".getBytes(StandardCharsets.UTF_8);
        final byte[] valueBomb = GzipData.bomb();
        final byte[] contentBomb = rawSerde.encode(RawArticle.newBuilder(raw(ArticleFormat.HTML, ""))
                .setContent(ByteBuffer.wrap(GzipData.bomb()))
                .build());

        harness.pipe("malformed", malformed);
        harness.pipe("array", array);
        harness.pipe("no-content", noContent);
        harness.pipe("value-bomb", valueBomb);
        harness.pipe("content-bomb", contentBomb);
        harness.pipe("good", rawSerde.encode(raw(ArticleFormat.TEXT, STORY)));

        final List<DeadLetter> dead = harness.deadLetters();
        assertThat(dead)
                .extracting(DeadLetter::getReason)
                .containsExactly(
                        DeadLetterReason.MALFORMED_JSON,
                        DeadLetterReason.INVALID_JSON_ARTICLE,
                        DeadLetterReason.INVALID_JSON_ARTICLE,
                        DeadLetterReason.OVERSIZED,
                        DeadLetterReason.OVERSIZED);
        assertThat(dead)
                .extracting(DeadLetter::getMessage)
                .containsExactly(
                        "not valid JSON at line 1, column 21: Unexpected end-of-input in VALUE_STRING",
                        "a JSON array, not an object: a raw article is a JSON object with \"html\" or \"text\"",
                        "a JSON article needs \"html\" or \"text\"",
                        String.format(
                                "gzip-compressed value: %,d bytes of gzip inflate to more than %,d bytes, the maximum"
                                        + " content size (news.pipeline.cleaner.max.content.bytes)",
                                valueBomb.length, MAX_CONTENT_BYTES),
                        String.format(
                                "gzip-compressed content: %,d bytes of gzip inflate to more than %,d bytes, the"
                                        + " maximum",
                                valueBomb.length, MAX_CONTENT_BYTES));
        assertThat(ByteBuffers.copy(dead.get(0).getOriginalValue())).isEqualTo(malformed);
        assertThat(ByteBuffers.copy(dead.get(3).getOriginalValue())).isEqualTo(valueBomb);
        assertThat(harness.output()).extracting(kv -> kv.key).containsExactly("good");
    }

    /** A RawArticle written by a schema version this reader was never given: its fingerprint is unknown. */
    private static byte[] encodedWithAnUnreleasedSchema() {
        final Schema future = SchemaBuilder.record("RawArticle")
                .namespace("news.pipeline.schema")
                .fields()
                .requiredBytes("content")
                .requiredString("something_new")
                .endRecord();
        final GenericRecord record = new GenericData.Record(future);
        record.put("content", ByteBuffer.wrap("text".getBytes(StandardCharsets.UTF_8)));
        record.put("something_new", "x");
        try {
            return ByteBuffers.copy(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), future).encode(record));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RawArticle raw(final ArticleFormat format, final String content) {
        return raw(format, content, false);
    }

    /** @param gzip whether the content is stored gzip-compressed, as a server sent it */
    private static RawArticle raw(final ArticleFormat format, final String content, final boolean gzip) {
        final byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return RawArticle.newBuilder()
                .setUrl("https://news.example/story")
                .setSource("test")
                .setFormat(format)
                .setContentType(format == ArticleFormat.HTML ? "text/html; charset=utf-8" : "text/plain; charset=utf-8")
                .setContent(ByteBuffer.wrap(gzip ? GzipData.gzip(bytes) : bytes))
                .build();
    }
}
