package news.pipeline.deadletter;

import news.pipeline.schema.DeadLetterReason;
import news.pipeline.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Refuses, while processing, an output record too large for the processor's producer to send.
 *
 * <p>Why here and not at send time: under exactly-once, a record the producer refuses for its size
 * puts the transaction in an error state; the production exception handler can then write no dead
 * letter, the task aborts, and the same input fails again after every restart. Refused here, the
 * input is dead-lettered in the transaction like any other rejected record, and the stream goes on.
 */
public final class OutputLimit {
    /** Room left in a request for the key, the headers and the batch framing. */
    private static final int FRAMING_BYTES = 64 * 1024;

    private final int maxValueBytes;
    private final String topic;

    /**
     * @param maxRequestBytes the producer's max.request.size
     * @param topic           the output topic, for the message
     */
    public OutputLimit(final int maxRequestBytes, final String topic) {
        this.maxValueBytes = maxRequestBytes - FRAMING_BYTES;
        this.topic = topic;
    }

    /**
     * @param upperBoundBytes a cheap upper bound of the encoded size; only above the limit is the
     *                        record encoded to know its exact size
     * @throws RejectedRecordException OVERSIZED when the encoded record is over the limit
     */
    public <T extends SpecificRecordBase> void require(
            final T value, final long upperBoundBytes, final AvroSerde<T> serde) {
        if (upperBoundBytes <= maxValueBytes) {
            return;
        }
        final int size = serde.encode(value).length;
        if (size > maxValueBytes) {
            throw new RejectedRecordException(
                    DeadLetterReason.OVERSIZED,
                    "the output record for " + topic + " would be "
                            + size + " bytes, over the " + maxValueBytes
                            + " bytes a record may have (the producer's max.request.size"
                            + " less framing)");
        }
    }

    /** An upper bound of the UTF-8 bytes of a string: three bytes a UTF-16 unit. */
    public static long utf8Bound(final String text) {
        return text == null ? 0 : 3L * text.length();
    }
}
