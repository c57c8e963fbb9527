package news.pipeline.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import news.pipeline.runtime.AvroJson;
import news.pipeline.schema.CountryArticle;
import news.pipeline.serde.SchemaVersions;
import news.pipeline.serde.ValueFormat;
import news.pipeline.serde.ValueSerde;
import news.pipeline.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Articles and Countries pages show, kept from the records {@link ArticleFeed} reads: every
 * by-country record as it comes, and the enriched topic's latest records when a page asks. Cheap per
 * record, because the console runs in the processors' own JVM: a record is kept as its bytes and
 * decoded only when a page asks for it (then the decoded form is kept with it); for the counts,
 * only a by-country record's code, name and article id are read. Bounded in memory: {@link #RECENT} enriched records,
 * {@link #PER_COUNTRY} records per country, the counted pairs ({@link CountedPairs}), and per
 * country one count per minute of the last day plus one count of everything before.
 */
final class FollowedArticles {
    private static final Logger LOG = LoggerFactory.getLogger(FollowedArticles.class);

    /** Articles kept for the Articles page (and for opening one from the map). */
    static final int RECENT = 200;

    /** Latest articles kept per country for the map's list. */
    static final int PER_COUNTRY = 20;

    /**
     * Country and article pairs remembered so that a replay does not count an article twice: a
     * replay of pairs counted more than this many pairs ago counts them again.
     */
    static final int COUNTED_PAIRS = 200_000;

    private static final long MINUTE_MS = 60_000;
    private static final Duration LONGEST_WINDOW = ArticleFeed.Window.DAY.length();
    /** How often (in counted records) the minutes older than a day are folded when no page asks. */
    private static final int FOLD_EVERY = 4096;

    /** Avro's single-object encoding: this marker, then the writer schema's fingerprint (little-endian), then the record. */
    private static final byte[] SINGLE_OBJECT_MARKER = {(byte) 0xC3, (byte) 0x01};

    private static final int SINGLE_OBJECT_HEADER = SINGLE_OBJECT_MARKER.length + Long.BYTES;

    /** The fields of a by-country record the counts need; schema resolution skips the others. */
    private static final List<String> COUNTED_FIELDS = List.of("code", "name", "article_id");

    private final Deserializer<?> enriched;
    private final Deserializer<?> byCountry;
    private final BinaryMessageDecoder<GenericRecord> countedFields;
    /** The writer schemas (by fingerprint) whose records begin with the counted fields, in their order, each a string. */
    private final LongOpenHashSet countedFieldsFirst;
    /** Reused for every by-country record, by the one thread that follows the topic. */
    private BinaryDecoder prefix;

    private final LinkedHashMap<String, KeptRecord> articles = new LinkedHashMap<>();
    private final Map<String, CountryLatest> countryArticles = new HashMap<>();
    private final Map<String, CountryCounts> countryCounts = new HashMap<>();
    private final Map<String, String> countryNames = new HashMap<>();
    private final CountedPairs counted;
    /** How many pairs have been counted for the first time (among the remembered ones) so far. */
    private long countedSoFar;

    private int countedSinceFold;

    /**
     * A record's value as written, its time, and once a page has asked for it, its JSON; for a
     * by-country record also its country and article pair's fingerprint ({@link CountedPairs}).
     */
    private static final class KeptRecord {
        private final String id;
        private final long pair;
        private final byte[] value;
        private final long timestamp;
        /** For a by-country record, at most the {@link #countedSoFar} at which its pair was first counted. */
        private final long counted;

        private ObjectNode json;

        KeptRecord(final String id, final long pair, final byte[] value, final long timestamp, final long counted) {
            this.id = id;
            this.pair = pair;
            this.value = value;
            this.timestamp = timestamp;
            this.counted = counted;
        }
    }

    /**
     * A country's latest records, newest first, and at most the least {@link KeptRecord#counted} among
     * them: while that is recent enough, every pair kept here is still remembered by {@link #counted},
     * so a pair counted for the first time cannot be here and the records need not be searched.
     */
    private static final class CountryLatest {
        private final Deque<KeptRecord> records = new ArrayDeque<>();
        private long leastCounted = Long.MAX_VALUE;
    }

    /** One country's counts: per minute for the last day, and one sum of the minutes before. */
    private static final class CountryCounts {
        private final TreeMap<Long, Integer> minutes = new TreeMap<>();
        private long earlier;

        void fold(final long firstKeptMinute) {
            final Map<Long, Integer> old = minutes.headMap(firstKeptMinute, false);
            old.values().forEach(count -> earlier += count);
            old.clear();
        }

        long since(final long fromMinute) {
            final long inMinutes = minutes.tailMap(fromMinute, true).values().stream()
                    .mapToLong(Integer::longValue)
                    .sum();
            return fromMinute == Long.MIN_VALUE ? earlier + inMinutes : inMinutes;
        }
    }

    FollowedArticles(final ValueFormat format) {
        this(format, COUNTED_PAIRS);
    }

    FollowedArticles(final ValueFormat format, final int countedPairs) {
        this.enriched = Topics.ENRICHED.valueSerde(format).deserializer();
        this.byCountry = Topics.BY_COUNTRY.valueSerde(format).deserializer();
        this.countedFields = countedFieldsDecoder();
        this.countedFieldsFirst = countedFieldsFirst();
        this.counted = new CountedPairs(countedPairs);
    }

    /**
     * Reads the counted fields of a by-country record in single-object encoding, whichever released
     * version wrote it: the writer schema is found by the record's fingerprint, and resolving it to a
     * reader schema of those fields alone skips the rest of the record without building it.
     */
    private static BinaryMessageDecoder<GenericRecord> countedFieldsDecoder() {
        final Schema current = CountryArticle.getClassSchema();
        final List<Schema.Field> fields = COUNTED_FIELDS.stream()
                .map(name -> new Schema.Field(name, current.getField(name).schema()))
                .toList();
        final Schema projection =
                Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        final BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), projection);
        decoder.addSchema(current);
        SchemaVersions.released(current).forEach(decoder::addSchema);
        return decoder;
    }

    /**
     * The fingerprints of the by-country schemas, current and released, whose first fields are the
     * counted ones, in the same order and each a plain string: a record written with one is read
     * from its first bytes, and the rest of it is not even skipped.
     */
    private static LongOpenHashSet countedFieldsFirst() {
        final Schema current = CountryArticle.getClassSchema();
        final List<Schema> versions = new ArrayList<>(SchemaVersions.released(current));
        versions.add(current);
        final LongOpenHashSet first = new LongOpenHashSet();
        for (final Schema version : versions) {
            final List<Schema.Field> fields = version.getFields();
            boolean leading = fields.size() >= COUNTED_FIELDS.size();
            for (int i = 0; leading && i < COUNTED_FIELDS.size(); i++) {
                leading = fields.get(i).name().equals(COUNTED_FIELDS.get(i))
                        && fields.get(i).schema().getType() == Schema.Type.STRING;
            }
            if (leading) {
                first.add(SchemaNormalization.parsingFingerprint64(version));
            }
        }
        return first;
    }

    /** Enriched records, oldest first: each kept as {@link #enriched} keeps it; those with no key or value skipped. */
    synchronized void enrichedAll(final List<ConsumerRecord<byte[], byte[]>> records) {
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() == null || record.value() == null) {
                LOG.debug(
                        "console: skipped {}-{}@{}: no key or value",
                        record.topic(),
                        record.partition(),
                        record.offset());
            } else {
                // The key is the article id (see Topics); the value is decoded only when a page shows it.
                enriched(new String(record.key(), StandardCharsets.UTF_8), record.value(), record.timestamp());
            }
        }
    }

    /** An enriched record: kept as it is, under its key (the article id), the newest last. */
    synchronized void enriched(final String articleId, final byte[] value, final long timestamp) {
        articles.remove(articleId);
        articles.put(articleId, new KeptRecord(articleId, 0, value, timestamp, 0));
        if (articles.size() > RECENT) {
            articles.remove(articles.keySet().iterator().next());
        }
    }

    /**
     * A by-country record: its country and article counted (once per pair among the remembered
     * ones) and the record kept among its country's latest.
     *
     * @return false when the record cannot be read, and so is neither counted nor kept
     */
    boolean byCountry(final String topic, final byte[] value, final long timestamp) {
        // Read outside the lock: in the registry's framing it may wait for the registry, and the pages must not.
        final CountedFields fields;
        try {
            fields = countedFields(topic, value);
        } catch (IOException | RuntimeException e) {
            // Not the console's to judge: a record the pipeline wrote that does not decode is skipped here.
            LOG.debug("console: skipped a {} record: {}", topic, e.toString());
            return false;
        }
        keep(fields, value, timestamp);
        return true;
    }

    private synchronized void keep(final CountedFields fields, final byte[] value, final long timestamp) {
        final String code = fields.code();
        final String articleId = fields.articleId();
        if (!Objects.equals(countryNames.get(code), fields.name())) {
            countryNames.put(code, fields.name());
        }
        // Computed once for both uses; within one country it tells articles apart as their ids do.
        final long pair = CountedPairs.fingerprint(code, articleId);
        final boolean first = counted.firstTime(pair);
        // A pair is forgotten once `capacity` pairs have been counted after it; one counted at or before this is.
        final long forgottenBy = countedSoFar - counted.capacity();
        // Remembered, so counted after forgottenBy; a kept record of the same pair says when exactly.
        long countedAt = first ? countedSoFar + 1 : forgottenBy + 1;
        final CountryLatest latest = countryArticles.computeIfAbsent(code, key -> new CountryLatest());
        // The pipeline writes each pair once: only a replay sends one again. Searching the country's records for it
        // each time (scattered objects) was most of what following the topic cost the console.
        if (!first || latest.leastCounted <= forgottenBy) {
            long least = Long.MAX_VALUE;
            for (final Iterator<KeptRecord> known = latest.records.iterator(); known.hasNext(); ) {
                final KeptRecord record = known.next();
                if (record.pair == pair) {
                    known.remove();
                    countedAt = first ? countedAt : record.counted;
                } else {
                    least = Math.min(least, record.counted);
                }
            }
            latest.leastCounted = least;
        }
        latest.records.addFirst(new KeptRecord(articleId, pair, value, timestamp, countedAt));
        latest.leastCounted = Math.min(latest.leastCounted, countedAt);
        while (latest.records.size() > PER_COUNTRY) {
            latest.records.removeLast();
        }
        if (first) {
            countedSoFar++;
            countryCounts
                    .computeIfAbsent(code, key -> new CountryCounts())
                    .minutes
                    .merge(timestamp / MINUTE_MS, 1, Integer::sum);
            if (++countedSinceFold >= FOLD_EVERY) {
                fold(Instant.now());
            }
        }
    }

    /** What the counts need of a by-country record. */
    private record CountedFields(String code, String name, String articleId) {}

    /**
     * The counted fields of a by-country record; called by the one thread that follows the topic. A record in the registry's framing is decoded
     * whole through the pipeline's serde, which looks its schema id up in the registry.
     */
    private CountedFields countedFields(final String topic, final byte[] value) throws IOException {
        if (value.length > 0 && value[0] == ValueSerde.REGISTRY_MAGIC) {
            final CountryArticle whole = (CountryArticle) byCountry.deserialize(topic, value);
            return new CountedFields(whole.getCode(), whole.getName(), whole.getArticleId());
        }
        if (value.length >= SINGLE_OBJECT_HEADER
                && value[0] == SINGLE_OBJECT_MARKER[0]
                && value[1] == SINGLE_OBJECT_MARKER[1]
                && countedFieldsFirst.contains(ByteBuffer.wrap(value, SINGLE_OBJECT_MARKER.length, Long.BYTES)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getLong())) {
            prefix = DecoderFactory.get()
                    .binaryDecoder(value, SINGLE_OBJECT_HEADER, value.length - SINGLE_OBJECT_HEADER, prefix);
            return new CountedFields(prefix.readString(), prefix.readString(), prefix.readString());
        }
        final GenericRecord fields = countedFields.decode(value);
        return new CountedFields(
                String.valueOf(fields.get("code")),
                String.valueOf(fields.get("name")),
                String.valueOf(fields.get("article_id")));
    }

    /** The latest articles, newest first. */
    synchronized List<ObjectNode> latest(final int limit) {
        final List<KeptRecord> newestFirst = new ArrayList<>(articles.values());
        Collections.reverse(newestFirst);
        final List<ObjectNode> latest = new ArrayList<>();
        for (final KeptRecord article : newestFirst) {
            if (latest.size() >= limit) {
                break;
            }
            json(Topics.ENRICHED.name(), enriched, article)
                    .ifPresentOrElse(latest::add, () -> articles.remove(article.id));
        }
        return latest;
    }

    synchronized Optional<ObjectNode> article(final String id) {
        final KeptRecord article = articles.get(id);
        if (article == null) {
            return Optional.empty();
        }
        final Optional<ObjectNode> json = json(Topics.ENRICHED.name(), enriched, article);
        if (json.isEmpty()) {
            articles.remove(id);
        }
        return json;
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
        return new HashMap<>(countryNames);
    }

    /** A country's latest articles from the by-country topic, newest first. */
    synchronized List<ObjectNode> byCountry(final String code) {
        final CountryLatest latest = countryArticles.get(code);
        if (latest == null) {
            return List.of();
        }
        final List<ObjectNode> articles = new ArrayList<>();
        for (final Iterator<KeptRecord> kept = latest.records.iterator(); kept.hasNext(); ) {
            json(Topics.BY_COUNTRY.name(), byCountry, kept.next()).ifPresentOrElse(articles::add, kept::remove);
        }
        return articles;
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

    /** The record as JSON with its record time, decoded the first time a page asks; empty if it does not decode. */
    private static Optional<ObjectNode> json(
            final String topic, final Deserializer<?> deserializer, final KeptRecord record) {
        if (record.json == null) {
            try {
                record.json = AvroJson.toJson((IndexedRecord) deserializer.deserialize(topic, record.value));
            } catch (RuntimeException e) {
                LOG.debug("console: skipped a {} record: {}", topic, e.toString());
                return Optional.empty();
            }
            record.json.put(
                    "record_time", Instant.ofEpochMilli(record.timestamp).toString());
        }
        return Optional.of(record.json);
    }
}
