package news.pipeline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Raw records the cleaner must dead-letter, one kind for each way a raw record can be bad. */
public final class PoisonRecords {
    /** The kinds of bad record, and the reason each must be dead-lettered with. */
    public enum Kind {
        NOT_AVRO(DeadLetterReason.MALFORMED_RECORD),
        WRONG_SCHEMA(DeadLetterReason.UNKNOWN_SCHEMA),
        EMPTY_VALUE(DeadLetterReason.MALFORMED_RECORD),
        EMPTY_CONTENT(DeadLetterReason.EMPTY_CONTENT),
        OVERSIZED(DeadLetterReason.OVERSIZED),
        UNDECODABLE_BYTES(DeadLetterReason.UNDECODABLE_TEXT),
        NULL_KEY(DeadLetterReason.MISSING_KEY),
        NULL_VALUE(DeadLetterReason.MALFORMED_RECORD);

        private final DeadLetterReason reason;

        Kind(final DeadLetterReason reason) {
            this.reason = reason;
        }

        public DeadLetterReason reason() {
            return reason;
        }
    }

    private PoisonRecords() {}

    /**
     * The {@code i}-th raw record of a kind, keyed {@code bad-<kind>-<i>} (but NULL_KEY).
     *
     * @param maxContentBytes the cleaner's content cap: an OVERSIZED record's content is over it
     */
    public static ProducerRecord<byte[], byte[]> record(final Kind kind, final int i, final int maxContentBytes) {
        final String topic = Topics.RAW.name();
        final byte[] key = ("bad-" + kind.name().toLowerCase(Locale.ROOT) + "-" + i).getBytes(StandardCharsets.UTF_8);
        final AvroSerde<RawArticle> raw = new AvroSerde<>(RawArticle.class);
        return switch (kind) {
            case NOT_AVRO ->
                new ProducerRecord<>(
                        topic, key, ("<html><body>not avro #" + i + "</body></html>").getBytes(StandardCharsets.UTF_8));
            case WRONG_SCHEMA -> new ProducerRecord<>(topic, key, otherSchema(i));
            case EMPTY_VALUE -> new ProducerRecord<>(topic, key, new byte[0]);
            case EMPTY_CONTENT -> new ProducerRecord<>(topic, key, raw.encode(withContent(new byte[0], "text/plain")));
            case OVERSIZED ->
                new ProducerRecord<>(
                        topic,
                        key,
                        raw.encode(withContent(
                                "An article far too long. "
                                        .repeat(maxContentBytes / 20)
                                        .getBytes(StandardCharsets.UTF_8),
                                "text/plain; charset=utf-8")));
            case UNDECODABLE_BYTES -> {
                final byte[] junk = new byte[2048];
                new Random(i).nextBytes(junk);
                for (int b = 0; b < junk.length; b++) {
                    junk[b] = (byte) (junk[b] & 0x1F); // control bytes: no charset makes text of them
                }
                junk[0] = 0x01;
                yield new ProducerRecord<>(topic, key, raw.encode(withContent(junk, "application/octet-stream")));
            }
            case NULL_KEY -> new ProducerRecord<>(topic, null, raw.encode(FaultKit.article(1_000_000 + i)));
            case NULL_VALUE -> new ProducerRecord<>(topic, key, null);
        };
    }

    /** Valid Avro single-object encoding, of a record no version of RawArticle ever was. */
    private static byte[] otherSchema(final int i) {
        final Schema schema = SchemaBuilder.record("Headline")
                .namespace("elsewhere")
                .fields()
                .requiredString("text")
                .requiredInt("n")
                .endRecord();
        final GenericRecord record = new GenericData.Record(schema);
        record.put("text", "a record of another schema");
        record.put("n", i);
        try {
            return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema)
                    .encode(record)
                    .array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawArticle withContent(final byte[] content, final String contentType) {
        return RawArticle.newBuilder()
                .setUrl(null)
                .setSource("fault-test")
                .setFormat(ArticleFormat.TEXT)
                .setContentType(contentType)
                .setContent(ByteBuffer.wrap(content))
                .build();
    }
}
