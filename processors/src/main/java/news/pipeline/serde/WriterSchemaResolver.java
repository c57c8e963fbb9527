package news.pipeline.serde;

import io.apicurio.registry.resolver.DefaultSchemaResolver;
import io.apicurio.registry.resolver.SchemaLookupResult;
import io.apicurio.registry.resolver.SchemaResolverConfig;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.serde.data.KafkaSerdeMetadata;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;

/**
 * Apicurio's schema resolver, remembering for each topic and writer schema the id the registry
 * gave it. Apicurio's own resolver renders the writer schema as JSON on every record it writes, to
 * find it in its cache by content; for a small record that costs many times the writing itself. A
 * generated record class always returns the same schema instance, so here the lookup is one map
 * access. A result is looked up again after Apicurio's check period (its own cache's), as
 * Apicurio's resolver does.
 */
public final class WriterSchemaResolver<T> extends DefaultSchemaResolver<Schema, T> {
    private final ConcurrentHashMap<Key, Resolved> resolved = new ConcurrentHashMap<>();

    /** The writer schema is compared by Avro's equals, which returns at once for the same instance. */
    private record Key(String topic, boolean isKey, Schema schema) {}

    private record Resolved(SchemaLookupResult<Schema> result, long atNanos) {}

    @Override
    public SchemaLookupResult<Schema> resolveSchema(final Record<T> data) {
        if (!(data.metadata() instanceof KafkaSerdeMetadata metadata)
                || !(data.payload() instanceof GenericContainer record)) {
            return super.resolveSchema(data);
        }
        final Key key = new Key(metadata.getTopic(), metadata.isKey(), record.getSchema());
        final long now = System.nanoTime();
        final Resolved known = resolved.get(key);
        if (known != null && now - known.atNanos() < checkPeriod().toNanos()) {
            return known.result();
        }
        // Outside the map's lock: a lookup may wait on the registry, and a failure caches nothing.
        final SchemaLookupResult<Schema> result = super.resolveSchema(data);
        resolved.put(key, new Resolved(result, now));
        return result;
    }

    @Override
    public void reset() {
        resolved.clear();
        super.reset();
    }

    private Duration checkPeriod() {
        return config == null
                ? Duration.ofMillis(SchemaResolverConfig.CHECK_PERIOD_MS_DEFAULT)
                : config.getCheckPeriod();
    }
}
