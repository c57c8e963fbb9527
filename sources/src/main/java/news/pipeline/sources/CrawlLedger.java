package news.pipeline.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.MissingTopicException;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What has been produced to the raw topic by the crawler and the importer, kept in the compacted
 * topic news.crawl.seen, and the crawler's feed state. Each raw record is written in one Kafka
 * transaction with the seen-records that mark it, so a crash can neither produce an article
 * without marking it nor mark it without producing it.
 *
 * <p>The producer's transactional id names the writer: a second instance under the same id fences
 * the first (its next commit fails) and, because {@code initTransactions} waits for the first's
 * open transaction to be aborted, then reads every mark the first committed. So a restart, or a
 * second instance, never produces an article again. Writers under different ids (the crawler and
 * an import) catch up with each other's marks before each transaction.
 */
public final class CrawlLedger implements AutoCloseable {
    /** Key prefix of a feed's state. Article ids start with a letter and a dash, so they cannot clash. */
    public static final String FEED_PREFIX = "feed:";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One article to produce, and the ids to mark as seen with it.
     *
     * @param id      the raw record's key
     * @param raw     the raw article
     * @param headers Kafka headers of the raw record (how it was fetched)
     * @param marks   the ids to mark: the article's id, and the id of the link it was found under
     * @param digest  the content's hash, remembered to see whether a re-fetched article changed
     */
    public record Produce(String id, RawArticle raw, Map<String, String> headers, List<String> marks, String digest) {}

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> reader;
    private final List<TopicPartition> partitions;
    private final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
    private final Set<String> seen = new HashSet<>();
    private final Map<String, String> digests = new HashMap<>();
    private final Map<String, FeedState> feeds = new LinkedHashMap<>();
    private final boolean keepDigests;

    /**
     * @param transactionalId the writer's name; instances under one name fence each other
     * @param keepDigests     remember content hashes (for re-fetching changed articles)
     */
    public CrawlLedger(final PipelineSettings settings, final String transactionalId, final boolean keepDigests) {
        this.keepDigests = keepDigests;
        this.reader = Clients.reader(settings);
        final List<PartitionInfo> infos = reader.partitionsFor(Topics.CRAWL_SEEN.name(), READ_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            reader.close();
            throw new MissingTopicException(Topics.CRAWL_SEEN.name(), settings.bootstrapServers());
        }
        this.partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        if (transactionalId == null) {
            this.producer = null;
        } else {
            final Map<String, Object> config = Clients.producerConfig(settings);
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
            try {
                // Before reading: this aborts a previous instance's open transaction, whose marks must not count.
                producer.initTransactions();
            } catch (KafkaException e) {
                producer.close(Duration.ZERO);
                reader.close();
                throw e;
            }
        }
        catchUp();
    }

    /** A reader of the state only, for {@code crawl --status}: it cannot write. */
    public static CrawlLedger readOnly(final PipelineSettings settings) {
        return new CrawlLedger(settings, null, false);
    }

    /** Reads the marks other writers committed since the last call. */
    public void catchUp() {
        final Map<TopicPartition, Long> end = reader.endOffsets(partitions, READ_TIMEOUT);
        final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(partition -> reader.position(partition) < end.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "could not read " + Topics.CRAWL_SEEN.name() + " to its end within " + READ_TIMEOUT);
            }
            for (final ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                apply(record);
            }
        }
    }

    private void apply(final ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        final String key = new String(record.key(), StandardCharsets.UTF_8);
        if (key.startsWith(FEED_PREFIX)) {
            if (record.value() == null) {
                feeds.remove(key.substring(FEED_PREFIX.length()));
            } else {
                final FeedState state = readFeed(record.value());
                if (state != null) {
                    feeds.put(state.url(), state);
                }
            }
            return;
        }
        if (record.value() == null) {
            seen.remove(key);
            digests.remove(key);
            return;
        }
        seen.add(key);
        if (keepDigests) {
            final String digest = digestOf(record.value());
            if (digest != null) {
                digests.put(key, digest);
            }
        }
    }

    public boolean seen(final String id) {
        return seen.contains(id);
    }

    /** The remembered content hash of an article, or null. */
    public String digest(final String id) {
        return digests.get(id);
    }

    public int seenCount() {
        return seen.size();
    }

    public Map<String, FeedState> feeds() {
        return feeds;
    }

    public FeedState feed(final String url) {
        return feeds.getOrDefault(url, FeedState.fresh(url));
    }

    /**
     * Produces the articles and marks them, and saves the feed states, in one transaction.
     *
     * @throws CrawlFencedException when another instance under the same transactional id took over
     */
    public void commit(final List<Produce> articles, final List<FeedState> states) {
        commit(articles, states, List.of());
    }

    /**
     * As {@link #commit(List, List)}, with more ids marked: the links that led to an article
     * produced before (under another link), so that they are not fetched again.
     */
    public void commit(final List<Produce> articles, final List<FeedState> states, final List<String> linksOnly) {
        if (producer == null) {
            throw new IllegalStateException("a read-only ledger cannot write");
        }
        try {
            producer.beginTransaction();
            for (final Produce article : articles) {
                final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        Topics.RAW.name(), article.id().getBytes(StandardCharsets.UTF_8), serde.encode(article.raw()));
                article.headers()
                        .forEach((name, value) ->
                                record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
                producer.send(record);
                final byte[] mark = mark(article);
                for (final String id : article.marks()) {
                    producer.send(
                            new ProducerRecord<>(Topics.CRAWL_SEEN.name(), id.getBytes(StandardCharsets.UTF_8), mark));
                }
            }
            for (final String link : linksOnly) {
                producer.send(new ProducerRecord<>(
                        Topics.CRAWL_SEEN.name(),
                        link.getBytes(StandardCharsets.UTF_8),
                        "{}".getBytes(StandardCharsets.UTF_8)));
            }
            for (final FeedState state : states) {
                producer.send(new ProducerRecord<>(
                        Topics.CRAWL_SEEN.name(),
                        (FEED_PREFIX + state.url()).getBytes(StandardCharsets.UTF_8),
                        JSON.writeValueAsBytes(state)));
            }
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new CrawlFencedException();
        } catch (JsonProcessingException e) {
            producer.abortTransaction();
            throw new IllegalStateException(e);
        } catch (KafkaException e) {
            if (e.getCause() instanceof ProducerFencedException
                    || e.getCause() instanceof InvalidProducerEpochException) {
                throw new CrawlFencedException();
            }
            producer.abortTransaction();
            throw e;
        }
        for (final Produce article : articles) {
            seen.addAll(article.marks());
            if (keepDigests && article.digest() != null) {
                article.marks().forEach(id -> digests.put(id, article.digest()));
            }
        }
        seen.addAll(linksOnly);
        for (final FeedState state : states) {
            feeds.put(state.url(), state);
        }
    }

    private static byte[] mark(final Produce article) {
        final ObjectNode node = JSON.createObjectNode();
        node.put("id", article.id());
        node.put("url", article.raw().getUrl());
        node.put("digest", article.digest());
        node.put("at", System.currentTimeMillis());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String digestOf(final byte[] value) {
        try {
            final JsonNode node = JSON.readTree(value);
            return node.hasNonNull("digest") ? node.get("digest").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static FeedState readFeed(final byte[] value) {
        try {
            return JSON.readValue(value, FeedState.class);
        } catch (IOException e) {
            // A state this version cannot read is ignored: the feed is polled as new, and produces nothing twice.
            return null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        reader.close();
    }
}
