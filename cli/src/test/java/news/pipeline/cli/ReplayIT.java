package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.ops.Replay;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backfill replays exactly its window, beside live processing, and converges on the live output. */
class ReplayIT {
    private static final int PER_BATCH = 20;
    private final AvroSerde<RawArticle> rawSerde = new AvroSerde<>(RawArticle.class);

    @TempDir
    Path dataDir;

    @Test
    void replayingAWindowRewritesExactlyItsRecordsByteForByte() throws Exception {
        try (EmbeddedCluster cluster = new EmbeddedCluster(dataDir);
                StreamsAppRunner live = cluster.startPipeline()) {
            final Instant base = Instant.now().minus(Duration.ofHours(3));
            final Set<String> before = ingest(cluster, "before", base);
            final Set<String> window = ingest(cluster, "window", base.plus(Duration.ofHours(1)));
            final Set<String> after = ingest(cluster, "after", base.plus(Duration.ofHours(2)));
            cluster.awaitCaughtUp(Arrays.asList(ProcessorApp.values()));

            final Replay.Result result;
            try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(cluster.settings());
                    KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings()
                            .withDefault(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "replay-it-" + UUID.randomUUID()))) {
                final Replay.Plan plan =
                        Replay.plan(consumer, base.plus(Duration.ofMinutes(30)), base.plus(Duration.ofMinutes(90)));
                assertThat(plan.records()).isEqualTo(PER_BATCH);
                result = new Replay(
                                PipelineSteps.fromSettings(cluster.settings().asMap(), PipelineMetrics.inMemory()))
                        .execute(plan, consumer, producer);
            }
            assertThat(result.read()).isEqualTo(PER_BATCH);
            assertThat(result.enriched()).isEqualTo(PER_BATCH);
            assertThat(result.deadLetters()).isZero();

            for (final String topic : List.of(Topics.CLEAN.name(), Topics.ENRICHED.name(), Topics.BY_COUNTRY.name())) {
                final List<ConsumerRecord<byte[], byte[]>> records = cluster.readAll(topic);
                final List<ConsumerRecord<byte[], byte[]>> replayed =
                        records.stream().filter(ReplayIT::replayed).toList();
                final List<ConsumerRecord<byte[], byte[]>> livePath =
                        records.stream().filter(r -> !replayed(r)).toList();
                assertThat(replayed).as(topic).isNotEmpty();
                for (final ConsumerRecord<byte[], byte[]> copy : replayed) {
                    assertThat(livePath)
                            .as("%s: a live record equal to replayed %s@%d", topic, copy.partition(), copy.offset())
                            .anySatisfy(original -> {
                                assertThat(original.partition()).isEqualTo(copy.partition());
                                assertThat(original.key()).isEqualTo(copy.key());
                                assertThat(original.value()).isEqualTo(copy.value());
                                assertThat(original.timestamp()).isEqualTo(copy.timestamp());
                            });
                }
                if (!topic.equals(Topics.BY_COUNTRY.name())) {
                    final Set<String> replayedIds = new HashSet<>(replayed.stream()
                            .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                            .toList());
                    assertThat(replayedIds)
                            .as(topic)
                            .isEqualTo(window)
                            .doesNotContainAnyElementsOf(before)
                            .doesNotContainAnyElementsOf(after);
                    assertThat(replayed)
                            .as(topic + ": one replayed record per article")
                            .hasSize(PER_BATCH);
                }
            }
        }
    }

    private static boolean replayed(final ConsumerRecord<byte[], byte[]> record) {
        return record.headers().lastHeader(Replay.REPLAYED_HEADER) != null;
    }

    /** PER_BATCH articles with record timestamps a second apart from {@code start}; returns their ids. */
    private Set<String> ingest(final EmbeddedCluster cluster, final String batch, final Instant start)
            throws Exception {
        final Set<String> ids = new HashSet<>();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings())) {
            for (int i = 0; i < PER_BATCH; i++) {
                final String id = batch + "-" + i;
                final String text =
                        "Officials from Chile and Peru met in Lima to discuss trade, article " + id + ".\n\n"
                                + "Bolivia asked to join the talks on the Arica corridor, a ministry spokesman said in La Paz.";
                final RawArticle raw = RawArticle.newBuilder()
                        .setFormat(ArticleFormat.TEXT)
                        .setContent(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))
                        .setTitle("Chile and Peru talk trade " + i)
                        .build();
                producer.send(new ProducerRecord<>(
                                Topics.RAW.name(),
                                null,
                                start.plusSeconds(i).toEpochMilli(),
                                id.getBytes(StandardCharsets.UTF_8),
                                rawSerde.encode(raw)))
                        .get();
                ids.add(id);
            }
        }
        return ids;
    }
}
