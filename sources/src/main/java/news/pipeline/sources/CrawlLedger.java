package news.pipeline.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.pipeline.ops.CrawlStateReader;
import news.pipeline.ops.FeedState;
import news.pipeline.ops.FeedStates;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
    private final CrawlStateReader reader;
    private final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
    private final Set<String> seen = new HashSet<>();
    private final Map<String, String> digests = new HashMap<>();
    private final FeedStates feeds = new FeedStates();
    private final boolean keepDigests;

    /**
     * @param transactionalId the writer's name; instances under one name fence each other
     * @param keepDigests     remember content hashes (for re-fetching changed articles)
     */
    public CrawlLedger(final PipelineSettings settings, final String transactionalId, final boolean keepDigests) {
        this.keepDigests = keepDigests;
        this.reader = new CrawlStateReader(settings);
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
        reader.catchUp(this::apply);
    }

    private void apply(final String key, final byte[] value) {
        if (feeds.apply(key, value)) {
            return;
        }
        if (value == null) {
            seen.remove(key);
            digests.remove(key);
            return;
        }
        seen.add(key);
        if (keepDigests) {
            final String digest = digestOf(value);
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
        return feeds.all();
    }

    public FeedState feed(final String url) {
        return feeds.get(url);
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
        // Encoded before the transaction begins, so that a state that cannot be written leaves nothing half done.
        final List<ProducerRecord<byte[], byte[]>> stateRecords = states.stream()
                .map(state -> new ProducerRecord<>(
                        Topics.CRAWL_SEEN.name(), FeedStates.key(state.url()), FeedStates.value(state)))
                .toList();
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
            stateRecords.forEach(producer::send);
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw new CrawlFencedException();
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
            feeds.put(state);
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

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
        reader.close();
    }
}
