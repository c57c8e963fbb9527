package news.pipeline.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import news.pipeline.streams.ClientDefaults;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The downstream reader the benchmark measures against: a {@code read_committed} consumer of the
 * last topics, on its own thread. It counts the records of the throughput run (keys or article ids
 * starting {@code t-}) and notes when given counts of them had arrived; for the latency run (ids
 * starting {@code l-}) it takes, for each article, the time it became visible minus the raw
 * record's append time (the timestamp every output record inherits from it).
 */
public final class EndConsumer implements AutoCloseable {
    static final String THROUGHPUT_PREFIX = "t-";
    static final String LATENCY_PREFIX = "l-";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Function<ConsumerRecord<byte[], byte[]>, String>> articleIds;
    private final Set<String> latencyTopics;
    private final long expectedRecords;
    private final long[] marks;
    private final long[] markNanos;
    private final Thread thread;

    private long throughputRecords;
    // After each poll that brought throughput records: when, and how many had come by then.
    private long[] progressNanos = new long[1024];
    private long[] progressRecords = new long[1024];
    private int progressCount;
    private long otherRecords;
    private final Set<String> latencyArticles = new HashSet<>();
    private long[] latencyMillis = new long[1024];
    private int latencyCount;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    /**
     * @param articleIds      per topic read: how to find a record's article id
     * @param latencyTopics   the topics whose arrival counts as "visible" for the latency (by-country)
     * @param expectedRecords records the throughput run must put on the topics
     * @param marks           record counts whose arrival time to note, ascending
     */
    EndConsumer(
            final Map<String, Object> clientSettings,
            final Map<String, Function<ConsumerRecord<byte[], byte[]>, String>> articleIds,
            final Set<String> latencyTopics,
            final long expectedRecords,
            final long... marks) {
        final Map<String, Object> config = new HashMap<>(clientSettings);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        ClientDefaults.CONSUMER.forEach(config::putIfAbsent);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.articleIds = Map.copyOf(articleIds);
        this.latencyTopics = Set.copyOf(latencyTopics);
        this.expectedRecords = expectedRecords;
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : articleIds.keySet()) {
            for (final PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.marks = marks.clone();
        this.markNanos = new long[marks.length];
        Arrays.fill(markNanos, -1);
        this.thread = new Thread(this::run, "bench-end-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closed) {
                final ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                final long visibleMillis = System.currentTimeMillis();
                final long visibleNanos = System.nanoTime();
                synchronized (this) {
                    final long before = throughputRecords;
                    for (final ConsumerRecord<byte[], byte[]> record : records) {
                        take(record, visibleMillis, visibleNanos);
                    }
                    if (throughputRecords > before) {
                        noteProgress(visibleNanos);
                    }
                    notifyAll();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            synchronized (this) {
                notifyAll();
            }
        } finally {
            consumer.close();
        }
    }

    private void take(final ConsumerRecord<byte[], byte[]> record, final long visibleMillis, final long visibleNanos) {
        final String id = articleIds.get(record.topic()).apply(record);
        if (id.startsWith(THROUGHPUT_PREFIX)) {
            throughputRecords++;
            for (int m = 0; m < marks.length; m++) {
                if (markNanos[m] < 0 && throughputRecords >= marks[m]) {
                    markNanos[m] = visibleNanos;
                }
            }
        } else if (id.startsWith(LATENCY_PREFIX)) {
            // Every record of one article is in one transaction: the first one seen is when it became visible.
            if (latencyArticles.add(id) && latencyTopics.contains(record.topic())) {
                if (latencyCount == latencyMillis.length) {
                    latencyMillis = Arrays.copyOf(latencyMillis, latencyCount * 2);
                }
                latencyMillis[latencyCount++] = visibleMillis - record.timestamp();
            }
        } else {
            otherRecords++;
        }
    }

    private void noteProgress(final long nanos) {
        if (progressCount == progressNanos.length) {
            progressNanos = Arrays.copyOf(progressNanos, progressCount * 2);
            progressRecords = Arrays.copyOf(progressRecords, progressCount * 2);
        }
        progressNanos[progressCount] = nanos;
        progressRecords[progressCount++] = throughputRecords;
    }

    /** How many of the throughput run's records had come by {@code nanos} (System.nanoTime). */
    synchronized long throughputRecordsBy(final long nanos) {
        return recordsBy(progressNanos, progressRecords, progressCount, nanos);
    }

    /** The count at the last of {@code count} ascending times not after {@code nanos}; 0 before the first. */
    static long recordsBy(final long[] times, final long[] counts, final int count, final long nanos) {
        int low = 0;
        int high = count - 1;
        long found = 0;
        while (low <= high) {
            final int middle = (low + high) >>> 1;
            if (times[middle] <= nanos) {
                found = counts[middle];
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    /** Waits until the throughput run's records are all in; false on timeout. */
    synchronized boolean awaitThroughputRecords(final Duration timeout) throws InterruptedException {
        return awaitThroughputRecords(expectedRecords, timeout);
    }

    /** Waits until this many of the throughput run's records are in; false on timeout. */
    synchronized boolean awaitThroughputRecords(final long records, final Duration timeout)
            throws InterruptedException {
        return awaitUntil(() -> throughputRecords >= records, timeout);
    }

    /** Waits until this many latency-run articles have shown up (on any topic read); false on timeout. */
    synchronized boolean awaitLatencyArticles(final long articles, final Duration timeout) throws InterruptedException {
        return awaitUntil(() -> latencyArticles.size() >= articles, timeout);
    }

    /** Waits, woken by each poll's records, until the condition holds; false on timeout. Call holding the lock. */
    private boolean awaitUntil(final BooleanSupplier condition, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            check();
            final long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("the end consumer failed: " + failure.getMessage(), failure);
        }
    }

    synchronized long throughputRecords() {
        return throughputRecords;
    }

    synchronized long otherRecords() {
        return otherRecords;
    }

    /** When the i-th mark's count of throughput records had arrived (System.nanoTime), or -1. */
    synchronized long markNanos(final int i) {
        return markNanos[i];
    }

    synchronized int latencyArticleCount() {
        return latencyArticles.size();
    }

    /** Visible minus append time of each latency-run article that reached the latency topics, in ms. */
    synchronized long[] latencies() {
        return Arrays.copyOf(latencyMillis, latencyCount);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(10_000);
    }

    static String keyAsId(final ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    }
}
