package news.pipeline.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's producer side: the whole workload as fast as the broker takes it (throughput),
 * or articles at a fixed rate, each at its scheduled moment (latency). Keys tell the end consumer
 * which run a record belongs to.
 */
final class LoadGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

    private LoadGenerator() {}

    /**
     * Writes the workload's articles to each topic, as fast as the producer goes, counting those
     * acknowledged; returns the bytes per topic.
     */
    static long preload(
            final PipelineSettings client,
            final Workload workload,
            final List<String> topics,
            final AtomicLong acknowledged)
            throws InterruptedException {
        return preload(client, workload, 0, topics, acknowledged);
    }

    /** As {@link #preload(PipelineSettings, Workload, List, AtomicLong)}, the articles from {@code from} on. */
    static long preload(
            final PipelineSettings client,
            final Workload workload,
            final long from,
            final List<String> topics,
            final AtomicLong acknowledged)
            throws InterruptedException {
        final AtomicReference<Exception> error = new AtomicReference<>();
        long bytes = 0;
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(client)) {
            for (final String topic : topics) {
                bytes = 0;
                for (long i = from; i < workload.articles(); i++) {
                    final byte[] value = workload.value(i);
                    bytes += value.length;
                    producer.send(
                            new ProducerRecord<>(topic, key(EndConsumer.THROUGHPUT_PREFIX, i), value),
                            (metadata, e) -> {
                                if (e != null) {
                                    error.compareAndSet(null, e);
                                } else {
                                    acknowledged.incrementAndGet();
                                }
                            });
                }
            }
            producer.flush();
        }
        if (error.get() != null) {
            throw new IllegalStateException(
                    "cannot load the raw topic: " + error.get().getMessage(), error.get());
        }
        return bytes;
    }

    /**
     * Sends {@code count} articles at {@code perSecond}, each at its scheduled moment (a late send does
     * not push the later ones back); returns the rate achieved.
     */
    static double offer(
            final PipelineSettings client,
            final Workload workload,
            final String topic,
            final long from,
            final long count,
            final int perSecond) {
        final AtomicLong failed = new AtomicLong();
        final long interval = 1_000_000_000L / perSecond;
        final long start;
        final long end;
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(client)) {
            start = System.nanoTime();
            for (long i = 0; i < count; i++) {
                final long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                producer.send(
                        new ProducerRecord<>(topic, key(EndConsumer.LATENCY_PREFIX, i), workload.value(from + i)),
                        (metadata, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        });
            }
            end = System.nanoTime();
            producer.flush();
        }
        if (failed.get() > 0) {
            LOG.warn("{} latency articles could not be sent", failed.get());
        }
        return count <= 1 ? Double.NaN : (count - 1) / ((end - start) / 1e9);
    }

    private static byte[] key(final String prefix, final long article) {
        return (prefix + article).getBytes(StandardCharsets.UTF_8);
    }
}
