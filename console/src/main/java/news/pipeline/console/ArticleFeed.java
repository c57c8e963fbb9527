package news.pipeline.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest enriched articles and the articles per country, in memory for the Articles and
 * Countries pages. Two consumers with no group, read_committed. One follows every partition of the
 * by-country topic from the beginning, so that the counts cover all the topic holds. The other
 * reads the enriched topic only when a page asks for articles, and then only its tail: the records
 * each partition got since the last look, at most its latest {@link #TAIL_PER_PARTITION}. Enriched
 * records carry the whole text, and following all of them would cost the pipeline a share of its
 * throughput that grows with its rate, for a list that shows 50. What is kept of the records, and how
 * cheaply, is {@link FollowedArticles}'.
 */
public final class ArticleFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleFeed.class);

    /** A window of the Countries page. */
    public enum Window {
        HOUR(Duration.ofHours(1)),
        DAY(Duration.ofDays(1)),
        ALL(null);

        private final Duration length;

        Window(final Duration length) {
            this.length = length;
        }

        /** The window's length; null for all the topic holds. */
        Duration length() {
            return length;
        }
    }

    /**
     * The most records read from one enriched partition at a look: the Articles page's list, so
     * that the list is the latest articles of all partitions even when they all come from one.
     */
    static final int TAIL_PER_PARTITION = Console.LATEST_ARTICLES;

    /** What the by-country follower waits for before a fetch is answered, unless {@link #COUNTRY_FETCH_WAIT} passes. */
    private static final int COUNTRY_FETCH_BYTES = 256 * 1024;

    private static final Duration COUNTRY_FETCH_WAIT = Duration.ofSeconds(1);

    /** Pages polling at once share one look at the enriched topic within this time. */
    static final Duration TAIL_REFRESH = Duration.ofSeconds(1);

    /** How long a look at the enriched topic may hold up a page's request. */
    private static final Duration TAIL_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaConsumer<byte[], byte[]> tail;
    private final List<TopicPartition> enrichedPartitions;
    /** Per enriched partition, the offset up to which the tail has been looked at; guarded by {@link #tail}. */
    private final Map<TopicPartition, Long> lookedAt = new HashMap<>();

    private long lastLook = Long.MIN_VALUE;
    private final Thread thread;
    private final FollowedArticles followed;
    private volatile boolean running = true;
    /** Where the by-country topic ended when the feed started; the follower has caught up once it reads past it. */
    private final Map<TopicPartition, Long> startEnds;

    private final CountDownLatch caughtUp = new CountDownLatch(1);

    public ArticleFeed(final PipelineSettings settings) {
        this.followed = new FollowedArticles(settings.valueFormat());
        this.consumer = countryReader(settings);
        this.tail = Clients.reader(settings);
        this.enrichedPartitions = partitions(tail, Topics.ENRICHED);
        tail.assign(enrichedPartitions);
        final List<TopicPartition> countryPartitions = partitions(consumer, Topics.BY_COUNTRY);
        consumer.assign(countryPartitions);
        consumer.seekToBeginning(countryPartitions);
        this.startEnds = consumer.endOffsets(countryPartitions);
        this.thread = new Thread(this::follow, Console.THREAD_NAME + "-articles");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The by-country follower: it waits for {@link #COUNTRY_FETCH_BYTES} or {@link #COUNTRY_FETCH_WAIT}
     * before the broker answers, so that it fetches a few times a second at most rather than after
     * every transaction the pipeline commits (the counts are a second late at most).
     */
    private static KafkaConsumer<byte[], byte[]> countryReader(final PipelineSettings settings) {
        final Map<String, Object> config = Clients.readerConfig(settings);
        config.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(COUNTRY_FETCH_BYTES));
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(COUNTRY_FETCH_WAIT.toMillis()));
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(
            final KafkaConsumer<byte[], byte[]> reader, final TopicSpec<?, ?> topic) {
        return reader.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    /**
     * Reads what the enriched topic got since the last look, at most the latest
     * {@link #TAIL_PER_PARTITION} records of each partition, and keeps them oldest first by record
     * time; nothing when the last look was less than {@link #TAIL_REFRESH} ago.
     */
    private void lookAtTail() {
        synchronized (tail) {
            final long now = System.nanoTime();
            if (lastLook != Long.MIN_VALUE && now - lastLook < TAIL_REFRESH.toNanos()) {
                return;
            }
            lastLook = now;
            try {
                followed.enrichedAll(readTail());
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                LOG.warn("console: cannot read the latest articles: {}", e.toString());
            }
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readTail() {
        final Map<TopicPartition, Long> ends = tail.endOffsets(enrichedPartitions);
        final Map<TopicPartition, Long> starts = tail.beginningOffsets(enrichedPartitions);
        final List<TopicPartition> behind = new ArrayList<>();
        for (final TopicPartition partition : enrichedPartitions) {
            final long end = ends.get(partition);
            final long from = Math.max(
                    starts.get(partition), Math.max(lookedAt.getOrDefault(partition, 0L), end - TAIL_PER_PARTITION));
            if (from < end) {
                tail.seek(partition, from);
                behind.add(partition);
            }
            lookedAt.put(partition, end);
        }
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        tail.pause(enrichedPartitions);
        tail.resume(behind);
        final long deadline = System.nanoTime() + TAIL_TIMEOUT.toNanos();
        while (!behind.isEmpty() && System.nanoTime() < deadline) {
            for (final ConsumerRecord<byte[], byte[]> record : tail.poll(Duration.ofMillis(100))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            }
            // Read up to the end taken above, and no further: what came since is for the next look.
            final List<TopicPartition> done = behind.stream()
                    .filter(partition -> tail.position(partition) >= ends.get(partition))
                    .toList();
            tail.pause(done);
            behind.removeAll(done);
        }
        records.sort(Comparator.comparingLong(ConsumerRecord<byte[], byte[]>::timestamp)
                .thenComparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return records;
    }

    private void follow() {
        try {
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    take(record);
                }
                if (caughtUp.getCount() > 0
                        && startEnds.entrySet().stream()
                                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("console: stopped following the articles: {}", e.toString());
        } finally {
            consumer.close();
        }
    }

    private void take(final ConsumerRecord<byte[], byte[]> record) {
        if (record.value() != null) {
            followed.byCountry(record.topic(), record.value(), record.timestamp());
        }
    }

    /** The latest articles, newest first. */
    public List<ObjectNode> latest(final int limit) {
        lookAtTail();
        return followed.latest(limit);
    }

    /** One of the latest {@link FollowedArticles#RECENT} articles. */
    public Optional<ObjectNode> article(final String id) {
        lookAtTail();
        return followed.article(id);
    }

    /** Articles per country code in the window ending now. */
    public Map<String, Long> counts(final Window window, final Instant now) {
        return followed.counts(window, now);
    }

    public Map<String, String> countryNames() {
        return followed.countryNames();
    }

    /** A country's latest articles from the by-country topic, newest first. */
    public List<ObjectNode> byCountry(final String code) {
        return followed.byCountry(code);
    }

    /**
     * Waits until the by-country follower has read what the topic held when the feed started (it
     * reads the topic from its beginning, to count articles per country since the start).
     *
     * @return false when it had not within the timeout
     */
    public boolean awaitCaughtUp(final Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        tail.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (tail) {
            tail.close();
        }
    }
}
