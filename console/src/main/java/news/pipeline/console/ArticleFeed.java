package news.pipeline.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest enriched articles and the articles per country, followed live in memory for the
 * Articles and Countries pages. One consumer with no group, read_committed, assigned to every
 * partition of the enriched topic (from the last {@link FollowedArticles#RECENT} records of each)
 * and of the by-country topic (from the beginning, so that the counts cover all the topic holds).
 * What is kept of the records, and how cheaply, is {@link FollowedArticles}'.
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

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final FollowedArticles followed;
    private volatile boolean running = true;

    public ArticleFeed(final PipelineSettings settings) {
        this.followed = new FollowedArticles(settings.valueFormat());
        this.consumer = Clients.reader(settings);
        final List<TopicPartition> enrichedPartitions = partitions(Topics.ENRICHED);
        final List<TopicPartition> countryPartitions = partitions(Topics.BY_COUNTRY);
        final List<TopicPartition> all = new ArrayList<>(enrichedPartitions);
        all.addAll(countryPartitions);
        consumer.assign(all);
        consumer.seekToBeginning(countryPartitions);
        final Map<TopicPartition, Long> starts = consumer.beginningOffsets(enrichedPartitions);
        consumer.endOffsets(enrichedPartitions)
                .forEach((partition, end) ->
                        consumer.seek(partition, Math.max(starts.get(partition), end - FollowedArticles.RECENT)));
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
        if (record.topic().equals(Topics.ENRICHED.name())) {
            if (record.key() == null) {
                LOG.debug("console: skipped {}-{}@{}: no key", record.topic(), record.partition(), record.offset());
                return;
            }
            // The key is the article id (see Topics); the value is decoded only when a page shows it.
            followed.enriched(new String(record.key(), StandardCharsets.UTF_8), record.value(), record.timestamp());
        } else {
            followed.byCountry(record.topic(), record.value(), record.timestamp());
        }
    }

    /** The latest articles, newest first. */
    public List<ObjectNode> latest(final int limit) {
        return followed.latest(limit);
    }

    public Optional<ObjectNode> article(final String id) {
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
