package news.pipeline.ops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import news.pipeline.schema.DeadLetter;
import news.pipeline.serde.ByteBuffers;
import news.pipeline.topics.PipelineHeaders;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Puts dead letters' original records back on their source topic, byte for byte (key, value,
 * headers), with the header {@code news.retry-of=P@O} naming the dead letter: what {@code dlq retry}
 * and the console's retry button do. A record that fails again comes back as a new dead letter
 * whose original headers carry that header.
 */
public final class DeadLetterRetry {
    private DeadLetterRetry() {}

    /**
     * Sends the originals and waits until the cluster has them.
     *
     * @param entries dead letters that decoded (entries with no letter are refused)
     */
    public static List<RecordMetadata> retry(
            final KafkaProducer<byte[], byte[]> producer, final List<DeadLetterLog.Entry> entries)
            throws InterruptedException, ExecutionException {
        final List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (final DeadLetterLog.Entry entry : entries) {
            sent.add(producer.send(original(entry)));
        }
        producer.flush();
        final List<RecordMetadata> written = new ArrayList<>();
        for (final Future<RecordMetadata> future : sent) {
            written.add(future.get());
        }
        return written;
    }

    static ProducerRecord<byte[], byte[]> original(final DeadLetterLog.Entry entry) {
        final DeadLetter letter = entry.letter();
        if (letter == null) {
            throw new IllegalArgumentException(
                    "the record at " + entry.position() + " is not a dead letter and has no original to retry");
        }
        final RecordHeaders headers = new RecordHeaders();
        letter.getOriginalHeaders().forEach((name, value) -> headers.add(name, ByteBuffers.copy(value)));
        headers.add(PipelineHeaders.RETRY_OF, entry.position().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(
                letter.getSourceTopic(),
                null,
                null,
                letter.getOriginalKey() == null ? null : ByteBuffers.copy(letter.getOriginalKey()),
                letter.getOriginalValue() == null ? null : ByteBuffers.copy(letter.getOriginalValue()),
                headers);
    }
}
