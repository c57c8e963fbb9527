package news.pipeline.serde;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.RawArticle;

/**
 * A raw article as a JSON object, the shape crawlers in other languages write and {@code ingest}
 * reads: {@code url}, {@code html} or {@code text}, and optional {@code id}, {@code title},
 * {@code published_at} (ISO-8601 with an offset, or epoch milliseconds), {@code source} and
 * {@code language}. Other fields are ignored. The JSON Schema of this shape is
 * {@code schemas/src/main/json/raw-article.schema.json}. No Kafka here.
 */
public final class RawArticleJson {
    /** The fields read; any other field is ignored. */
    public static final List<String> FIELDS =
            List.of("id", "url", "html", "text", "title", "published_at", "source", "language");

    private static final List<String> STRING_FIELDS =
            List.of("id", "url", "html", "text", "title", "source", "language");
    private static final int UTF8_BOM_LENGTH = 3;

    /**
     * Trailing tokens and duplicate keys are errors: a value holding two objects, or an object that
     * says "html" twice, has no single meaning.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private RawArticleJson() {}

    /**
     * Whether a record value is meant as JSON: its first byte after an optional UTF-8 byte-order
     * mark and whitespace opens an object, an array or a string. Avro single-object encoding starts
     * with C3 01 and gzip with 1F 8B, so neither is taken for JSON.
     */
    public static boolean looksLikeJson(final byte[] value) {
        int i = startsWithUtf8Bom(value) ? UTF8_BOM_LENGTH : 0;
        while (i < value.length && isJsonWhitespace(value[i])) {
            i++;
        }
        return i < value.length && (value[i] == '{' || value[i] == '[' || value[i] == '"');
    }

    /** A record value as a raw article. */
    public static RawArticle decode(final byte[] value) throws InvalidJsonException {
        return toRawArticle(parse(value));
    }

    /** Parses one JSON value (UTF-8, -16 or -32, with or without a byte-order mark). */
    public static JsonNode parse(final byte[] value) throws InvalidJsonException {
        try {
            return MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            final String where = at == null || at.getLineNr() < 1
                    ? ""
                    : String.format(Locale.ROOT, " at line %d, column %d", at.getLineNr(), at.getColumnNr());
            throw new InvalidJsonException(
                    DeadLetterReason.MALFORMED_JSON, "not valid JSON" + where + ": " + problemOf(e));
        } catch (IOException e) {
            throw new InvalidJsonException(DeadLetterReason.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
    }

    /** Parses one JSON value as the raw topic does, for readers that report errors their own way. */
    public static JsonNode parse(final String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /** What a JSON syntax error says, in one line: Jackson's message runs over several and quotes the input. */
    public static String problemOf(final JsonProcessingException e) {
        final String first =
                e.getOriginalMessage().lines().findFirst().orElse("").strip();
        // The start marker's location names no source (Jackson redacts it): the line and column are given already.
        if (first.startsWith("Trailing token")) {
            return "more JSON after the first value; a record holds one object";
        }
        final int marker = first.indexOf(" (start marker at ");
        return marker < 0 ? first : first.substring(0, marker);
    }

    /**
     * The raw article a JSON object describes. The content is the {@code html} field's text (or, when
     * there is none, the {@code text} field's) in UTF-8, with a content type that says so.
     *
     * @throws InvalidJsonException INVALID_JSON_ARTICLE when the value is no object, has neither html
     *                              nor text, or a field of the wrong type
     */
    public static RawArticle toRawArticle(final JsonNode node) throws InvalidJsonException {
        if (!node.isObject()) {
            throw invalid("a JSON " + kindOf(node) + ", not an object: a raw article is a JSON object with"
                    + " \"html\" or \"text\"");
        }
        for (final String field : STRING_FIELDS) {
            final JsonNode value = node.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw invalid("\"" + field + "\" must be a string, not a " + kindOf(value));
            }
        }
        final boolean html = node.hasNonNull("html");
        if (!html && !node.hasNonNull("text")) {
            throw invalid("a JSON article needs \"html\" or \"text\"");
        }
        final byte[] content = node.get(html ? "html" : "text").textValue().getBytes(StandardCharsets.UTF_8);
        return RawArticle.newBuilder()
                .setUrl(text(node, "url"))
                .setSource(text(node, "source"))
                .setFormat(html ? ArticleFormat.HTML : ArticleFormat.TEXT)
                .setContentType(html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8")
                .setContent(ByteBuffer.wrap(content))
                .setTitle(text(node, "title"))
                .setPublishedAt(instant(node.get("published_at")))
                .setLanguage(text(node, "language"))
                .build();
    }

    /** The producer's own article id, or null when it gives none. */
    public static String id(final JsonNode node) {
        return text(node, "id");
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.textValue().isBlank() ? null : value.textValue();
    }

    private static Instant instant(final JsonNode value) throws InvalidJsonException {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        if (!value.isTextual()) {
            throw invalid("\"published_at\" must be an ISO-8601 string or epoch milliseconds, not a " + kindOf(value));
        }
        final String text = value.textValue().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid("published_at is not ISO-8601 with an offset: " + text);
            }
        }
    }

    private static String kindOf(final JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case BOOLEAN -> "boolean";
            case NUMBER -> "number";
            case STRING -> "string";
            case NULL -> "null";
            case OBJECT -> "object";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    private static InvalidJsonException invalid(final String message) {
        return new InvalidJsonException(DeadLetterReason.INVALID_JSON_ARTICLE, message);
    }

    private static boolean startsWithUtf8Bom(final byte[] value) {
        return value.length >= UTF8_BOM_LENGTH
                && (value[0] & 0xFF) == 0xEF
                && (value[1] & 0xFF) == 0xBB
                && (value[2] & 0xFF) == 0xBF;
    }

    private static boolean isJsonWhitespace(final byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** JSON that is not a raw article, with the dead-letter reason and a message naming the problem. */
    public static final class InvalidJsonException extends Exception {
        private final DeadLetterReason reason;

        public InvalidJsonException(final DeadLetterReason reason, final String message) {
            super(message);
            this.reason = reason;
        }

        public DeadLetterReason reason() {
            return reason;
        }

        /** An expected outcome for bad input: a stack trace would cost time and say nothing. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
