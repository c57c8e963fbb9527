package news.pipeline.deadletter;

import news.pipeline.schema.DeadLetterReason;

/**
 * Thrown by a processor step for a record it cannot handle. Kafka Streams hands it to
 * {@link DeadLetterHandler}, which writes the dead letter with the original bytes, inside the same
 * transaction as the processor's other output; a replay hands it to {@link ProcessorDeadLetters}
 * itself.
 */
public final class RejectedRecordException extends RuntimeException {
    private final DeadLetterReason reason;

    public RejectedRecordException(final DeadLetterReason reason, final String message) {
        super(message);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    /** A rejection is an expected outcome, not a bug: a stack trace would cost time and say nothing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
