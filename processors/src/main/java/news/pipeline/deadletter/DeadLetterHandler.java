package news.pipeline.deadletter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.serde.SchemaRegistryUnavailableException;
import news.pipeline.serde.ValueFormat;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Routes every record a processor cannot handle to the dead-letter topic and lets the stream go on.
 * Installed as the deserialization, processing and production exception handler, it uses Kafka
 * Streams' own dead-letter mechanism (KIP-1034): the records it returns are written by the task in
 * the same transaction as its regular output, so a record is either processed or dead-lettered,
 * exactly once. What each dead letter says is {@link ProcessorDeadLetters}'s, which a replay uses too.
 *
 * <p>The dead letter keeps the original key and value bytes as read from the source topic, and
 * where they came from, so {@code dlq retry} can put them back unchanged.
 */
public final class DeadLetterHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {
    /** Record header that carries the reason, so tools can filter without decoding the value. */
    public static final String REASON_HEADER = DeadLetters.REASON_HEADER;

    private ProcessorDeadLetters letters;

    @Override
    public void configure(final Map<String, ?> configs) {
        final Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new IllegalStateException(
                    StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " must name the dead-letter topic");
        }
        // The processor and its version are internal keys of the one definition; the metrics object is passed as is.
        final PipelineConfig config = new PipelineConfig(configs);
        final PipelineMetrics metrics = configs.get(PipelineConfig.METRICS_CONFIG) instanceof PipelineMetrics given
                ? given
                : PipelineMetrics.inMemory();
        letters = new ProcessorDeadLetters(
                topic.toString(),
                config.processor(),
                config.processorVersion(),
                metrics,
                Topics.DEAD_LETTER.valueSerde(ValueFormat.fromSettings(configs)));
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(
            final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record, final Exception exception) {
        if (registryUnavailable(exception)) {
            return DeserializationExceptionHandler.Response.fail();
        }
        return DeserializationExceptionHandler.Response.resume(List.of(letters.unreadable(
                new DeadLetters.Source(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        record.key(),
                        record.value(),
                        record.headers()),
                exception)));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
        // Writing the output happens inside processing: a registry that is down shows up here too.
        if (registryUnavailable(exception)) {
            return ProcessingExceptionHandler.Response.fail();
        }
        return ProcessingExceptionHandler.Response.resume(List.of(letters.failed(source(context), exception)));
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
        return ProductionExceptionHandler.Response.resume(
                List.of(letters.refusedForSize(source(context), record.topic(), size, exception)));
    }

    @Override
    public ProductionExceptionHandler.Response handleSerializationError(
            final ErrorHandlerContext context,
            final ProducerRecord record,
            final Exception exception,
            final SerializationExceptionOrigin origin) {
        if (registryUnavailable(exception)) {
            return ProductionExceptionHandler.Response.fail();
        }
        return ProductionExceptionHandler.Response.resume(List.of(letters.unserializable(
                source(context), record.topic(), origin.name().toLowerCase(Locale.ROOT), exception)));
    }

    /**
     * The schema registry could not be reached while a record was read or its output written: the
     * record is good, so it is not dead-lettered. The stream thread fails instead; the processors
     * replace it, and the new thread reprocesses from the last commit, which retries the record
     * until the registry answers again.
     */
    private static boolean registryUnavailable(final Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }

    /** The input record being processed, as it was read from its source topic. */
    private static DeadLetters.Source source(final ErrorHandlerContext context) {
        return new DeadLetters.Source(
                context.topic(),
                context.partition(),
                context.offset(),
                context.timestamp(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                context.headers());
    }
}
