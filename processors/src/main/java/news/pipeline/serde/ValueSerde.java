package news.pipeline.serde;

import io.apicurio.registry.rest.client.exception.NotFoundException;
import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.rest.client.error.ApicurioRestClientException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serde of every pipeline topic. It writes the framing its {@link ValueFormat} names and
 * reads both, told apart by each record's first byte: {@code C3 01} is Avro single-object
 * encoding, {@code 00} the Confluent wire format (then a 4-byte schema id and the Avro binary).
 *
 * <p>The Confluent framing and the registry lookups are Apicurio's serde; this class only chooses
 * between the two and says in its exceptions what went wrong: a schema id the registry does not
 * have ({@link AvroSerde.UnknownSchemaException}, a dead letter), or a registry that cannot be
 * reached ({@link SchemaRegistryUnavailableException}, which the processors retry instead).
 */
public final class ValueSerde<T extends SpecificRecordBase> implements Serde<T> {
    /** The first byte of the Confluent wire format. */
    public static final byte REGISTRY_MAGIC = 0;

    /** Attempts of one registry lookup before the record's processing fails and is retried by a new thread. */
    private static final long REGISTRY_LOOKUP_ATTEMPTS = 3;

    private static final long REGISTRY_RETRY_BACKOFF_MS = 500;

    private final Class<T> type;
    private final ValueFormat format;
    private final AvroSerde<T> singleObject;
    private final AvroKafkaSerializer<T> registrySerializer;
    private final AvroKafkaDeserializer<T> registryDeserializer;

    ValueSerde(final Class<T> type, final ValueFormat format) {
        this.type = type;
        this.format = format;
        this.singleObject = new AvroSerde<>(type);
        if (format.usesRegistry()) {
            final Map<String, Object> configs = registryConfigs(format);
            this.registrySerializer = new AvroKafkaSerializer<>();
            registrySerializer.configure(configs, false);
            this.registryDeserializer = new AvroKafkaDeserializer<>();
            registryDeserializer.configure(configs, false);
        } else {
            this.registrySerializer = null;
            this.registryDeserializer = null;
        }
    }

    /**
     * The Apicurio serde settings of registry mode: the user's {@code apicurio.*} settings (auth,
     * TLS), then the framing, which the user cannot change: the Confluent wire format with the
     * 4-byte content id (what Confluent clients call the schema id), no headers, subjects named
     * {@code <topic>-value}, schemas registered when first written and then looked up once per
     * topic ({@link WriterSchemaResolver}), and one Avro reader per writer schema
     * ({@link ReusedDatumReaders}).
     */
    static Map<String, Object> registryConfigs(final ValueFormat format) {
        final Map<String, Object> configs = new LinkedHashMap<>(format.registrySettings());
        configs.put(SerdeConfig.REGISTRY_URL, format.registryApiUrl());
        configs.put(SerdeConfig.ID_HANDLER, Legacy4ByteIdHandler.class.getName());
        configs.put(SerdeConfig.ENABLE_HEADERS, false);
        configs.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        configs.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        configs.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        configs.put(SerdeConfig.SCHEMA_RESOLVER, WriterSchemaResolver.class.getName());
        configs.put(AvroKafkaSerdeConfig.AVRO_DATUM_PROVIDER, ReusedDatumReaders.class.getName());
        configs.putIfAbsent(SerdeConfig.RETRY_COUNT, REGISTRY_LOOKUP_ATTEMPTS);
        configs.putIfAbsent(SerdeConfig.RETRY_BACKOFF_MS, REGISTRY_RETRY_BACKOFF_MS);
        return configs;
    }

    public ValueFormat format() {
        return format;
    }

    public byte[] serialize(final String topic, final T record) {
        if (record == null) {
            return null;
        }
        if (registrySerializer == null) {
            return singleObject.encode(record);
        }
        try {
            return registrySerializer.serialize(topic, record);
        } catch (RuntimeException e) {
            throw translated(e, "cannot write " + type.getSimpleName() + " to " + topic + " through the registry");
        }
    }

    public T deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 0 || bytes[0] != REGISTRY_MAGIC) {
            return singleObject.decode(bytes);
        }
        if (registryDeserializer == null) {
            throw new AvroSerde.UnknownSchemaException(
                    type.getSimpleName() + " in the Confluent wire format (schema id " + schemaId(bytes)
                            + "), but no schema registry is configured to look the id up: run with --schema-registry",
                    null);
        }
        try {
            return registryDeserializer.deserialize(topic, bytes);
        } catch (RuntimeException e) {
            throw translated(e, "cannot read " + type.getSimpleName() + " with schema id " + schemaId(bytes));
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }

    /** The deepest message of a failure: a connection refused says more than the client's wrapper. */
    static String rootMessage(final Throwable failure) {
        String message = failure.getClass().getSimpleName();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            } else if (cause.getCause() == null) {
                message = cause.getClass().getSimpleName();
            }
        }
        return message;
    }

    /** The schema id of a Confluent-framed record, or -1 when the record is too short to have one. */
    public static long schemaId(final byte[] bytes) {
        return bytes.length < 5
                ? -1
                : Integer.toUnsignedLong(ByteBuffer.wrap(bytes, 1, 4).getInt());
    }

    /**
     * What a failure of Apicurio's serde means for the record: the registry does not have the id
     * (the record's fault), the registry cannot be reached (nobody's fault; retry), or the bytes are
     * not Avro of the schema the id names.
     */
    private static RuntimeException translated(final RuntimeException failure, final String what) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotFoundException) {
                return new AvroSerde.UnknownSchemaException(
                        what + ": the registry has no such schema (" + cause.getMessage() + ")", failure);
            }
            if (cause instanceof ApicurioRestClientException || cause instanceof IOException) {
                return new SchemaRegistryUnavailableException(
                        what + ": the schema registry cannot be reached or failed: " + rootMessage(cause), failure);
            }
        }
        return new SerializationException(what + ": " + failure.getMessage(), failure);
    }
}
