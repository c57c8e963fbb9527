package news.pipeline.deadletter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.serde.AvroSerde;
import news.pipeline.streams.PipelineConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every record a processor cannot handle to the dead-letter topic and lets the stream go on.
 * Installed as the deserialization, processing and production exception handler, it uses Kafka
 * Streams' own dead-letter mechanism (KIP-1034): the records it returns are written by the task in
 * the same transaction as its regular output, so a record is either processed or dead-lettered,
 * exactly once.
 *
 * <p>The dead letter keeps the original key and value bytes as read from the source topic, and
 * where they came from, so {@code dlq retry} can put them back unchanged.
 */
public final class DeadLetterHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {
    /** Record header that carries the reason, so tools can filter without decoding the value. */
    public static final String REASON_HEADER = DeadLetters.REASON_HEADER;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);

    private final AvroSerde<DeadLetter> serde = new AvroSerde<>(DeadLetter.class);
    private String deadLetterTopic;
    private String processor = PipelineConfig.UNKNOWN_PROCESSOR;
    private String processorVersion = PipelineConfig.UNKNOWN_PROCESSOR;
    private PipelineMetrics metrics = PipelineMetrics.inMemory();

    @Override
    public void configure(final Map<String, ?> configs) {
        final Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new IllegalStateException(
                    StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " must name the dead-letter topic");
        }
        deadLetterTopic = topic.toString();
        // The processor and its version are internal keys of the one definition; the metrics object is passed as is.
        final PipelineConfig config = new PipelineConfig(configs);
        processor = config.processor();
        processorVersion = config.processorVersion();
        if (configs.get(PipelineConfig.METRICS_CONFIG) instanceof PipelineMetrics given) {
            metrics = given;
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(
            final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record, final Exception exception) {
        final DeadLetterReason reason = DeadLetters.reasonForUnreadable(exception);
        final String message = messageOf(exception);
        // The processor never saw this record, so count it as read here.
        metrics.recordIn(processor);
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(
                reason,
                message,
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.key(),
                record.value(),
                record.headers())));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
        final DeadLetterReason reason;
        if (exception instanceof RejectedRecordException rejected) {
            reason = rejected.reason();
        } else {
            // Not a rejection we foresaw: a bug. Keep the stream going, keep the record, and say so loudly.
            reason = DeadLetterReason.PROCESSING_ERROR;
            LOG.error(
                    "{} failed on {}-{}@{}; the record goes to {}",
                    processor,
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    deadLetterTopic,
                    exception);
        }
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(
                reason,
                messageOf(exception),
                context.topic(),
                context.partition(),
                context.offset(),
                context.timestamp(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                context.headers())));
    }

    /**
     * An output record the broker or the producer refuses for its size: the input that produced it
     * goes to the dead-letter topic, so the stream does not stop on it forever. Any other send error
     * (authorisation, a missing topic) is the cluster's, not the record's: Kafka Streams fails as usual.
     */
    @Override
    public ProductionExceptionHandler.Response handleError(
            final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record, final Exception exception) {
        if (!(exception instanceof RecordTooLargeException)) {
            return ProductionExceptionHandler.Response.fail();
        }
        final int size =
                (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
        return ProductionExceptionHandler.Response.resume(List.of(deadLetter(
                DeadLetterReason.OVERSIZED,
                "the " + processor + "'s output for " + record.topic() + " is " + size
                        + " bytes, more than the producer or topic allows: " + messageOf(exception),
                context.topic(),
                context.partition(),
                context.offset(),
                context.timestamp(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                context.headers())));
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(
            final ErrorHandlerContext context,
            final ProducerRecord record,
            final Exception exception,
            final SerializationExceptionOrigin origin) {
        LOG.error(
                "{} cannot serialize its output for {}; the input goes to {}",
                processor,
                record.topic(),
                deadLetterTopic,
                exception);
        return ProductionExceptionHandler.Response.resume(List.of(deadLetter(
                DeadLetterReason.PROCESSING_ERROR,
                "cannot serialize the output " + origin.name().toLowerCase(Locale.ROOT) + " for " + record.topic()
                        + ": " + messageOf(exception),
                context.topic(),
                context.partition(),
                context.offset(),
                context.timestamp(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                context.headers())));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(
            final DeadLetterReason reason,
            final String message,
            final String topic,
            final int partition,
            final long offset,
            final long timestamp,
            final byte[] key,
            final byte[] value,
            final Headers headers) {
        metrics.deadLettered(processor, reason.name());
        return DeadLetters.record(
                deadLetterTopic,
                serde,
                new DeadLetters.Source(topic, partition, offset, timestamp, key, value, headers),
                reason,
                message,
                processor,
                processorVersion);
    }

    /** The message a dead letter gets for an exception: its own message, or its class when it has none. */
    public static String messageOf(final Throwable exception) {
        final String message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getName() : message;
    }
}
