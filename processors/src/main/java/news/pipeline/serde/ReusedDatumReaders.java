package news.pipeline.serde;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;

/**
 * Apicurio's Avro datum provider, keeping one reader per writer schema. Apicurio's own builds a new
 * reader for every record it reads, and Avro then works out again how to read that writer schema
 * into the generated class, which costs about as much as reading the record. Avro's
 * {@code GenericDatumReader} may be shared by threads (it keeps per-thread state apart itself).
 */
public final class ReusedDatumReaders<T> extends DefaultAvroDatumProvider<T> {
    private final ConcurrentHashMap<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumReader<T> createDatumReader(final Schema writerSchema) {
        return readers.computeIfAbsent(writerSchema, super::createDatumReader);
    }
}
