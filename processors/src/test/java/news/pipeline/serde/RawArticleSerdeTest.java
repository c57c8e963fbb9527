package news.pipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.RawArticle;
import news.pipeline.testing.GzipData;
import org.junit.jupiter.api.Test;

/** The raw topic's values: Avro or JSON, either of them gzip-compressed, told apart record by record. */
class RawArticleSerdeTest {
    private static final int MAX_INFLATED_BYTES = 4 * 1024 * 1024;
    private static final String PAGE = "<html><head><title>Chile and Peru sign deal</title></head>"
            + "<body><p>Ministers from Chile and Peru met in Lima.</p></body></html>";

    private final RawArticleSerde serde = new RawArticleSerde(MAX_INFLATED_BYTES);

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String content(final RawArticle raw) {
        return StandardCharsets.UTF_8.decode(raw.getContent()).toString();
    }

    private static RawArticle avroArticle() {
        return RawArticle.newBuilder()
                .setUrl("https://news.example/a")
                .setFormat(ArticleFormat.HTML)
                .setContentType("text/html")
                .setContent(ByteBuffer.wrap(utf8(PAGE)))
                .build();
    }

    @Test
    void readsAvroSingleObjectEncodingAsBefore() {
        final RawArticle decoded = serde.decode(serde.encode(avroArticle()));
        assertThat(decoded).isEqualTo(avroArticle());
    }

    @Test
    void readsAJsonObjectWithHtmlAndEveryOptionalField() {
        final String json = "{\"id\": \"feed-1\", \"url\": \"https://news.example/a\", \"html\": \""
                + PAGE.replace("\"", "\\\"")
                + "\", \"title\": \"Deal\", \"published_at\": \"2026-03-06T07:15:00+01:00\","
                + " \"source\": \"example-rss\", \"language\": \"en\", \"crawler\": \"ignored\"}";
        final RawArticle raw = serde.decode(utf8(json));
        assertThat(content(raw)).isEqualTo(PAGE);
        assertThat(raw.getFormat()).isEqualTo(ArticleFormat.HTML);
        assertThat(raw.getContentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(raw.getUrl()).isEqualTo("https://news.example/a");
        assertThat(raw.getTitle()).isEqualTo("Deal");
        assertThat(raw.getPublishedAt()).isEqualTo(Instant.parse("2026-03-06T06:15:00Z"));
        assertThat(raw.getSource()).isEqualTo("example-rss");
        assertThat(raw.getLanguage()).isEqualTo("en");
    }

    @Test
    void readsAJsonObjectWithTextAfterAByteOrderMarkAndWhitespace() {
        final byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        final byte[] json = utf8(" \r\n\t{\"text\": \"Tonga and Fiji lay a cable.\", \"published_at\": 1772780100000}");
        final byte[] value = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, value, 0, bom.length);
        System.arraycopy(json, 0, value, bom.length, json.length);
        final RawArticle raw = serde.decode(value);
        assertThat(content(raw)).isEqualTo("Tonga and Fiji lay a cable.");
        assertThat(raw.getFormat()).isEqualTo(ArticleFormat.TEXT);
        assertThat(raw.getContentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(raw.getPublishedAt()).isEqualTo(Instant.ofEpochMilli(1772780100000L));
    }

    @Test
    void readsGzipCompressedAvroAndJson() {
        assertThat(serde.decode(GzipData.gzip(serde.encode(avroArticle())))).isEqualTo(avroArticle());
        assertThat(content(serde.decode(GzipData.gzip(utf8("{\"text\": \"A story.\"}")))))
                .isEqualTo("A story.");
    }

    @Test
    void malformedJsonIsRejectedWithWhereAndWhat() {
        assertRejected(
                "{\"url\": \"https://news.example/a\",\n \"text\": \"A story.\"",
                DeadLetterReason.MALFORMED_JSON,
                "not valid JSON at line 2, column 20: Unexpected end-of-input: expected close marker for Object");
        assertRejected(
                "{\"text\": \"one\"}\n{\"text\": \"two\"}",
                DeadLetterReason.MALFORMED_JSON,
                "not valid JSON at line 2, column 1: more JSON after the first value; a record holds one object");
        assertRejected(
                "{\"html\": \"<p>a</p>\", \"html\": \"<p>b</p>\"}",
                DeadLetterReason.MALFORMED_JSON,
                "not valid JSON at line 1, column 28: Duplicate field 'html'");
    }

    @Test
    void jsonThatIsNotAnArticleIsRejectedNamingWhatIsWrong() {
        assertRejected(
                "[{\"text\": \"A story.\"}]",
                DeadLetterReason.INVALID_JSON_ARTICLE,
                "a JSON array, not an object: a raw article is a JSON object with \"html\" or \"text\"");
        assertRejected(
                "\"A story.\"",
                DeadLetterReason.INVALID_JSON_ARTICLE,
                "a JSON string, not an object: a raw article is a JSON object with \"html\" or \"text\"");
        assertRejected(
                "{\"url\": \"https://news.example/a\", \"html\": null}",
                DeadLetterReason.INVALID_JSON_ARTICLE,
                "a JSON article needs \"html\" or \"text\"");
        assertRejected(
                "{\"text\": [\"A story.\"]}",
                DeadLetterReason.INVALID_JSON_ARTICLE,
                "\"text\" must be a string, not a array");
        assertRejected(
                "{\"text\": \"A story.\", \"published_at\": \"yesterday\"}",
                DeadLetterReason.INVALID_JSON_ARTICLE,
                "published_at is not ISO-8601 with an offset: yesterday");
    }

    @Test
    void bytesThatAreNeitherAvroNorJsonAreAMalformedRecord() {
        assertRejected(
                "<<definitely not avro>>",
                DeadLetterReason.MALFORMED_RECORD,
                "not a raw article: 23 bytes that are neither Avro single-object encoding (C3 01 ...) nor a JSON"
                        + " object ({ ...) nor Avro in the Confluent wire format (00 ...); they start 3C 3C 64 65 66 69 6E 69 ...");
    }

    @Test
    void aGzipBombIsOversizedAndNeverInflatedWhole() {
        final byte[] bomb = GzipData.bomb();
        assertThat(bomb.length).isLessThan(1024 * 1024);
        assertThatThrownBy(() -> serde.decode(bomb))
                .isInstanceOfSatisfying(
                        RejectedValueException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.OVERSIZED))
                .hasMessage("gzip-compressed value: " + String.format("%,d", bomb.length)
                        + " bytes of gzip inflate to more than 4,194,304 bytes, the maximum content size"
                        + " (news.pipeline.cleaner.max.content.bytes)");
    }

    @Test
    void gzipThatDoesNotInflateIsAMalformedRecord() {
        final byte[] gzip = GzipData.gzip(utf8("{\"text\": \"A story.\"}"));
        final byte[] truncated = Arrays.copyOf(gzip, gzip.length - 6);
        assertThatThrownBy(() -> serde.decode(truncated))
                .isInstanceOfSatisfying(
                        RejectedValueException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MALFORMED_RECORD))
                .hasMessageStartingWith("the value starts like gzip (1F 8B) but does not inflate: ");
    }

    private void assertRejected(final String value, final DeadLetterReason reason, final String message) {
        assertThatThrownBy(() -> serde.decode(utf8(value)))
                .isInstanceOfSatisfying(
                        RejectedValueException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessage(message);
    }
}
