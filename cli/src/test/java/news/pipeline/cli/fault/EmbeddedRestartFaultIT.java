package news.pipeline.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import news.pipeline.testkit.Delivery;
import news.pipeline.testkit.FaultKit;
import news.pipeline.testkit.ForkedPipeline;
import news.pipeline.testkit.FreePorts;
import news.pipeline.testkit.TopicFollower;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole embedded pipeline ({@code news-pipeline run} with no cluster given:
 * the embedded broker and the three processors in one process) is stopped as Ctrl-C stops it and
 * started again on its data directory. It resumes where it stopped: the committed offsets are
 * where they were, and articles already through are not processed again.
 *
 * <p>Why "not processed again" is proven and not just hoped for: the articles sent after the
 * restart sit after the old ones in the same partitions, and each processor reads a partition in
 * offset order; so once every new article is out, any reprocessing of the old ones would already
 * show as duplicates on enriched.
 */
@Tag("fault")
class EmbeddedRestartFaultIT {
    private static final int BEFORE = 5_000;
    private static final int AFTER = 2_000;

    @TempDir
    Path dir;

    @Test
    void theEmbeddedPipelineRestartedOnItsDataDirectoryResumesWithoutReprocessing() throws Exception {
        final int port = FreePorts.pair();
        final Path data = dir.resolve("data");
        final Path log = dir.resolve("pipeline.log");
        final List<String> run = List.of("run", "--data-dir", data.toString(), "--embedded-port", String.valueOf(port));
        final PipelineSettings settings =
                FaultKit.settings(EmbeddedKafka.DEFAULT_HOST + ":" + port, dir.resolve("reader-state"), Map.of());

        try (ForkedPipeline first = ForkedPipeline.start(log, List.of(), run)) {
            first.awaitRunning(FaultKit.TIMEOUT);
            FaultKit.produce(settings, FaultKit.goodRecords(0, BEFORE));
            awaitThrough(settings, BEFORE, first, log);
            assertThat(first.stop()).as("exit code after SIGTERM").isIn(0, 130, 143);
        }

        final Map<String, Map<TopicPartition, Long>> committedAtStop;
        try (EmbeddedKafka brokerAlone =
                EmbeddedKafka.start(data.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, port, Map.of())) {
            committedAtStop = committed(settings);
            assertAllInputConsumed(settings, committedAtStop);
            final Delivery delivery = Delivery.read(settings);
            System.out.println(delivery.summary("embedded-restart, after the first run", ids(0, BEFORE)));
            delivery.assertExactlyOnce(ids(0, BEFORE));
        }

        try (ForkedPipeline second = ForkedPipeline.start(log, List.of(), run)) {
            second.awaitRunning(FaultKit.TIMEOUT);
            assertThat(ForkedPipeline.runningReports(log))
                    .as("the log holds both starts")
                    .isEqualTo(2);
            assertThat(committed(settings))
                    .as("committed offsets right after the restart")
                    .isEqualTo(committedAtStop);
            FaultKit.produce(settings, FaultKit.goodRecords(BEFORE, AFTER));
            awaitThrough(settings, BEFORE + AFTER, second, log);
            assertThat(second.stop()).as("exit code after SIGTERM").isIn(0, 130, 143);
        }

        try (EmbeddedKafka brokerAlone =
                EmbeddedKafka.start(data.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, port, Map.of())) {
            final Map<String, Map<TopicPartition, Long>> committedAtEnd = committed(settings);
            assertAllInputConsumed(settings, committedAtEnd);
            final Delivery delivery = Delivery.read(settings);
            System.out.println(delivery.summary("embedded-restart, after the second run", ids(0, BEFORE + AFTER)));
            delivery.assertExactlyOnce(ids(0, BEFORE + AFTER));
        }
    }

    private static void awaitThrough(
            final PipelineSettings settings, final int articles, final ForkedPipeline pipeline, final Path log) {
        try (TopicFollower enriched = new TopicFollower(settings, Topics.ENRICHED, FaultKit::key);
                TopicFollower byCountry = new TopicFollower(
                        settings,
                        Topics.BY_COUNTRY,
                        record -> FaultKit.value(Topics.BY_COUNTRY, record).getArticleId())) {
            enriched.awaitDistinct(articles, FaultKit.TIMEOUT, pipeline::isAlive, () -> FaultKit.tail(log, 40));
            byCountry.awaitDistinct(articles, FaultKit.TIMEOUT, pipeline::isAlive, () -> FaultKit.tail(log, 40));
        }
    }

    /** Each processor's committed offsets, by application id. */
    private static Map<String, Map<TopicPartition, Long>> committed(final PipelineSettings settings) throws Exception {
        final Map<String, Map<TopicPartition, Long>> offsets = new LinkedHashMap<>();
        for (final ProcessorApp processor : ProcessorApp.values()) {
            final String group = StreamsSettings.applicationId(processor, settings.asMap());
            offsets.put(group, FaultKit.committedOffsets(settings, group));
        }
        return offsets;
    }

    /**
     * Each processor has committed, on every partition of its input, the end of that partition as
     * a read_committed consumer sees it: nothing is left to process, and nothing would be read again.
     */
    private static void assertAllInputConsumed(
            final PipelineSettings settings, final Map<String, Map<TopicPartition, Long>> committed) {
        try (KafkaConsumer<byte[], byte[]> reader = Clients.reader(settings)) {
            for (final ProcessorApp processor : ProcessorApp.values()) {
                final String group = StreamsSettings.applicationId(processor, settings.asMap());
                final List<TopicPartition> partitions =
                        Clients.partitions(reader, processor.input().name(), FaultKit.TIMEOUT);
                final Map<TopicPartition, Long> ends = reader.endOffsets(partitions, FaultKit.TIMEOUT);
                System.out.printf(
                        "[embedded-restart] %s: committed %s, input ends %s%n",
                        group,
                        new TreeMap<>(committed.get(group).entrySet().stream()
                                .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue))),
                        new TreeMap<>(ends.entrySet().stream()
                                .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue))));
                assertThat(committed.get(group))
                        .as(
                                "%s committed offsets on %s",
                                group, processor.input().name())
                        .containsAllEntriesOf(ends);
            }
        }
    }

    private static Set<String> ids(final int from, final int count) {
        return IntStream.range(from, from + count).mapToObj(FaultKit::id).collect(Collectors.toSet());
    }
}
