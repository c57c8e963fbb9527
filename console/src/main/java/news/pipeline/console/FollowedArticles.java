package news.pipeline.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.unimi.dsi.fastutil.ints.IntIterator;
import it.unimi.dsi.fastutil.longs.Long2IntRBTreeMap;
import it.unimi.dsi.fastutil.longs.Long2IntSortedMap;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import news.pipeline.runtime.AvroJson;
import news.pipeline.serde.ValueFormat;
import news.pipeline.topics.Topics;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Articles and Countries pages show, kept from the records {@link ArticleFeed} reads or is
 * handed: by-country records as they come (from this process's publisher as it sends them, or read
 * from the topic), and the enriched topic's latest records when a page asks. Cheap per by-country
 * record, because it runs in the pipeline's own threads or beside them: only its code, name and
 * article id are read, and only counted. Of an enriched record (a whole article) only its position
 * is kept, and for the newest the summary the list shows; opening one reads it again. Bounded in
 * memory: {@link #RECENT} enriched records, the counted pairs ({@link CountedPairs}), and per country
 * one count per minute of the last day plus one count of everything before, all in primitive arrays
 * and maps.
 */
final class FollowedArticles {
    private static final Logger LOG = LoggerFactory.getLogger(FollowedArticles.class);

    /** Articles kept for the Articles page (and for opening one from the map). */
    static final int RECENT = 200;

    /** The newest enriched records whose summaries are kept: the Articles page's list. */
    static final int SUMMARIZED = Console.LATEST_ARTICLES;

    /**
     * Country and article pairs remembered so that a replay does not count an article twice: at most
     * this many, at least half ({@link CountedPairs}); a replay of pairs counted more than that many
     * pairs ago counts them again.
     */
    static final int COUNTED_PAIRS = 200_000;

    private static final long MINUTE_MS = 60_000;
    private static final Duration LONGEST_WINDOW = ArticleFeed.Window.DAY.length();
    /** How often (in counted records) the minutes older than a day are folded when no page asks. */
    private static final int FOLD_EVERY = 4096;

    private final Deserializer<?> enriched;
    private final Deserializer<?> byCountry;
    private final ValueFormat format;
    /** One for each thread that hands records over: a decoder reuses its buffers. */
    private final ThreadLocal<CountedFieldsDecoder> decoders;

    /** The latest enriched records by article id, the newest last. */
    private final LinkedHashMap<String, KeptArticle> articles = new LinkedHashMap<>();

    /** By code, each country seen: its name and counts, one lookup a counted record. */
    private final Map<String, CountryCounts> countryCounts = new HashMap<>();

    private final CountedPairs counted;

    private int countedSinceFold;

    /**
     * An enriched record: where it is, and for one among the newest, what the list shows of it. Its
     * bytes are not kept: at a high rate each look at the topic replaces all of them, and bytes kept
     * for a few seconds are copied by every young collection until the collector promotes them.
     */
    private record KeptArticle(String id, Position position, Map<String, Object> summary) {}

    /** Where a record is in its topic, and its record time. */
    record Position(int partition, long offset, long timestamp) {}

    /** One country's name as its latest record gave it, and its counts: per minute for the last day, and one sum of the minutes before. */
    private static final class CountryCounts {
        private String name;

        /** Primitive, so that counting a record boxes nothing. */
        private final Long2IntRBTreeMap minutes = new Long2IntRBTreeMap();

        private long earlier;

        void fold(final long firstKeptMinute) {
            final Long2IntSortedMap old = minutes.headMap(firstKeptMinute);
            for (final IntIterator count = old.values().iterator(); count.hasNext(); ) {
                earlier += count.nextInt();
            }
            old.clear();
        }

        long since(final long fromMinute) {
            long inMinutes = 0;
            for (final IntIterator count = minutes.tailMap(fromMinute).values().iterator(); count.hasNext(); ) {
                inMinutes += count.nextInt();
            }
            return fromMinute == Long.MIN_VALUE ? earlier + inMinutes : inMinutes;
        }
    }

    FollowedArticles(final ValueFormat format) {
        this(format, COUNTED_PAIRS);
    }

    FollowedArticles(final ValueFormat format, final int countedPairs) {
        this.enriched = Topics.ENRICHED.valueSerde(format).deserializer();
        this.byCountry = Topics.BY_COUNTRY.valueSerde(format).deserializer();
        this.format = format;
        this.decoders = ThreadLocal.withInitial(() -> new CountedFieldsDecoder(format));
        this.counted = new CountedPairs(countedPairs);
    }

    /**
     * Enriched records, oldest first: each kept under its key (the article id) as the newest, with the
     * list's summary for the newest {@link #SUMMARIZED} of them; those with no key or value, or among
     * the newest that do not decode, are skipped.
     */
    synchronized void enrichedAll(final List<ConsumerRecord<byte[], byte[]>> records) {
        final Map<ConsumerRecord<byte[], byte[]>, Map<String, Object>> summaries = new IdentityHashMap<>();
        final Set<ConsumerRecord<byte[], byte[]>> broken = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = records.size() - 1; i >= 0 && summaries.size() < SUMMARIZED; i--) {
            final ConsumerRecord<byte[], byte[]> record = records.get(i);
            if (record.key() != null && record.value() != null) {
                json(Topics.ENRICHED.name(), enriched, record.value(), record.timestamp())
                        .map(FollowedArticles::summary)
                        .ifPresentOrElse(summary -> summaries.put(record, summary), () -> broken.add(record));
            }
        }
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() == null || record.value() == null || broken.contains(record)) {
                LOG.debug(
                        "console: skipped {}-{}@{}: no key or value, or it does not decode",
                        record.topic(),
                        record.partition(),
                        record.offset());
                continue;
            }
            // The key is the article id (see Topics).
            final String id = new String(record.key(), StandardCharsets.UTF_8);
            articles.remove(id);
            articles.put(
                    id,
                    new KeptArticle(
                            id,
                            new Position(record.partition(), record.offset(), record.timestamp()),
                            summaries.get(record)));
            if (articles.size() > RECENT) {
                articles.remove(articles.keySet().iterator().next());
            }
        }
    }

    /** What the list of articles shows of one: not its text. */
    private static Map<String, Object> summary(final ObjectNode article) {
        final Map<String, Object> summary = new LinkedHashMap<>();
        for (final String field : List.of("id", "title", "source", "site_name", "published_at", "record_time")) {
            summary.put(
                    field,
                    article.path(field).isNull() ? null : article.path(field).asText(null));
        }
        final List<String> focus = new ArrayList<>();
        article.path("focus").forEach(code -> focus.add(code.asText()));
        summary.put("focus", focus);
        summary.put("countries", article.path("countries").size());
        return summary;
    }

    /**
     * A by-country record's country and article, counted once per pair among the remembered ones; read
     * in the calling thread (a stream thread, when the publisher hands its records over).
     *
     * @return false when the record cannot be read, and so is not counted
     */
    boolean byCountry(final String topic, final byte[] value, final long time) {
        final CountedFieldsDecoder.CountedFields fields = decoders.get().read(topic, ByteBuffer.wrap(value));
        if (fields == null) {
            return false;
        }
        count(fields, time);
        return true;
    }

    /** A decoder of its own for a thread that reads by-country records and hands their fields to {@link #count}. */
    CountedFieldsDecoder newDecoder() {
        return new CountedFieldsDecoder(format);
    }

    /** Counts a by-country record read by a {@link CountedFieldsDecoder}, unless its pair was counted already. */
    synchronized void count(final CountedFieldsDecoder.CountedFields fields, final long time) {
        CountryCounts country = countryCounts.get(fields.code());
        if (country == null) {
            country = new CountryCounts();
            countryCounts.put(fields.code(), country);
        }
        country.name = fields.name();
        if (counted.firstTime(fields.pair())) {
            country.minutes.addTo(time / MINUTE_MS, 1);
            if (++countedSinceFold >= FOLD_EVERY) {
                fold(Instant.now());
            }
        }
    }

    /** What the list shows of the latest articles, newest first. */
    synchronized List<Map<String, Object>> latest(final int limit) {
        final List<KeptArticle> newestFirst = new ArrayList<>(articles.values());
        Collections.reverse(newestFirst);
        return newestFirst.stream()
                .map(KeptArticle::summary)
                .filter(Objects::nonNull)
                .limit(limit)
                .toList();
    }

    /** Where one of the latest {@link #RECENT} articles is in the enriched topic. */
    synchronized Optional<Position> articleAt(final String id) {
        return Optional.ofNullable(articles.get(id)).map(KeptArticle::position);
    }

    /** An enriched record read again from the topic, as JSON with its record time; empty if it does not decode. */
    Optional<ObjectNode> article(final byte[] value, final long timestamp) {
        return json(Topics.ENRICHED.name(), enriched, value, timestamp);
    }

    /** Articles per country code in the window ending now. */
    synchronized Map<String, Long> counts(final ArticleFeed.Window window, final Instant now) {
        fold(now);
        final Map<String, Long> counts = new LinkedHashMap<>();
        final long from = window.length() == null
                ? Long.MIN_VALUE
                : now.minus(window.length()).toEpochMilli() / MINUTE_MS;
        countryCounts.forEach((code, country) -> {
            final long count = country.since(from);
            if (count > 0) {
                counts.put(code, count);
            }
        });
        return counts;
    }

    synchronized Map<String, String> countryNames() {
        final Map<String, String> names = new HashMap<>();
        countryCounts.forEach((code, country) -> names.put(code, country.name));
        return names;
    }

    /** A by-country record read from the topic, as JSON with its record time; empty if it does not decode. */
    Optional<ObjectNode> countryArticle(final String topic, final byte[] value, final long timestamp) {
        return json(topic, byCountry, value, timestamp);
    }

    /** How many country and article pairs are remembered as counted. */
    synchronized int countedPairs() {
        return counted.size();
    }

    /** Folds every country's minutes older than the longest window into its earlier count. */
    private void fold(final Instant now) {
        countedSinceFold = 0;
        final long firstKeptMinute = now.minus(LONGEST_WINDOW).toEpochMilli() / MINUTE_MS;
        countryCounts.values().forEach(country -> country.fold(firstKeptMinute));
    }

    /** The record as JSON with its record time; empty if it does not decode. */
    private static Optional<ObjectNode> json(
            final String topic, final Deserializer<?> deserializer, final byte[] value, final long timestamp) {
        final ObjectNode json;
        try {
            json = AvroJson.toJson((IndexedRecord) deserializer.deserialize(topic, value));
        } catch (RuntimeException e) {
            LOG.debug("console: skipped a {} record: {}", topic, e.toString());
            return Optional.empty();
        }
        json.put("record_time", Instant.ofEpochMilli(timestamp).toString());
        return Optional.of(json);
    }
}
