package news.pipeline.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import it.unimi.dsi.fastutil.ints.IntIterator;
import it.unimi.dsi.fastutil.longs.Long2IntRBTreeMap;
import it.unimi.dsi.fastutil.longs.Long2IntSortedMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.IOException;
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
import org.apache.avro.util.Utf8;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Articles and Countries pages show, kept from the records {@link ArticleFeed} reads: every
 * by-country record as it comes, and the enriched topic's latest records when a page asks. Cheap per
 * record, because the console runs in the processors' own JVM. Of a by-country record only its code,
 * name and article id are read, straight from the consumer's buffer, and only its position is kept:
 * its bytes are read again from the topic when a page lists the country. Keeping every record's bytes
 * (each one the newest of its country for a while) made the collector copy and promote them, which
 * cost the pipeline more than reading them. Of an enriched record (a whole article) only its position
 * is kept, and for the newest the summary the list shows; opening one reads it again. Bounded in
 * memory: {@link #RECENT} enriched records, {@link #PER_COUNTRY}
 * positions per country, the counted pairs ({@link CountedPairs}), and per country one count per
 * minute of the last day plus one count of everything before, all in primitive arrays and maps.
 */
final class FollowedArticles {
    private static final Logger LOG = LoggerFactory.getLogger(FollowedArticles.class);

    /** Articles kept for the Articles page (and for opening one from the map). */
    static final int RECENT = 200;

    /** The newest enriched records whose summaries are kept: the Articles page's list. */
    static final int SUMMARIZED = Console.LATEST_ARTICLES;

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

    /** Far more codes and names than there are countries. */
    private static final int MAX_KNOWN_STRINGS = 10_000;

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

    /** The latest enriched records by article id, the newest last. */
    private final LinkedHashMap<String, KeptArticle> articles = new LinkedHashMap<>();
    /** Country codes and names as read before, so that a record of a known country makes no new string. */
    private final Map<Utf8, String> knownStrings = new HashMap<>();
    /** Reused for every by-country record's code, name and article id. */
    private final Utf8 code = new Utf8();

    private final Utf8 name = new Utf8();
    private final Utf8 articleId = new Utf8();

    private final Map<String, CountryLatest> countryArticles = new HashMap<>();
    private final Map<String, CountryCounts> countryCounts = new HashMap<>();
    private final Map<String, String> countryNames = new HashMap<>();
    private final CountedPairs counted;
    /** How many pairs have been counted for the first time (among the remembered ones) so far. */
    private long countedSoFar;

    private int countedSinceFold;

    /**
     * An enriched record: where it is, and for one among the newest, what the list shows of it. Its
     * bytes are not kept: at a high rate each look at the topic replaces all of them, and bytes kept
     * for a few seconds are copied by every young collection until the collector promotes them.
     */
    private record KeptArticle(String id, Position position, Map<String, Object> summary) {}

    /** Where a by-country record is in its topic, and its record time. */
    record Position(int partition, long offset, long timestamp) {}

    /**
     * A country's latest records, newest first, as positions in parallel arrays (no object per record),
     * and at most the least {@code counted} among them: while that is recent enough, every pair kept
     * here is still remembered by {@link #counted}, so a pair counted for the first time cannot be here
     * and the records need not be searched.
     */
    private static final class CountryLatest {
        private final long[] pairs = new long[PER_COUNTRY];
        /** For each, at most the {@link #countedSoFar} at which its pair was first counted. */
        private final long[] counted = new long[PER_COUNTRY];

        private final int[] partitions = new int[PER_COUNTRY];
        private final long[] offsets = new long[PER_COUNTRY];
        private final long[] timestamps = new long[PER_COUNTRY];
        private int size;
        private long leastCounted = Long.MAX_VALUE;

        /** Adds a record as the newest; the oldest goes when there are more than {@link #PER_COUNTRY}. */
        void addFirst(final long pair, final long countedAt, final int partition, final long offset, final long time) {
            final int moved = Math.min(size, PER_COUNTRY - 1);
            System.arraycopy(pairs, 0, pairs, 1, moved);
            System.arraycopy(counted, 0, counted, 1, moved);
            System.arraycopy(partitions, 0, partitions, 1, moved);
            System.arraycopy(offsets, 0, offsets, 1, moved);
            System.arraycopy(timestamps, 0, timestamps, 1, moved);
            pairs[0] = pair;
            counted[0] = countedAt;
            partitions[0] = partition;
            offsets[0] = offset;
            timestamps[0] = time;
            size = moved + 1;
            leastCounted = Math.min(leastCounted, countedAt);
        }

        void remove(final int index) {
            final int moved = size - index - 1;
            System.arraycopy(pairs, index + 1, pairs, index, moved);
            System.arraycopy(counted, index + 1, counted, index, moved);
            System.arraycopy(partitions, index + 1, partitions, index, moved);
            System.arraycopy(offsets, index + 1, offsets, index, moved);
            System.arraycopy(timestamps, index + 1, timestamps, index, moved);
            size--;
        }
    }

    /** One country's counts: per minute for the last day, and one sum of the minutes before. */
    private static final class CountryCounts {
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
     * A by-country record: its country and article counted (once per pair among the remembered
     * ones) and its position kept among its country's latest.
     *
     * @return false when the record cannot be read, and so is neither counted nor kept
     */
    boolean byCountry(final String topic, final int partition, final long offset, final byte[] value, final long time) {
        final CountedFields fields = countedFields(topic, ByteBuffer.wrap(value));
        if (fields == null) {
            return false;
        }
        count(fields, partition, offset, time);
        return true;
    }

    /**
     * A by-country record's pair and country, as the by-country follower's deserializer reads them from
     * the consumer's buffer. Called by the one thread that follows the topic, outside the lock: in the
     * registry's framing it may wait for the registry, and the pages must not.
     *
     * @return null when the record cannot be read
     */
    CountedFields countedFields(final String topic, final ByteBuffer value) {
        try {
            return readCountedFields(topic, value);
        } catch (IOException | RuntimeException e) {
            // Not the console's to judge: a record the pipeline wrote that does not decode is skipped here.
            LOG.debug("console: skipped a {} record: {}", topic, e.toString());
            return null;
        }
    }

    /** Counts a by-country record read by {@link #countedFields} and keeps its position. */
    synchronized void count(final CountedFields fields, final int partition, final long offset, final long time) {
        final String code = fields.code();
        if (!Objects.equals(countryNames.get(code), fields.name())) {
            countryNames.put(code, fields.name());
        }
        final long pair = fields.pair();
        final boolean first = counted.firstTime(pair);
        // A pair is forgotten once `capacity` pairs have been counted after it; one counted at or before this is.
        final long forgottenBy = countedSoFar - counted.capacity();
        // Remembered, so counted after forgottenBy; a kept record of the same pair says when exactly.
        long countedAt = first ? countedSoFar + 1 : forgottenBy + 1;
        final CountryLatest latest = countryArticles.computeIfAbsent(code, key -> new CountryLatest());
        // The pipeline writes each pair once: only a replay sends one again. Searching the country's records for it
        // each time was most of what following the topic cost the console.
        if (!first || latest.leastCounted <= forgottenBy) {
            long least = Long.MAX_VALUE;
            for (int i = 0; i < latest.size; ) {
                if (latest.pairs[i] == pair) {
                    countedAt = first ? countedAt : latest.counted[i];
                    latest.remove(i);
                } else {
                    least = Math.min(least, latest.counted[i]);
                    i++;
                }
            }
            latest.leastCounted = least;
        }
        latest.addFirst(pair, countedAt, partition, offset, time);
        if (first) {
            countedSoFar++;
            countryCounts
                    .computeIfAbsent(code, key -> new CountryCounts())
                    .minutes
                    .addTo(time / MINUTE_MS, 1);
            if (++countedSinceFold >= FOLD_EVERY) {
                fold(Instant.now());
            }
        }
    }

    /** What the counts need of a by-country record: its country and its country and article pair's fingerprint. */
    record CountedFields(String code, String name, long pair) {}

    private CountedFields readCountedFields(final String topic, final ByteBuffer value) throws IOException {
        final int start = value.position();
        final int length = value.remaining();
        if (length > 0 && value.get(start) == ValueSerde.REGISTRY_MAGIC) {
            // The registry's framing: decoded whole through the pipeline's serde, which looks the schema id up.
            final byte[] bytes = new byte[length];
            value.duplicate().get(bytes);
            final CountryArticle whole = (CountryArticle) byCountry.deserialize(topic, bytes);
            return new CountedFields(
                    whole.getCode(), whole.getName(), CountedPairs.fingerprint(whole.getCode(), whole.getArticleId()));
        }
        if (length >= SINGLE_OBJECT_HEADER
                && value.hasArray()
                && value.get(start) == SINGLE_OBJECT_MARKER[0]
                && value.get(start + 1) == SINGLE_OBJECT_MARKER[1]
                && countedFieldsFirst.contains(littleEndianLong(value, start + SINGLE_OBJECT_MARKER.length))) {
            prefix = DecoderFactory.get()
                    .binaryDecoder(
                            value.array(),
                            value.arrayOffset() + start + SINGLE_OBJECT_HEADER,
                            length - SINGLE_OBJECT_HEADER,
                            prefix);
            prefix.readString(code);
            prefix.readString(name);
            prefix.readString(articleId);
            return new CountedFields(
                    known(code),
                    known(name),
                    CountedPairs.fingerprint(
                            code.getBytes(), code.getByteLength(), articleId.getBytes(), articleId.getByteLength()));
        }
        final GenericRecord fields = countedFields.decode(value.duplicate());
        final String codeRead = String.valueOf(fields.get("code"));
        return new CountedFields(
                codeRead,
                String.valueOf(fields.get("name")),
                CountedPairs.fingerprint(codeRead, String.valueOf(fields.get("article_id"))));
    }

    /** The string of a code or name read before; a new one is remembered (there are a few hundred). */
    private String known(final Utf8 read) {
        final String seen = knownStrings.get(read);
        if (seen != null) {
            return seen;
        }
        final String text = read.toString();
        if (knownStrings.size() >= MAX_KNOWN_STRINGS) {
            // Only a topic full of made-up countries gets here; start again rather than grow.
            knownStrings.clear();
        }
        // The reused Utf8 changes with the next record: the key is a copy.
        knownStrings.put(new Utf8(text), text);
        return text;
    }

    private static long littleEndianLong(final ByteBuffer buffer, final int at) {
        long value = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            value = (value << 8) | (buffer.get(at + i) & 0xffL);
        }
        return value;
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
        return new HashMap<>(countryNames);
    }

    /** Where a country's latest records are in the by-country topic, newest first. */
    synchronized List<Position> latestOf(final String code) {
        final CountryLatest latest = countryArticles.get(code);
        if (latest == null) {
            return List.of();
        }
        final List<Position> positions = new ArrayList<>(latest.size);
        for (int i = 0; i < latest.size; i++) {
            positions.add(new Position(latest.partitions[i], latest.offsets[i], latest.timestamps[i]));
        }
        return positions;
    }

    /** A by-country record read again from the topic, as JSON with its record time; empty if it does not decode. */
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
