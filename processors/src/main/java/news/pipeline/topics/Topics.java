package news.pipeline.topics;

import java.util.List;
import java.util.Map;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.RawArticleSerde;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one registry of pipeline topics. Every processor, command and test takes topic names,
 * serdes and partition counts from here.
 *
 * <pre>
 *  news.articles.raw ──cleaner──▶ news.articles.clean ──tagger──▶ news.articles.enriched ──publisher──▶ news.articles.by-country
 *          └──────────────────────────────┴─────────────────────────────────┴──────▶ news.articles.dead-letter
 * </pre>
 */
public final class Topics {
    /** Default partitions of every pipeline topic: the most instances one application can spread over. */
    public static final int DEFAULT_PARTITIONS = 6;

    /**
     * What the raw topic accepts (max.message.bytes). Raw pages may be several MiB; the broker's
     * 1 MiB default would refuse them before the cleaner could say why. Larger raw records are
     * refused to their producer (ingest reports them). Below the processors' producer limit
     * (StreamsSettings.MAX_REQUEST_BYTES, 20 MiB), so that a dead letter can carry any raw record.
     */
    public static final int RAW_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /**
     * What the processors' output topics and the dead-letter topic accept (max.message.bytes):
     * above the processors' own producer limit (StreamsSettings.MAX_REQUEST_BYTES, 20 MiB), so that
     * the producer, not the broker, refuses a record too large, and the stream can dead-letter its
     * input and go on. The largest record any pipeline topic takes, so the commands' producers
     * (ingest, dlq retry, replay) may send up to it and leave the judgement to the topic.
     */
    public static final int OUTPUT_MAX_MESSAGE_BYTES = 24 * 1024 * 1024;

    /** The raw topic's name as a constant, for the places that need one (command descriptions). */
    public static final String RAW_NAME = "news.articles.raw";

    public static final TopicSpec<String, RawArticle> RAW = new TopicSpec<>(
            RAW_NAME,
            "article id (UTF-8)",
            "RawArticle",
            Serdes::String,
            // Reads JSON and gzip too; the cleaner passes its configured content limit instead of the default.
            () -> new RawArticleSerde(ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES),
            DEFAULT_PARTITIONS,
            Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(RAW_MAX_MESSAGE_BYTES)));

    public static final TopicSpec<String, CleanArticle> CLEAN = new TopicSpec<>(
            "news.articles.clean",
            "article id (UTF-8)",
            "CleanArticle",
            Serdes::String,
            () -> new AvroSerde<>(CleanArticle.class),
            DEFAULT_PARTITIONS,
            Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(OUTPUT_MAX_MESSAGE_BYTES)));

    public static final TopicSpec<String, EnrichedArticle> ENRICHED = new TopicSpec<>(
            "news.articles.enriched",
            "article id (UTF-8)",
            "EnrichedArticle",
            Serdes::String,
            () -> new AvroSerde<>(EnrichedArticle.class),
            DEFAULT_PARTITIONS,
            Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(OUTPUT_MAX_MESSAGE_BYTES)));

    public static final TopicSpec<String, CountryArticle> BY_COUNTRY = new TopicSpec<>(
            "news.articles.by-country",
            "ISO 3166-1 alpha-2 country code (UTF-8)",
            "CountryArticle",
            Serdes::String,
            () -> new AvroSerde<>(CountryArticle.class),
            DEFAULT_PARTITIONS,
            Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(OUTPUT_MAX_MESSAGE_BYTES)));

    public static final TopicSpec<byte[], DeadLetter> DEAD_LETTER = new TopicSpec<>(
            "news.articles.dead-letter",
            "the rejected record's original key bytes",
            "DeadLetter",
            Serdes::ByteArray,
            () -> new AvroSerde<>(DeadLetter.class),
            DEFAULT_PARTITIONS,
            Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(OUTPUT_MAX_MESSAGE_BYTES)));

    /**
     * What the crawler and the WARC importer have produced, and the crawler's state of each feed:
     * compacted, so that it keeps the latest value of every key for as long as the topic lives.
     * Keys are article ids (the raw record's key, and the id of the link it was found under) or
     * {@code feed:} and the feed's URL; values are small JSON objects. Written in the same
     * transaction as the raw records, so it never says more or less than the raw topic holds.
     */
    public static final TopicSpec<String, String> CRAWL_SEEN = new TopicSpec<>(
            "news.crawl.seen",
            "article id, or feed:URL (UTF-8)",
            "JSON: crawl state",
            Serdes::String,
            Serdes::String,
            DEFAULT_PARTITIONS,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));

    private Topics() {}

    /** Every pipeline topic, in the order data flows; the crawl state last. */
    public static List<TopicSpec<?, ?>> all() {
        return List.of(RAW, CLEAN, ENRICHED, BY_COUNTRY, DEAD_LETTER, CRAWL_SEEN);
    }

    public static TopicSpec<?, ?> byName(final String name) {
        return all().stream()
                .filter(topic -> topic.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a pipeline topic: " + name + "; known: "
                        + all().stream().map(TopicSpec::name).toList()));
    }
}
