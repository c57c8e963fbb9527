package news.pipeline.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.RejectedValueException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;

/**
 * Builds dead-letter records. One place, so that the live processors and a replay write the
 * same dead letter, byte for byte, for the same rejected record.
 */
public final class DeadLetters {
    /** Record header that carries the reason, so tools can filter without decoding the value. */
    public static final String REASON_HEADER = "news.dead-letter.reason";

    /** The rejected record as it was read. */
    public record Source(
            String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, Headers headers) {}

    private DeadLetters() {}

    /** The reason for a value its deserializer could not read. */
    public static DeadLetterReason reasonForUnreadable(final Exception exception) {
        if (exception instanceof RejectedValueException rejected) {
            return rejected.reason();
        }
        return exception instanceof AvroSerde.UnknownSchemaException
                ? DeadLetterReason.UNKNOWN_SCHEMA
                : DeadLetterReason.MALFORMED_RECORD;
    }

    public static ProducerRecord<byte[], byte[]> record(
            final String deadLetterTopic,
            final Serde<DeadLetter> serde,
            final Source source,
            final DeadLetterReason reason,
            final String message,
            final String processor,
            final String processorVersion) {
        final DeadLetter letter = DeadLetter.newBuilder()
                .setReason(reason)
                .setMessage(message)
                .setProcessor(processor)
                .setProcessorVersion(processorVersion)
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setSourceTimestamp(Instant.ofEpochMilli(Math.max(0, source.timestamp())))
                .setOriginalKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
                .setOriginalValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
                .setOriginalHeaders(lastValues(source.headers()))
                .build();
        final RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.name().getBytes(StandardCharsets.UTF_8));
        // Null partition: the producer's partitioner spreads dead letters by the original key.
        // The source timestamp, not the wall clock, so that a replay writes the same dead letter.
        return new ProducerRecord<>(
                deadLetterTopic,
                null,
                source.timestamp() >= 0 ? source.timestamp() : null,
                source.key(),
                serde.serializer().serialize(deadLetterTopic, letter),
                headers);
    }

    private static Map<String, ByteBuffer> lastValues(final Headers headers) {
        final Map<String, ByteBuffer> values = new LinkedHashMap<>();
        if (headers != null) {
            for (final Header header : headers) {
                values.put(
                        header.key(),
                        header.value() == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(header.value()));
            }
        }
        return values;
    }
}
