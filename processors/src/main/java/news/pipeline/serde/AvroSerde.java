package news.pipeline.serde;

import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (a two-byte marker, the writer schema's 64-bit fingerprint, then the
 * binary record). No schema registry is needed: a reader that knows the writer's schema version,
 * here every released version shipped in the schemas jar, resolves it to the current one.
 *
 * <p>A null value stays null both ways, as Kafka's own serdes do; the processors reject it.
 */
public final class AvroSerde<T extends SpecificRecordBase> implements FramedValueSerde<T> {

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final Schema current;

    public AvroSerde(final Class<T> type) {
        this.type = type;
        final SpecificData model = SpecificData.getForClass(type);
        this.current = model.getSchema(type);
        // Without a copy: encode() copies the encoder's reused buffer once, into the byte[] Kafka takes.
        this.encoder = new BinaryMessageEncoder<>(model, current, false);
        this.decoder = new BinaryMessageDecoder<>(model, current);
        for (final Schema released : SchemaVersions.released(current)) {
            decoder.addSchema(released);
        }
    }

    public byte[] encode(final T record) {
        try {
            // The buffer is the encoder's own, reused by this thread's next encode: copy it out now.
            return ByteBuffers.copy(encoder.encode(record));
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public T decode(final byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw new UnknownSchemaException(
                    type.getSimpleName() + " with a schema fingerprint no known version has: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "not a valid " + type.getSimpleName() + " in Avro single-object encoding (" + bytes.length
                            + " bytes): " + e.getMessage(),
                    e);
        }
    }

    @Override
    public Serde<T> in(final ValueFormat format) {
        return format.serde(type);
    }

    @Override
    public Schema schema() {
        return current;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> record == null ? null : encode(record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : decode(bytes);
    }

    /** The value was Avro single-object encoded, but with a writer schema this reader does not know. */
    public static final class UnknownSchemaException extends SerializationException {
        UnknownSchemaException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
