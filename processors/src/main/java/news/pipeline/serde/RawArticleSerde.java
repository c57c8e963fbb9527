package news.pipeline.serde;

import java.io.IOException;
import java.util.HexFormat;
import java.util.Locale;
import news.pipeline.clean.Gzip;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.RawArticle;
import news.pipeline.topics.Topics;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The raw topic's values. Written in the pipeline's framing (Avro single-object encoding, or the
 * Confluent wire format in registry mode); read, record by record, as whichever of these the value is:
 *
 * <ul>
 *   <li>Avro single-object encoding (starts C3 01), as {@code ingest} and Java producers write;
 *   <li>Avro in the Confluent wire format (starts 00, then the 4-byte schema id), as {@code ingest}
 *       in registry mode and Confluent-compatible producers write;
 *   <li>a JSON object in the shape of {@link RawArticleJson} (starts with <code>{</code> after an
 *       optional byte-order mark and whitespace), as crawlers in other languages write;
 *   <li>either of them gzip-compressed (starts 1F 8B), inflated to at most a given size.
 * </ul>
 *
 * A value that is none of them is rejected with a {@link RejectedValueException} that names the
 * dead-letter reason. Gzip is recognised by its magic bytes alone, not by a Content-Encoding
 * header: HTTP clients inflate bodies and keep the header, so the header alone would mislead.
 */
public final class RawArticleSerde implements FramedValueSerde<RawArticle> {
    /** How many leading bytes a message quotes of a value it cannot read. */
    private static final int QUOTED_BYTES = 8;

    private final ValueFormat format;
    /** Writes the format's framing, reads both. */
    private final Serde<RawArticle> avro;

    private final int maxInflatedBytes;

    /**
     * @param maxInflatedBytes the most a gzip-compressed value may inflate to: the cleaner's maximum
     *                         content size, so that a gzip bomb is refused like any oversized page
     */
    public RawArticleSerde(final int maxInflatedBytes) {
        this(maxInflatedBytes, ValueFormat.singleObject());
    }

    /**
     * @param maxInflatedBytes as above
     * @param format           the framing Avro values are written in; both are read either way
     */
    public RawArticleSerde(final int maxInflatedBytes, final ValueFormat format) {
        this.maxInflatedBytes = maxInflatedBytes;
        this.format = format;
        this.avro = format.serde(RawArticle.class);
    }

    @Override
    public Serde<RawArticle> in(final ValueFormat other) {
        return new RawArticleSerde(maxInflatedBytes, other);
    }

    @Override
    public Schema schema() {
        return RawArticle.getClassSchema();
    }

    public ValueFormat format() {
        return format;
    }

    public byte[] encode(final RawArticle article) {
        return avro.serializer().serialize(Topics.RAW_NAME, article);
    }

    /**
     * @throws RejectedValueException for a value that is no raw article, with the reason
     * @throws AvroSerde.UnknownSchemaException for Avro written with a schema no known version has
     */
    public RawArticle decode(final byte[] value) {
        final byte[] bytes = Gzip.isGzip(value) ? inflate(value) : value;
        if (isSingleObjectEncoded(bytes) || isRegistryFramed(bytes)) {
            return avro.deserializer().deserialize(Topics.RAW_NAME, bytes);
        }
        if (RawArticleJson.looksLikeJson(bytes)) {
            try {
                return RawArticleJson.decode(bytes);
            } catch (RawArticleJson.InvalidJsonException e) {
                throw new RejectedValueException(e.reason(), e.getMessage());
            }
        }
        throw new RejectedValueException(
                DeadLetterReason.MALFORMED_RECORD,
                String.format(
                        Locale.ROOT,
                        "not a raw article: %,d bytes%s that are neither Avro single-object encoding (C3 01 ...)"
                                + " nor a JSON object ({ ...) nor Avro in the Confluent wire format (00 ...)%s",
                        bytes.length,
                        bytes == value ? "" : " inflated from gzip",
                        bytes.length == 0 ? "" : "; they start " + leadingHex(bytes)));
    }

    private byte[] inflate(final byte[] value) {
        try {
            return Gzip.inflate(value, maxInflatedBytes);
        } catch (Gzip.TooLargeException e) {
            throw new RejectedValueException(
                    DeadLetterReason.OVERSIZED,
                    "gzip-compressed value: " + e.getMessage()
                            + " content size (news.pipeline.cleaner.max.content.bytes)");
        } catch (IOException e) {
            throw new RejectedValueException(
                    DeadLetterReason.MALFORMED_RECORD,
                    "the value starts like gzip (1F 8B) but does not inflate: " + Gzip.problemOf(e));
        }
    }

    private static boolean isSingleObjectEncoded(final byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0xC3 && bytes[1] == 0x01;
    }

    /** A zero byte, then at least the 4-byte schema id. */
    private static boolean isRegistryFramed(final byte[] bytes) {
        return bytes.length >= 5 && bytes[0] == ValueSerde.REGISTRY_MAGIC;
    }

    private static String leadingHex(final byte[] bytes) {
        final int n = Math.min(bytes.length, QUOTED_BYTES);
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, 0, n) + (bytes.length > n ? " ..." : "");
    }

    @Override
    public Serializer<RawArticle> serializer() {
        return (topic, article) -> article == null ? null : encode(article);
    }

    @Override
    public Deserializer<RawArticle> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }
}
