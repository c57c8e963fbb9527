package news.pipeline.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import news.pipeline.runtime.AvroJson;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest enriched articles and the articles per country, followed live in memory for the
 * Articles and Countries pages. One consumer with no group, read_committed, assigned to every
 * partition of the enriched topic (from the last {@link #RECENT} records of each) and of the
 * by-country topic (from the beginning, so that the counts cover all the topic holds).
 */
public final class ArticleFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleFeed.class);

    /** Articles kept for the Articles page (and for opening one from the map). */
    static final int RECENT = 200;

    /** Latest articles kept per country for the map's list. */
    static final int PER_COUNTRY = 20;

    private static final long MINUTE_MS = 60_000;

    /** A window of the Countries page. */
    public enum Window {
        HOUR(Duration.ofHours(1)),
        DAY(Duration.ofDays(1)),
        ALL(null);

        private final Duration length;

        Window(final Duration length) {
            this.length = length;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final Deserializer<?> enriched;
    private final Deserializer<?> byCountry;
    private volatile boolean running = true;

    private final LinkedHashMap<String, ObjectNode> articles = new LinkedHashMap<>();
    private final Map<String, Deque<ObjectNode>> countryArticles = new HashMap<>();
    private final Map<String, TreeMap<Long, Integer>> countryMinutes = new HashMap<>();
    private final Map<String, String> countryNames = new HashMap<>();
    /** Country and article pairs already counted: a replay writes the same records again. */
    private final Set<String> counted = new HashSet<>();

    public ArticleFeed(final PipelineSettings settings) {
        this.consumer = Clients.reader(settings);
        this.enriched = Topics.ENRICHED.valueSerde().get().deserializer();
        this.byCountry = Topics.BY_COUNTRY.valueSerde().get().deserializer();
        final List<TopicPartition> enrichedPartitions = partitions(Topics.ENRICHED);
        final List<TopicPartition> countryPartitions = partitions(Topics.BY_COUNTRY);
        final List<TopicPartition> all = new ArrayList<>(enrichedPartitions);
        all.addAll(countryPartitions);
        consumer.assign(all);
        consumer.seekToBeginning(countryPartitions);
        final Map<TopicPartition, Long> starts = consumer.beginningOffsets(enrichedPartitions);
        consumer.endOffsets(enrichedPartitions)
                .forEach((partition, end) -> consumer.seek(partition, Math.max(starts.get(partition), end - RECENT)));
        this.thread = new Thread(this::follow, "news-pipeline-console-articles");
        thread.setDaemon(true);
        thread.start();
    }

    private List<TopicPartition> partitions(final TopicSpec<?, ?> topic) {
        return consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    private void follow() {
        try {
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    take(record);
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
        if (record.value() == null) {
            return;
        }
        final ObjectNode value;
        try {
            final boolean isEnriched = record.topic().equals(Topics.ENRICHED.name());
            value = AvroJson.toJson(
                    (IndexedRecord) (isEnriched ? enriched : byCountry).deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            // Not the console's to judge: a record the pipeline wrote that does not decode is skipped here.
            LOG.debug(
                    "console: skipped {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
            return;
        }
        value.put("record_time", Instant.ofEpochMilli(record.timestamp()).toString());
        if (record.topic().equals(Topics.ENRICHED.name())) {
            addArticle(value);
        } else {
            addCountryArticle(value, record.timestamp());
        }
    }

    private synchronized void addArticle(final ObjectNode article) {
        final String id = article.path("id").asText();
        articles.remove(id);
        articles.put(id, article);
        while (articles.size() > RECENT) {
            articles.remove(articles.keySet().iterator().next());
        }
    }

    private synchronized void addCountryArticle(final ObjectNode article, final long timestamp) {
        final String code = article.path("code").asText();
        final String id = article.path("article_id").asText();
        countryNames.put(code, article.path("name").asText());
        final Deque<ObjectNode> latest = countryArticles.computeIfAbsent(code, key -> new ArrayDeque<>());
        latest.removeIf(known -> known.path("article_id").asText().equals(id));
        latest.addFirst(article);
        while (latest.size() > PER_COUNTRY) {
            latest.removeLast();
        }
        if (counted.add(code + "|" + id)) {
            countryMinutes.computeIfAbsent(code, key -> new TreeMap<>()).merge(timestamp / MINUTE_MS, 1, Integer::sum);
        }
    }

    /** The latest articles, newest first. */
    public synchronized List<ObjectNode> latest(final int limit) {
        final List<ObjectNode> newestFirst = new ArrayList<>(articles.values());
        Collections.reverse(newestFirst);
        return newestFirst.subList(0, Math.min(limit, newestFirst.size()));
    }

    public synchronized Optional<ObjectNode> article(final String id) {
        return Optional.ofNullable(articles.get(id));
    }

    /** Articles per country code in the window ending now. */
    public synchronized Map<String, Integer> counts(final Window window, final Instant now) {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        final long from = window.length == null
                ? Long.MIN_VALUE
                : now.minus(window.length).toEpochMilli() / MINUTE_MS;
        countryMinutes.forEach((code, minutes) -> {
            final int count = minutes.tailMap(from, true).values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            if (count > 0) {
                counts.put(code, count);
            }
        });
        return counts;
    }

    public synchronized Map<String, String> countryNames() {
        return new HashMap<>(countryNames);
    }

    /** A country's latest articles from the by-country topic, newest first. */
    public synchronized List<ObjectNode> byCountry(final String code) {
        return new ArrayList<>(countryArticles.getOrDefault(code, new ArrayDeque<>()));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
