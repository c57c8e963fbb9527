package news.pipeline.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.streams.ByCountryTap;
import news.pipeline.streams.ClientDefaults;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest enriched articles and the articles per country, in memory for the Articles and
 * Countries pages. Consumers with no group, read_committed. The counts come from the by-country
 * records this process's publisher sends ({@link ByCountryTap}), as it sends them, and from the
 * topic itself: one consumer reads every partition from the beginning, so that the counts cover all
 * the topic held at start, and then goes on reading only while others may be writing to it (the
 * publisher runs in other processes too, or none runs here, or a replay writes): reading every
 * record back cost the pipeline several percent of its throughput. Each country and article pair is
 * counted once, however many ways it comes. Another
 * reads the enriched topic only when a page asks for articles, and then only its tail: the records
 * each partition got since the last look, at most its latest {@link #TAIL_PER_PARTITION}. Enriched
 * records carry the whole text, and following all of them would cost the pipeline a share of its
 * throughput that grows with its rate, for a list that shows 50. A third, opened when a page first
 * lists a country or opens an article, reads an article again at the position kept, or a
 * country's partition back from its end. What is
 * kept of the records, and how cheaply, is {@link FollowedArticles}'.
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

    /** Latest articles listed per country. */
    static final int PER_COUNTRY = 20;

    /**
     * The most records of a country's partition read back, from its end, to list the country's latest
     * articles; a country with none among them lists none. Read when a page asks, in chunks that
     * double from {@link #FIRST_COUNTRY_CHUNK}.
     */
    static final int COUNTRY_SCAN_LIMIT = 20_000;

    private static final int FIRST_COUNTRY_CHUNK = 500;

    /** Records kept decoded after a page showed them. */
    private static final int LOOKED_UP = 200;

    /** Pages polling at once share one look at the enriched topic within this time. */
    static final Duration TAIL_REFRESH = Duration.ofSeconds(1);

    /** How long a look at the enriched topic may hold up a page's request. */
    private static final Duration TAIL_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumer<Void, CountedFieldsDecoder.CountedFields> consumer;
    private final KafkaConsumer<byte[], byte[]> tail;
    /** Reads a country's latest records again when a page lists them; opened on the first. */
    private KafkaConsumer<byte[], byte[]> lookup;
    /** The records read again, decoded, by topic and position: a country listed again reads none of them. */
    private final Map<TopicPartition, Map<Long, ObjectNode>> looked = new HashMap<>();

    private int lookedCount;
    private final List<TopicPartition> enrichedPartitions;
    private final List<TopicPartition> countryPartitions;
    /** Per enriched partition, the offset up to which the tail has been looked at; guarded by {@link #tail}. */
    private final Map<TopicPartition, Long> lookedAt = new HashMap<>();

    private final PipelineSettings settings;
    private long lastLook = Long.MIN_VALUE;
    private final Thread thread;
    private final FollowedArticles followed;
    private volatile boolean running = true;
    /** Where the by-country topic ended when the feed started; the follower has caught up once it reads past it. */
    private final Map<TopicPartition, Long> startEnds;

    private final CountDownLatch caughtUp = new CountDownLatch(1);

    /** This process's publisher's by-country records as it sends them; null when it does not run here. */
    private final ByCountryTap tap;

    /**
     * Whether the tap sees every by-country record written now, and where the topic ended just before
     * that was found: what the reader need not read. Set by the console's sampler.
     */
    record Coverage(boolean tapSeesAll, Map<TopicPartition, Long> endsBefore) {}

    private volatile Coverage coverage = new Coverage(false, Map.of());

    /** Whether the by-country reader is paused, the counts coming from the tap alone; written by its thread only. */
    private volatile boolean readerPaused;

    /** @param tap where this process's publisher hands over the by-country records it sends; null if it runs elsewhere */
    public ArticleFeed(final PipelineSettings settings, final ByCountryTap tap) {
        this.settings = settings;
        this.followed = new FollowedArticles(settings.valueFormat());
        this.tap = tap;
        // Listening before the topic's end is taken below: every record is then either read or handed over.
        if (tap != null) {
            tap.listen((value, time) -> followed.byCountry(Topics.BY_COUNTRY.name(), value, time));
        }
        this.consumer = countryReader(settings, followed);
        this.tail = Clients.reader(settings);
        this.enrichedPartitions = partitions(tail, Topics.ENRICHED);
        tail.assign(enrichedPartitions);
        this.countryPartitions = List.copyOf(partitions(consumer, Topics.BY_COUNTRY));
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
    private static KafkaConsumer<Void, CountedFieldsDecoder.CountedFields> countryReader(
            final PipelineSettings settings, final FollowedArticles followed) {
        final Map<String, Object> config = Clients.readerConfig(settings);
        config.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(COUNTRY_FETCH_BYTES));
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(COUNTRY_FETCH_WAIT.toMillis()));
        // The by-country record's key (the country code, also in the value) is not read.
        return new KafkaConsumer<>(config, new Unread(), new CountedFieldsReader(followed.newDecoder()));
    }

    /**
     * Reads a by-country record's counted fields where the consumer holds it, without the copy of the
     * whole record a byte-array deserializer makes; null for a record that does not decode.
     */
    private static final class CountedFieldsReader implements Deserializer<CountedFieldsDecoder.CountedFields> {
        private final CountedFieldsDecoder decoder;

        CountedFieldsReader(final CountedFieldsDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public CountedFieldsDecoder.CountedFields deserialize(final String topic, final byte[] data) {
            return data == null ? null : decoder.read(topic, ByteBuffer.wrap(data));
        }

        @Override
        public CountedFieldsDecoder.CountedFields deserialize(
                final String topic, final Headers headers, final ByteBuffer data) {
            return data == null ? null : decoder.read(topic, data);
        }
    }

    private static List<TopicPartition> partitions(final KafkaConsumer<?, ?> reader, final TopicSpec<?, ?> topic) {
        return Clients.partitions(reader, topic.name(), Duration.ofSeconds(30));
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

    /**
     * Tells the reader whether the tap now sees every by-country record written, as the console's
     * sampler found; {@code endsBefore} is where the topic ended (read_committed) before it looked.
     */
    public void coverage(final boolean tapSeesAll, final Map<TopicPartition, Long> endsBefore) {
        coverage = new Coverage(tap != null && tapSeesAll, Map.copyOf(endsBefore));
    }

    /**
     * The by-country reader: from the topic's beginning until it has caught up, then for as long as
     * the tap does not see every record written. When it does, the reader reads on to where the topic
     * ended before that was found (what others wrote until then) and pauses; it goes on, when others
     * write again, from where the topic ended when the tap was last found to see everything.
     */
    private void follow() {
        Map<TopicPartition, Long> coveredUpTo = Map.of();
        try {
            while (running) {
                final Coverage now = coverage;
                if (caughtUp.getCount() == 0 && now.tapSeesAll()) {
                    if (readerPaused || readTo(now.endsBefore())) {
                        if (!readerPaused) {
                            consumer.pause(countryPartitions);
                            readerPaused = true;
                            LOG.info(
                                    "console: counting by-country records as this process's publisher sends them; the topic is not read");
                        }
                        coveredUpTo = now.endsBefore();
                        // Paused: this waits, fetching nothing, and wakes up for close().
                        consumer.poll(Duration.ofMillis(500));
                        continue;
                    }
                } else if (readerPaused) {
                    for (final Map.Entry<TopicPartition, Long> end : coveredUpTo.entrySet()) {
                        if (countryPartitions.contains(end.getKey())
                                && consumer.position(end.getKey()) < end.getValue()) {
                            consumer.seek(end.getKey(), end.getValue());
                        }
                    }
                    consumer.resume(countryPartitions);
                    readerPaused = false;
                    LOG.info(
                            "console: reading the by-country topic again (a replay or a publisher elsewhere may write to it), from {}",
                            coveredUpTo);
                }
                for (final ConsumerRecord<Void, CountedFieldsDecoder.CountedFields> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        followed.count(record.value(), record.timestamp());
                    }
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

    /** The by-country topic's partitions, as the feed found them at start. */
    public List<TopicPartition> countryPartitions() {
        return countryPartitions;
    }

    /** Whether the counts come from this process's publisher alone now, the topic not read. */
    public boolean readerPaused() {
        return readerPaused;
    }

    /** Whether the reader has read every partition up to these offsets. */
    private boolean readTo(final Map<TopicPartition, Long> ends) {
        return countryPartitions.stream()
                .allMatch(partition -> consumer.position(partition) >= ends.getOrDefault(partition, 0L));
    }

    /** What the list shows of the latest articles, newest first. */
    public List<Map<String, Object>> latest(final int limit) {
        lookAtTail();
        return followed.latest(limit);
    }

    /** One of the latest {@link FollowedArticles#RECENT} articles. */
    public Optional<ObjectNode> article(final String id) {
        lookAtTail();
        return followed.articleAt(id)
                .flatMap(position -> readAgain(List.of(position)).stream().findFirst());
    }

    /** Articles per country code in the window ending now. */
    public Map<String, Long> counts(final Window window, final Instant now) {
        return followed.counts(window, now);
    }

    public Map<String, String> countryNames() {
        return followed.countryNames();
    }

    /**
     * A country's latest articles from the by-country topic, newest first, each once: read back from
     * the end of the country's partition (its records are keyed by its code), at most
     * {@link #COUNTRY_SCAN_LIMIT} records back.
     */
    public List<ObjectNode> byCountry(final String code) {
        synchronized (looked) {
            try {
                return latestOf(code);
            } catch (WakeupException e) {
                return List.of();
            } catch (RuntimeException e) {
                LOG.warn("console: cannot read {}'s articles: {}", code, e.toString());
                return List.of();
            }
        }
    }

    private List<ObjectNode> latestOf(final String code) {
        final KafkaConsumer<byte[], byte[]> reader = lookup();
        final String topic = Topics.BY_COUNTRY.name();
        final byte[] key = Topics.BY_COUNTRY.keySerde().get().serializer().serialize(topic, code);
        // Where the producers' default partitioner puts a record with this key.
        final TopicPartition partition =
                new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % countryPartitions.size());
        final long start = reader.beginningOffsets(List.of(partition)).get(partition);
        final long end = reader.endOffsets(List.of(partition)).get(partition);
        final long deadline = System.nanoTime() + TAIL_TIMEOUT.toNanos();
        final Map<String, ObjectNode> latest = new LinkedHashMap<>();
        long to = end;
        int chunk = FIRST_COUNTRY_CHUNK;
        while (latest.size() < PER_COUNTRY
                && to > start
                && end - to < COUNTRY_SCAN_LIMIT
                && System.nanoTime() < deadline) {
            final long from = Math.max(start, Math.max(end - COUNTRY_SCAN_LIMIT, to - chunk));
            final List<ConsumerRecord<byte[], byte[]>> records = readRange(reader, partition, from, to, deadline);
            for (int i = records.size() - 1; i >= 0 && latest.size() < PER_COUNTRY; i--) {
                final ConsumerRecord<byte[], byte[]> record = records.get(i);
                if (Arrays.equals(record.key(), key) && record.value() != null) {
                    // A replay writes a pair again: the newest is listed.
                    followed.countryArticle(topic, record.value(), record.timestamp())
                            .ifPresent(article -> latest.putIfAbsent(
                                    article.path("article_id").asText(), article));
                }
            }
            to = from;
            chunk *= 2;
        }
        return List.copyOf(latest.values());
    }

    /** The records of a partition from one offset up to (not including) another, oldest first, as far as read by the deadline. */
    private static List<ConsumerRecord<byte[], byte[]>> readRange(
            final KafkaConsumer<byte[], byte[]> reader,
            final TopicPartition partition,
            final long from,
            final long to,
            final long deadline) {
        reader.pause(reader.assignment());
        reader.seek(partition, from);
        reader.resume(List.of(partition));
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        while (reader.position(partition) < to && System.nanoTime() < deadline) {
            for (final ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                if (record.offset() < to) {
                    records.add(record);
                }
            }
        }
        reader.pause(List.of(partition));
        return records;
    }

    /** The enriched records at these positions, decoded, in their order; those not read or not decoded left out. */
    private List<ObjectNode> readAgain(final List<FollowedArticles.Position> positions) {
        synchronized (looked) {
            final Function<FollowedArticles.Position, TopicPartition> partitionOf =
                    position -> new TopicPartition(Topics.ENRICHED.name(), position.partition());
            final List<FollowedArticles.Position> unread = positions.stream()
                    .filter(position -> !looked.getOrDefault(partitionOf.apply(position), Map.of())
                            .containsKey(position.offset()))
                    .toList();
            if (!unread.isEmpty()) {
                if (lookedCount > LOOKED_UP) {
                    // Simpler than an order of use, and rare: a page lists at most 20 records at a time.
                    looked.clear();
                    lookedCount = 0;
                }
                try {
                    read(unread)
                            .forEach((position, value) -> followed.article(value, position.timestamp())
                                    .ifPresent(json -> {
                                        looked.computeIfAbsent(partitionOf.apply(position), key -> new HashMap<>())
                                                .put(position.offset(), json);
                                        lookedCount++;
                                    }));
                } catch (WakeupException e) {
                    // closing
                } catch (RuntimeException e) {
                    LOG.warn("console: cannot read {} again: {}", Topics.ENRICHED.name(), e.toString());
                }
            }
            return positions.stream()
                    .map(position -> looked.getOrDefault(partitionOf.apply(position), Map.of())
                            .get(position.offset()))
                    .filter(Objects::nonNull)
                    .toList();
        }
    }

    /** The values of the enriched records at these positions, as far as the topic still holds them. */
    private Map<FollowedArticles.Position, byte[]> read(final List<FollowedArticles.Position> positions) {
        final KafkaConsumer<byte[], byte[]> reader = lookup();
        final Map<TopicPartition, Long> starts = reader.beginningOffsets(enrichedPartitions);
        final Map<TopicPartition, TreeMap<Long, FollowedArticles.Position>> wanted = new HashMap<>();
        for (final FollowedArticles.Position position : positions) {
            final TopicPartition partition = new TopicPartition(Topics.ENRICHED.name(), position.partition());
            if (position.offset() >= starts.getOrDefault(partition, Long.MAX_VALUE)) {
                wanted.computeIfAbsent(partition, key -> new TreeMap<>()).put(position.offset(), position);
            }
        }
        final Map<FollowedArticles.Position, byte[]> values = new HashMap<>();
        final long deadline = System.nanoTime() + TAIL_TIMEOUT.toNanos();
        while (!wanted.isEmpty() && System.nanoTime() < deadline) {
            reader.pause(reader.assignment());
            wanted.forEach((partition, offsets) -> reader.seek(partition, offsets.firstKey()));
            reader.resume(wanted.keySet());
            final Map<TopicPartition, Long> readUpTo = new HashMap<>();
            for (final ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                final TreeMap<Long, FollowedArticles.Position> offsets = wanted.get(partition);
                final FollowedArticles.Position position = offsets == null ? null : offsets.get(record.offset());
                if (position != null && record.value() != null) {
                    values.put(position, record.value());
                }
                readUpTo.merge(partition, record.offset(), Math::max);
            }
            // Past a position with no record there (a transaction marker, say): it is not coming.
            readUpTo.forEach((partition, last) -> {
                final TreeMap<Long, FollowedArticles.Position> offsets = wanted.get(partition);
                if (offsets != null) {
                    offsets.headMap(last, true).clear();
                    if (offsets.isEmpty()) {
                        wanted.remove(partition);
                    }
                }
            });
        }
        return values;
    }

    /** The reader of records read again, opened on first use; guarded by {@link #looked}. */
    private KafkaConsumer<byte[], byte[]> lookup() {
        if (lookup == null) {
            lookup = lookupReader(settings);
            final List<TopicPartition> all = new ArrayList<>(countryPartitions);
            all.addAll(enrichedPartitions);
            lookup.assign(all);
        }
        return lookup;
    }

    /** Reads a few records at a time, one producer batch a partition, since it looks for single records. */
    private static KafkaConsumer<byte[], byte[]> lookupReader(final PipelineSettings settings) {
        final Map<String, Object> config = Clients.readerConfig(settings);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(ClientDefaults.BATCH_BYTES));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, Console.THREAD_NAME + "-lookup");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
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
        if (tap != null) {
            tap.listen(null);
        }
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
        synchronized (looked) {
            if (lookup != null) {
                lookup.close();
            }
        }
    }
}
