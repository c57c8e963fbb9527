package news.pipeline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.ops.ConsumerLag;
import news.pipeline.ops.TransactionHolds;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.runtime.TopicReader;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.topics.TopicAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;

/** A real embedded broker with the pipeline topics, the pipeline on it, and the helpers integration tests share. */
public final class EmbeddedCluster implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final EmbeddedKafka kafka;
    private final PipelineSettings settings;

    public EmbeddedCluster(final Path dataDir) throws Exception {
        kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, 0, Map.of());
        settings = PipelineSettings.resolve(
                null,
                Map.of(),
                Map.of(
                        PipelineSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                        StreamsConfig.STATE_DIR_CONFIG,
                                dataDir.resolve("streams").toString()));
        try (Admin admin = Clients.admin(settings)) {
            new TopicAdmin(admin).createMissing(Optional.empty(), Optional.empty(), TIMEOUT);
        }
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** The three processors on this cluster, started in this JVM; returns once all of them run. */
    public StreamsAppRunner startPipeline() throws InterruptedException {
        return startPipeline(settings);
    }

    /**
     * The three processors with these settings (this cluster's with some changed, say for the
     * schema registry), started in this JVM; returns once all of them run.
     */
    public StreamsAppRunner startPipeline(final PipelineSettings pipelineSettings) throws InterruptedException {
        final StreamsAppRunner pipeline =
                new StreamsAppRunner(Arrays.asList(ProcessorApp.values()), pipelineSettings.asMap());
        try {
            pipeline.start();
            pipeline.awaitRunning(TIMEOUT);
        } catch (InterruptedException | RuntimeException | Error e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    /** Settings for one more instance of an application: its own state directory. */
    public PipelineSettings instanceSettings(final Path stateDir) {
        final Map<String, String> changed = new LinkedHashMap<>(settings.asMap());
        changed.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return PipelineSettings.resolve(null, Map.of(), changed);
    }

    /** Waits, with the same lag measurement operators use, until the applications have processed everything. */
    public void awaitCaughtUp(final List<ProcessorApp> processors) throws Exception {
        try (Admin admin = Clients.admin(settings);
                KafkaConsumer<byte[], byte[]> reader = Clients.reader(settings)) {
            final ConsumerLag lag = new ConsumerLag(admin, reader);
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<ConsumerLag.ApplicationLag> measured = lag.measure(processors, settings.asMap());
            while (!measured.stream().allMatch(ConsumerLag.ApplicationLag::caughtUp)) {
                assertThat(System.nanoTime())
                        .as("processors not caught up after %s: %s", TIMEOUT, measured)
                        .isLessThan(deadline);
                Thread.sleep(250);
                measured = lag.measure(processors, settings.asMap());
            }
        }
    }

    /** Every committed record of the topic, from the beginning, read until the condition holds. */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(
            final String topic, final Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(settings)) {
            final List<TopicPartition> partitions = Clients.partitions(consumer, topic, TIMEOUT);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!done.test(records)) {
                assertThat(System.nanoTime())
                        .as("%s: expected records not there after %s; got %s", topic, TIMEOUT, records.size())
                        .isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Every committed record of the topic now. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(final String topic) {
        return TopicReader.readToEnd(settings, topic, TIMEOUT);
    }

    /**
     * Every committed record of the topic, once no transaction holds any of its partitions back. A
     * transactional producer's commit returns before the coordinator has written its markers to the
     * partitions, so just after a command that produced in a transaction (crawl, import-warc), a
     * read_committed reader's end, the last stable offset, may still be short of its records.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAllSettled(final String topic) throws Exception {
        try (Admin admin = Clients.admin(settings)) {
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            List<TransactionHolds.Hold> holds = TransactionHolds.of(admin, topic, TIMEOUT);
            while (!holds.isEmpty()) {
                assertThat(System.nanoTime())
                        .as("%s: still held back after %s by %s", topic, TIMEOUT, holds)
                        .isLessThan(deadline);
                Thread.sleep(100);
                holds = TransactionHolds.of(admin, topic, TIMEOUT);
            }
        }
        return readAll(topic);
    }

    public static Instant now() {
        return Instant.now();
    }

    @Override
    public void close() {
        kafka.close();
    }
}
