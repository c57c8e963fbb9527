package news.pipeline.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.MissingTopicException;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the crawl state, news.crawl.seen, from its beginning: read_committed and with no consumer
 * group (assigned partitions), so it sees only what a crawler committed and never shows up as lag.
 * Each record's key is an article id or link marked as seen, or a feed's state ({@link FeedStates}).
 * The crawler's ledger, {@code crawl --status} and the console's Feeds page read it through this.
 */
public final class CrawlStateReader implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaConsumer<byte[], byte[]> reader;
    private final List<TopicPartition> partitions;

    /** @throws MissingTopicException when the cluster has no news.crawl.seen */
    public CrawlStateReader(final PipelineSettings settings) {
        this.reader = Clients.reader(settings);
        this.partitions = Clients.partitions(reader, Topics.CRAWL_SEEN.name(), READ_TIMEOUT);
        if (partitions.isEmpty()) {
            reader.close();
            throw new MissingTopicException(Topics.CRAWL_SEEN.name(), settings.bootstrapServers());
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
    }

    /**
     * Reads what was committed since the last call, up to the end at the time of this call, and
     * hands each record's key (as text) and value (null for a tombstone) to {@code apply}.
     * Records without a key are skipped.
     */
    public void catchUp(final BiConsumer<String, byte[]> apply) {
        final Map<TopicPartition, Long> end = reader.endOffsets(partitions, READ_TIMEOUT);
        final long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(partition -> reader.position(partition) < end.get(partition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "could not read " + Topics.CRAWL_SEEN.name() + " to its end within " + READ_TIMEOUT);
            }
            for (final ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
                if (record.key() != null) {
                    apply.accept(new String(record.key(), StandardCharsets.UTF_8), record.value());
                }
            }
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
