package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.pipeline.ops.ConsumerLag;
import news.pipeline.runtime.AvroJson;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.CleanArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands, run as a user runs them, against a real broker. */
class OpsCommandsIT {
    @TempDir
    static Path dataDir;

    private static EmbeddedCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new EmbeddedCluster(dataDir);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void lagCountsRecordsAndTheirAgeButNotTransactionMarkers() throws Exception {
        final AvroSerde<CleanArticle> serde = new AvroSerde<>(CleanArticle.class);
        final long hourAgo = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        // Three records in one transaction, on partition 0: four offsets with the commit marker.
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings()
                .withDefault(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-it-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(
                        Topics.CLEAN.name(),
                        0,
                        hourAgo,
                        ("a" + i).getBytes(StandardCharsets.UTF_8),
                        serde.encode(CleanArticle.newBuilder()
                                .setId("a" + i)
                                .setFormat(ArticleFormat.TEXT)
                                .setTitle("t")
                                .setText("x")
                                .setCleanerVersion("test")
                                .build())));
            }
            producer.commitTransaction();
        }

        final JsonNode behind = lagJson();
        assertThat(behind.get("records_behind").asLong()).isEqualTo(3);
        assertThat(behind.get("seconds_behind").asDouble()).isBetween(3500.0, 4000.0);
        assertThat(run("lag", "-p", "tagger", "--max-lag-seconds", "600")).isEqualTo(LagCommand.BEHIND_EXIT_CODE);

        // Below the offset difference (4, the marker included), as the console's sampler measures during a backlog:
        // not counted, and so marked inexact, but the time behind still read from the oldest record.
        try (Admin admin = Clients.admin(cluster.settings());
                KafkaConsumer<byte[], byte[]> reader = Clients.reader(cluster.settings())) {
            final ConsumerLag.PartitionLag notCounted = new ConsumerLag(admin, reader, 2)
                    .measure(
                            StreamsSettings.applicationId(
                                    ProcessorApp.TAGGER, cluster.settings().asMap()),
                            Topics.CLEAN.name(),
                            Instant.now())
                    .partitions()
                    .get(0);
            assertThat(notCounted.recordsBehind()).isEqualTo(4);
            assertThat(notCounted.exact()).isFalse();
            assertThat(notCounted.timeBehind().toSeconds()).isBetween(3500L, 4000L);
        }

        // The tagger's group commits past the last record but before the marker, as a consumer does.
        commitTaggerOffset(new TopicPartition(Topics.CLEAN.name(), 0), 3);
        final JsonNode caughtUp = lagJson();
        assertThat(caughtUp.get("records_behind").asLong()).isZero();
        assertThat(caughtUp.get("partitions").get(0).get("end").asLong()).isEqualTo(4);
        assertThat(run("lag", "-p", "tagger", "--max-lag-seconds", "600")).isZero();
    }

    @Test
    void lagNamesTheOpenTransactionThatHoldsAPartitionBackAndWhatItsCoordinatorSays() throws Exception {
        final String transactionalId = "lag-hold-it-" + UUID.randomUUID();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(
                cluster.settings().withDefault(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(
                            Topics.CLEAN.name(),
                            1,
                            "open".getBytes(StandardCharsets.UTF_8),
                            "not committed yet".getBytes(StandardCharsets.UTF_8)))
                    .get();

            final JsonNode open = lagJson().get("open_transactions");
            assertThat(open).hasSize(1);
            assertThat(open.get(0).get("partition").asInt()).isEqualTo(1);
            assertThat(open.get(0).get("end").asLong()
                            - open.get(0).get("last_stable_offset").asLong())
                    .isPositive();
            assertThat(open.get(0).get("transactional_id").asText()).isEqualTo(transactionalId);
            assertThat(open.get(0).get("coordinator_state").asText()).isEqualToIgnoringCase("ongoing");
            // under way: its coordinator will end it, so the table leaves it out
            assertThat(open.get(0).get("hanging").asBoolean()).isFalse();
            assertThat(output("lag", "-p", "tagger")).doesNotContain("hanging transaction");

            producer.abortTransaction();
        }
        assertThat(lagJson().get("open_transactions")).isEmpty();
    }

    @Test
    void deadLettersAreListedShownAndRetriedBackToTheirSourceTopic() throws Exception {
        try (StreamsAppRunner cleaner = new StreamsAppRunner(
                List.of(ProcessorApp.CLEANER), cluster.settings().asMap())) {
            cleaner.start();
            cleaner.awaitRunning(EmbeddedCluster.TIMEOUT);
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings())) {
                producer.send(new ProducerRecord<>(
                                Topics.RAW.name(),
                                "not-avro".getBytes(StandardCharsets.UTF_8),
                                "plain bytes".getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            cluster.readUntil(Topics.DEAD_LETTER.name(), records -> !records.isEmpty());

            final String listing = output("dlq", "--reason", "MALFORMED_RECORD");
            assertThat(listing).contains("MALFORMED_RECORD", "cleaner", "news.articles.raw", "1 dead letter(s)");
            final String position =
                    listing.lines().skip(1).findFirst().orElseThrow().split("\\s+")[1];
            assertThat(output("dlq", "show", position))
                    .contains("\"original_key\" : \"not-avro\"", "\"original_value\" : \"plain bytes\"");
            assertThat(output("dlq", "--reason", "NO_TEXT")).contains("0 dead letter(s)");

            assertThat(output("dlq", "retry", "--reason", "MALFORMED_RECORD")).contains("would be retried");
            assertThat(run("dlq", "retry", "--reason", "MALFORMED_RECORD", "--execute"))
                    .isZero();
            final List<ConsumerRecord<byte[], byte[]>> raw =
                    cluster.readUntil(Topics.RAW.name(), records -> records.size() >= 2);
            final ConsumerRecord<byte[], byte[]> retried = raw.get(raw.size() - 1);
            assertThat(new String(retried.value(), StandardCharsets.UTF_8)).isEqualTo("plain bytes");
            assertThat(new String(
                            retried.headers()
                                    .lastHeader(PipelineHeaders.RETRY_OF)
                                    .value(),
                            StandardCharsets.UTF_8))
                    .isEqualTo(position);
        }
    }

    @Test
    void aPipelineTopicMissingFromTheClusterIsOneLineNamingIt() throws Exception {
        // by-country is the one topic the other tests here do not use.
        try (Admin admin = Clients.admin(cluster.settings())) {
            admin.deleteTopics(List.of(Topics.BY_COUNTRY.name())).all().get();
        }
        final CliRun tail = execute("tail", "by-country");
        assertThat(tail.exitCode()).isEqualTo(1);
        assertThat(tail.err())
                .isEqualTo("news-pipeline: topic news.articles.by-country does not exist on the Kafka cluster at "
                        + cluster.settings().bootstrapServers()
                        + "; create the pipeline topics with: news-pipeline topics\n");
        final CliRun replay = execute("replay", "--from", "1h", "--execute");
        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.err())
                .startsWith("news-pipeline: topic news.articles.by-country does not exist")
                .hasLineCount(1);
        assertThat(replay.out()).isEmpty();
        // Told not to create topics, run checks that its own are there instead of waiting for them.
        final CliRun run = assertTimeoutPreemptively(
                Duration.ofMinutes(1),
                () -> execute("run", "--processor", "publisher", "--no-create-topics", "--http-address", "none"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("news-pipeline: topic news.articles.by-country does not exist")
                .hasLineCount(1);

        assertThat(execute("topics").exitCode()).isZero();
        assertThat(output("tail", "by-country")).isEmpty();
    }

    /**
     * A cluster named by several bootstrap servers, the first of which accepts connections but
     * never answers (a backlog never accepted from): the commands use the one that answers, at once.
     */
    @Test
    void aSilentFirstBootstrapServerDoesNotStopTheCommands() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            final String servers = "127.0.0.1:" + silent.getLocalPort() + ","
                    + cluster.settings().bootstrapServers();
            // The admin clients choose their first server at random: a few runs would meet the silent one.
            for (int i = 0; i < 3; i++) {
                final long start = System.nanoTime();
                final CliRun tail = executeOn(servers, "tail", "enriched", "--connect-timeout", "4");
                assertThat(tail.exitCode()).as("tail; stderr: %s", tail.err()).isZero();
                // Under the 30 s a client bootstrapped from the silent server would wait for it.
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            }
            final CliRun topics = executeOn(servers, "topics", "--describe", "--connect-timeout", "4");
            assertThat(topics.exitCode()).as("topics; stderr: %s", topics.err()).isZero();
            assertThat(topics.out()).contains(Topics.ENRICHED.name());
        }
    }

    @Test
    void aTopicSettingTheClusterRefusesIsOneLineNamingIt() throws Exception {
        // by-country is the one topic the other tests here do not use: missing, topics creates it.
        try (Admin admin = Clients.admin(cluster.settings())) {
            admin.deleteTopics(List.of(Topics.BY_COUNTRY.name())).all().get();
        }
        final CliRun refused = execute("topics", "--replication-factor", "3");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .startsWith("news-pipeline: Kafka refused to create topic " + Topics.BY_COUNTRY.name() + ": ")
                .contains("3")
                .doesNotContain("\tat ")
                .hasLineCount(1);

        assertThat(execute("topics").exitCode()).isZero();
    }

    private static JsonNode lagJson() throws Exception {
        final String json = output("lag", "--json", "-p", "tagger");
        return AvroJson.MAPPER.readTree(json).get("applications").get(0);
    }

    private static void commitTaggerOffset(final TopicPartition partition, final long offset) {
        final Map<String, Object> config = new HashMap<>(cluster.settings().clientSettings());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "news-pipeline-tagger");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }

    /** Runs a command on the test cluster as a user would, with its own writers. */
    private static CliRun execute(final String... args) {
        return executeOn(cluster.settings().bootstrapServers(), args);
    }

    /** Runs a command with these bootstrap servers. */
    private static CliRun executeOn(final String bootstrapServers, final String... args) {
        final String[] all = Arrays.copyOf(args, args.length + 2);
        // Subcommand options follow the subcommand: dlq show P@O --bootstrap-servers ...
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = bootstrapServers;
        return CliRun.execute(all);
    }

    private static int run(final String... args) {
        return execute(args).exitCode();
    }

    /** Runs a command that must succeed and returns what it printed. */
    private static String output(final String... args) {
        final CliRun result = execute(args);
        assertThat(result.exitCode())
                .as("%s; stderr: %s", String.join(" ", args), result.err())
                .isZero();
        return result.out();
    }
}
