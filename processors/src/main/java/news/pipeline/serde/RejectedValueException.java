package news.pipeline.serde;

import news.pipeline.schema.DeadLetterReason;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that cannot be read, with the dead-letter reason that says why. Thrown by a
 * deserializer, so Kafka Streams hands it to the deserialization exception handler.
 */
public final class RejectedValueException extends SerializationException {
    private final DeadLetterReason reason;

    public RejectedValueException(final DeadLetterReason reason, final String message) {
        super(message);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    /** An expected outcome for bad input, not a bug: a stack trace would cost time and say nothing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
