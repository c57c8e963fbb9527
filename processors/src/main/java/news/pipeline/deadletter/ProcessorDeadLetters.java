package news.pipeline.deadletter;

import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.serde.AvroSerde;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters one processor writes: which reason each kind of failure gets, with what
 * message, stamped with the processor and its version, and counted in its metrics. Live processing
 * ({@link DeadLetterHandler}, inside Kafka Streams) and a replay both build their dead letters
 * here, so the same failure on the same record gives the same dead letter.
 */
public final class ProcessorDeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorDeadLetters.class);

    private final String deadLetterTopic;
    private final String processor;
    private final String processorVersion;
    private final PipelineMetrics metrics;
    private final Serde<DeadLetter> serde;

    /** Dead letters in Avro single-object encoding. */
    public ProcessorDeadLetters(
            final String deadLetterTopic,
            final String processor,
            final String processorVersion,
            final PipelineMetrics metrics) {
        this(deadLetterTopic, processor, processorVersion, metrics, new AvroSerde<>(DeadLetter.class));
    }

    /** @param serde the dead-letter topic's value serde, in the pipeline's framing */
    public ProcessorDeadLetters(
            final String deadLetterTopic,
            final String processor,
            final String processorVersion,
            final PipelineMetrics metrics,
            final Serde<DeadLetter> serde) {
        this.serde = serde;
        this.deadLetterTopic = deadLetterTopic;
        this.processor = processor;
        this.processorVersion = processorVersion;
        this.metrics = metrics;
    }

    public String processor() {
        return processor;
    }

    /**
     * A record that is not a valid record of its topic: its key or value could not be
     * deserialized, so the processor never saw it.
     */
    public ProducerRecord<byte[], byte[]> unreadable(final DeadLetters.Source source, final Exception exception) {
        final DeadLetterReason reason = DeadLetters.reasonForUnreadable(exception);
        // The processor's step never saw this record, so count it as read here.
        metrics.recordIn(processor);
        return letter(reason, messageOf(exception), source);
    }

    /**
     * A record the processor's step rejected ({@link RejectedRecordException}, with its reason), or
     * failed on: any other exception is a bug, dead-lettered as PROCESSING_ERROR and logged with its
     * stack trace, so that the stream goes on and the record is kept.
     */
    public ProducerRecord<byte[], byte[]> failed(final DeadLetters.Source source, final Exception exception) {
        final DeadLetterReason reason;
        if (exception instanceof RejectedRecordException rejected) {
            reason = rejected.reason();
        } else {
            reason = DeadLetterReason.PROCESSING_ERROR;
            LOG.error(
                    "{} failed on {}-{}@{}; the record goes to {}",
                    processor,
                    source.topic(),
                    source.partition(),
                    source.offset(),
                    deadLetterTopic,
                    exception);
        }
        return letter(reason, messageOf(exception), source);
    }

    /**
     * A record whose output could not be serialized: a bug, as {@link #failed} says.
     *
     * @param outputTopic where the output was going
     * @param part        which part of the output failed: key or value
     */
    public ProducerRecord<byte[], byte[]> unserializable(
            final DeadLetters.Source source, final String outputTopic, final String part, final Exception exception) {
        LOG.error(
                "{} cannot serialize its output for {}; the input goes to {}",
                processor,
                outputTopic,
                deadLetterTopic,
                exception);
        return letter(
                DeadLetterReason.PROCESSING_ERROR,
                "cannot serialize the output " + part + " for " + outputTopic + ": " + messageOf(exception),
                source);
    }

    /**
     * A record whose output the producer or the broker refused for its size.
     *
     * @param outputTopic where the output was going
     * @param outputBytes the output's key and value bytes
     */
    public ProducerRecord<byte[], byte[]> refusedForSize(
            final DeadLetters.Source source,
            final String outputTopic,
            final int outputBytes,
            final Exception exception) {
        return letter(
                DeadLetterReason.OVERSIZED,
                "the " + processor + "'s output for " + outputTopic + " is " + outputBytes
                        + " bytes, more than the producer or topic allows: " + messageOf(exception),
                source);
    }

    /** The dead letter of a record, for this reason; counted in the processor's metrics. */
    public ProducerRecord<byte[], byte[]> letter(
            final DeadLetterReason reason, final String message, final DeadLetters.Source source) {
        metrics.deadLettered(processor, reason.name());
        return DeadLetters.record(deadLetterTopic, serde, source, reason, message, processor, processorVersion);
    }

    /** The message a dead letter gets for an exception: its own message, or its class when it has none. */
    public static String messageOf(final Throwable exception) {
        final String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getName() : message;
    }
}
