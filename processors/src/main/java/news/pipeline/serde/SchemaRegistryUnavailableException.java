package news.pipeline.serde;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry could not be reached, or failed, while a record was read or written. Not
 * the record's fault: the processors do not dead-letter it, they fail the stream thread, which is
 * replaced and reprocesses from the last commit until the registry answers again.
 */
public final class SchemaRegistryUnavailableException extends RetriableException {
    public SchemaRegistryUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
