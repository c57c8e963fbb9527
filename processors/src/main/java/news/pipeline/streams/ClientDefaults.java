package news.pipeline.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The pipeline's producer and consumer defaults beyond Kafka's, the same for the processors'
 * clients (see {@link StreamsSettings}) and the commands' (ingest, tail, dlq, replay). A user's
 * setting always wins over them. The record size limits are in {@code Topics} and
 * {@link StreamsSettings#MAX_REQUEST_BYTES}: they differ between the processors and the commands.
 */
public final class ClientDefaults {
    /*
     * Batch, linger and compression were chosen from measurements; see docs/benchmarks.md
     * ("Defaults chosen from measurements").
     */
    /** Kafka's 16 KiB default batch is far too small for multi-KiB articles (27% slower). */
    public static final int BATCH_BYTES = 256 * 1024;
    /** 0 ms cost more CPU per article; 20 ms gained little and adds latency. */
    public static final int LINGER_MS = 5;
    /** zstd cost more CPU, no compression more bytes. */
    public static final String COMPRESSION = "lz4";
    /**
     * Several multi-KiB articles a fetch; Kafka's 1 MiB default holds few of them. A larger record
     * is still fetched, alone.
     */
    public static final int MAX_PARTITION_FETCH_BYTES = 4 * 1024 * 1024;

    /** Every pipeline producer's defaults. */
    public static final Map<String, String> PRODUCER = Map.of(
            ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION,
            ProducerConfig.LINGER_MS_CONFIG, String.valueOf(LINGER_MS),
            ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(BATCH_BYTES));

    /** Every pipeline consumer's defaults. */
    public static final Map<String, String> CONSUMER =
            Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(MAX_PARTITION_FETCH_BYTES));

    private ClientDefaults() {}
}
