package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.ops.Replay;
import news.pipeline.runtime.Clients;
import news.pipeline.streams.ByCountryTap;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Countries page's counts on a real broker: read from the topic until the console has caught up,
 * then from what this process's publisher hands over as it sends, the topic read again only while
 * others may write to it (a replay's writes told by its producer's sequence numbers); and a country's
 * latest articles read back from the end of its partition.
 */
class ArticleFeedIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void countsComeFromThePublisherHereAndFromTheTopicWhileOthersWrite() throws Exception {
        try (EmbeddedCluster cluster = new EmbeddedCluster(dataDir);
                KafkaProducer<byte[], byte[]> elsewhere = Clients.producer(cluster.settings())) {
            final ByCountryTap tap = new ByCountryTap();
            try (KafkaProducer<byte[], byte[]> here = publisherProducer(cluster, tap)) {
                for (int i = 0; i < 3; i++) {
                    send(elsewhere, "FR", "France", "f" + i);
                }
                try (ArticleFeed feed = new ArticleFeed(cluster.settings(), tap)) {
                    assertThat(feed.awaitCaughtUp(WAIT)).isTrue();
                    assertThat(counts(feed)).isEqualTo(Map.of("FR", 3L));

                    send(here, "AM", "Armenia", "a0");
                    assertThat(counts(feed)).as("handed over as it is sent").isEqualTo(Map.of("FR", 3L, "AM", 1L));

                    feed.coverage(true, ends(cluster));
                    eventually(() -> assertThat(feed.readerPaused()).isTrue());
                    // Another instance writes before the console has found it in the group.
                    send(elsewhere, "FR", "France", "f3");
                    send(elsewhere, "FR", "France", "f4");
                    send(here, "AM", "Armenia", "a1");
                    assertThat(counts(feed))
                            .as("paused: only what the publisher here sends")
                            .isEqualTo(Map.of("FR", 3L, "AM", 2L));

                    feed.coverage(false, ends(cluster));
                    eventually(() -> assertThat(counts(feed))
                            .as("read from where the topic ended when the tap was last found to see all;"
                                    + " the publisher's records read too are not counted twice")
                            .isEqualTo(Map.of("FR", 5L, "AM", 2L)));
                    assertThat(feed.readerPaused()).isFalse();

                    // A replay sends a pair again: counted once, listed once as the newest.
                    send(here, "AM", "Armenia", "a0");
                    assertThat(counts(feed)).containsEntry("AM", 2L);
                    assertThat(articleIds(feed.byCountry("AM"))).containsExactly("a0", "a1");
                    assertThat(articleIds(feed.byCountry("FR"))).containsExactly("f4", "f3", "f2", "f1", "f0");
                    assertThat(feed.byCountry("BR")).isEmpty();
                }
            }
        }
    }

    @Test
    void aCountrysListIsItsLatestArticlesNewestFirst() throws Exception {
        try (EmbeddedCluster cluster = new EmbeddedCluster(dataDir);
                KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings())) {
            for (int i = 0; i < 1_500; i++) {
                send(producer, "US", "United States", "u" + i);
                if (i % 100 == 0) {
                    send(producer, "AM", "Armenia", "a" + i / 100);
                }
            }
            try (ArticleFeed feed = new ArticleFeed(cluster.settings(), null)) {
                assertThat(feed.awaitCaughtUp(WAIT)).isTrue();
                assertThat(counts(feed)).isEqualTo(Map.of("US", 1_500L, "AM", 15L));

                final List<String> us = articleIds(feed.byCountry("US"));
                assertThat(us).hasSize(ArticleFeed.PER_COUNTRY);
                assertThat(us.get(0)).isEqualTo("u1499");
                assertThat(us.get(ArticleFeed.PER_COUNTRY - 1)).isEqualTo("u1480");
                // Armenia's records lie among far more of another country's in the same partition or not:
                // either way, read back from the end until all 15 are found.
                assertThat(articleIds(feed.byCountry("AM")))
                        .containsExactly(
                                "a14", "a13", "a12", "a11", "a10", "a9", "a8", "a7", "a6", "a5", "a4", "a3", "a2", "a1",
                                "a0");
            }
        }
    }

    @Test
    void aReplaysWritesAreToldByItsProducersSequenceNumbers() throws Exception {
        try (EmbeddedCluster cluster = new EmbeddedCluster(dataDir);
                Admin admin = Clients.admin(cluster.settings());
                KafkaProducer<byte[], byte[]> publisher = Clients.producer(cluster.settings());
                KafkaProducer<byte[], byte[]> replay = Clients.producer(cluster.settings()
                        .withDefault(
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                Replay.TRANSACTIONAL_ID_PREFIX + UUID.randomUUID()))) {
            final List<TopicPartition> partitions =
                    ends(cluster).keySet().stream().toList();
            send(publisher, "FR", "France", "f0");
            final Map<String, String> none = ByCountryWriters.replayWrites(admin, partitions, WAIT);
            assertThat(none).as("no replay has written").isEmpty();

            replay.initTransactions();
            replay.beginTransaction();
            send(replay, "AM", "Armenia", "a0");
            replay.commitTransaction();
            // The transaction's end marker is written just after the commit returns: a write of the replay's too.
            final Map<String, String> first = afterEndMarkers(admin, partitions);
            assertThat(first).hasSize(1);
            assertThat(ByCountryWriters.wroteSince(none, first)).isTrue();

            send(publisher, "FR", "France", "f1");
            final Map<String, String> same = ByCountryWriters.replayWrites(admin, partitions, WAIT);
            assertThat(ByCountryWriters.wroteSince(first, same))
                    .as("only the publisher wrote since: %s, then %s", first, same)
                    .isFalse();

            // Its next transaction, begun and committed between two looks, is seen all the same.
            replay.beginTransaction();
            send(replay, "AM", "Armenia", "a1");
            replay.commitTransaction();
            assertThat(ByCountryWriters.wroteSince(same, ByCountryWriters.replayWrites(admin, partitions, WAIT)))
                    .isTrue();
        }
    }

    /** What replays last wrote, once no transaction of theirs is open (their end markers written). */
    private static Map<String, String> afterEndMarkers(final Admin admin, final List<TopicPartition> partitions)
            throws Exception {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            final Map<String, String> writes = ByCountryWriters.replayWrites(admin, partitions, WAIT);
            if (writes.values().stream().noneMatch(write -> write.contains("OptionalLong["))
                    || System.nanoTime() > deadline) {
                return writes;
            }
            Thread.sleep(100);
        }
    }

    /** A producer as the publisher's stream threads get it: Kafka Streams' producer settings, the tap's interceptor in them. */
    private static KafkaProducer<byte[], byte[]> publisherProducer(
            final EmbeddedCluster cluster, final ByCountryTap tap) {
        final Map<String, Object> config = new StreamsConfig(StreamsSettings.forProcessor(
                        ProcessorApp.PUBLISHER, cluster.settings().asMap(), PipelineMetrics.inMemory(), tap))
                .getProducerConfigs("publisher-here");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(
            final KafkaProducer<byte[], byte[]> producer, final String code, final String name, final String articleId)
            throws Exception {
        final byte[] value = CountryViews.encoded(code, name, articleId);
        producer.send(new ProducerRecord<>(Topics.BY_COUNTRY.name(), code.getBytes(StandardCharsets.UTF_8), value))
                .get();
    }

    /** Retries an assertion until it holds or {@link #WAIT} has passed, then fails with its last error. */
    private static void eventually(final Runnable assertion) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Map<TopicPartition, Long> ends(final EmbeddedCluster cluster) {
        try (KafkaConsumer<byte[], byte[]> reader = Clients.reader(cluster.settings())) {
            return reader.endOffsets(Clients.partitions(reader, Topics.BY_COUNTRY.name(), WAIT));
        }
    }

    private static Map<String, Long> counts(final ArticleFeed feed) {
        return feed.counts(ArticleFeed.Window.ALL, Instant.now());
    }

    private static List<String> articleIds(final List<ObjectNode> articles) {
        return articles.stream()
                .map(article -> article.path("article_id").asText())
                .toList();
    }
}
