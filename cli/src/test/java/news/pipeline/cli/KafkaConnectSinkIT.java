package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.pipeline.ops.Replay;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.EmbeddedRegistry;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.testkit.ForeignTools;
import news.pipeline.testkit.FreePorts;
import news.pipeline.testkit.LocalPostgres;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Connect, a client the project did not write, reads the pipeline's registry-mode output: the
 * README's standalone worker (Apache Kafka's Connect runtime, Apicurio's Avro converter, Debezium's
 * JDBC sink connector) sinks {@code news.articles.by-country} into a real PostgreSQL. The worker and
 * connector settings are the files in {@code examples/connect/}, with this test's addresses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaConnectSinkIT {
    private static final Path REPO = Path.of("..");
    private static final Path README = REPO.resolve("README.md");
    private static final Path EXAMPLE = REPO.resolve("examples/connect");
    private static final String WORKER_PROPERTIES = "examples/connect/worker.properties";
    private static final String SINK_PROPERTIES = "examples/connect/postgres-sink.properties";
    private static final String TABLE = "news_articles_by_country";
    private static final Duration WORKER_TIMEOUT = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    private static LocalPostgres postgres;
    private static EmbeddedCluster cluster;
    private static EmbeddedRegistry registry;
    private static PipelineSettings registryMode;
    private static StreamsAppRunner pipeline;
    private static Process worker;
    private static Path workerLog;
    private static int workerPort;
    private static String connector;
    private static Instant ingestedFrom;

    @BeforeAll
    static void start() throws Exception {
        final Path bin = LocalPostgres.installed().orElse(null);
        if (bin == null) {
            ForeignTools.missing("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); install it with:"
                    + " apt-get install -y postgresql");
        }
        final long started = System.nanoTime();
        final Properties sink = load(SINK_PROPERTIES);
        connector = sink.getProperty("name");
        final String name = sink.getProperty("connection.url").replaceFirst(".*/", "");
        // The parts that wait on other processes start side by side; the worker needs the broker
        // and the database to start, the registry only once records come.
        final ExecutorService background = Executors.newFixedThreadPool(2);
        try {
            final Future<LocalPostgres> database = background.submit(() -> LocalPostgres.start(
                    bin, sink.getProperty("connection.username"), sink.getProperty("connection.password"), name));
            final Future<?> installed = background.submit(() -> {
                installWorker();
                return null;
            });
            cluster = new EmbeddedCluster(dataDir);
            postgres = database.get();
            installed.get();
        } finally {
            background.shutdownNow();
        }
        progress("broker, PostgreSQL and the worker's jars", started);
        final int registryPort = FreePorts.one();
        registryMode =
                cluster.settings().with(PipelineConfig.SCHEMA_REGISTRY_CONFIG, "http://127.0.0.1:" + registryPort);
        launchWorker(sink);
        registry = EmbeddedRegistry.start(dataDir, registryPort, System.err);
        progress("registry", started);
        pipeline = cluster.startPipeline(registryMode);
        progress("pipeline", started);
        awaitConnectorRunning();
        progress("connector", started);
    }

    /** What the setup took, in the test's log: the heavy parts are shared by the class. */
    private static void progress(final String part, final long started) {
        System.err.printf("%s ready after %.1f s%n", part, (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.destroy();
            try {
                if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                    worker.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                worker.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** The example worker is the pipeline's Kafka and reads with the pipeline's Apicurio serde line. */
    @Test
    @Order(1)
    void theExampleWorkerHasThePipelinesKafkaAndApicurioVersions() throws Exception {
        final String example = Files.readString(EXAMPLE.resolve("pom.xml"));
        final String root = Files.readString(REPO.resolve("pom.xml"));
        assertThat(property(example, "kafka.version")).isEqualTo(property(root, "kafka.version"));
        assertThat(property(example, "apicurio.version")).isEqualTo(property(root, "apicurio.version"));
    }

    @Test
    @Order(2)
    void theSinkWritesOneRowPerCountryAndArticleWithTheRecordsValues() throws Exception {
        ingestedFrom = Instant.now().minusSeconds(1);
        final CliRun ingest = CliRun.execute(
                "ingest",
                REPO.resolve("samples").toString(),
                "--bootstrap-servers",
                registryMode.bootstrapServers(),
                "--schema-registry",
                registry.url());
        assertThat(ingest.exitCode()).as("ingest: %s", ingest.err()).isZero();
        final List<String> ids =
                ingest.out().lines().map(line -> line.split("\t")[0]).toList();
        assertThat(ids).as("ingested: %s", ingest.err()).isNotEmpty();

        // What the publisher is to write: one record per country of each enriched article.
        final List<EnrichedArticle> enriched =
                cluster
                        .readUntil(
                                Topics.ENRICHED.name(), records -> keys(records).containsAll(ids))
                        .stream()
                        .map(record -> Topics.ENRICHED
                                .valueSerde(registryMode.valueFormat())
                                .deserializer()
                                .deserialize(record.topic(), record.value()))
                        .toList();
        final Set<List<String>> expected = new HashSet<>();
        enriched.forEach(article ->
                article.getCountries().forEach(country -> expected.add(List.of(country.getCode(), article.getId()))));
        cluster.readUntil(
                Topics.BY_COUNTRY.name(), records -> articleKeys(records).containsAll(expected));
        final Map<List<String>, CountryArticle> records = byCountry();
        assertThat(records.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        final List<CountryArticle> seed = records.values().stream()
                .filter(article -> article.getTitle().contains("Putin"))
                .toList();
        assertThat(seed).extracting(CountryArticle::getCode).contains("AM", "AZ", "RU", "TR", "IR", "US", "FR");

        awaitSinkCaughtUp();
        final Map<List<String>, JsonNode> rows = rows();
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(records.keySet());
        records.forEach((key, record) -> assertRowIs(rows.get(key), record));
        assertThat(primaryKey()).containsExactly("code", "article_id");
    }

    /** The replay writes every by-country record of the window again; the sink updates, never adds. */
    @Test
    @Order(3)
    void aReplayOfTheSameRangeUpdatesTheRowsInsteadOfAddingRows() throws Exception {
        assertThat(ingestedFrom).as("the articles were ingested").isNotNull();
        final int before = rows().size();
        final long replayedBefore = replayedByCountry();

        final CliRun replay = CliRun.execute(
                "replay",
                "--from",
                ingestedFrom.toString(),
                "--execute",
                "--bootstrap-servers",
                registryMode.bootstrapServers(),
                "--schema-registry",
                registry.url());
        assertThat(replay.exitCode()).as("replay: %s", replay.err()).isZero();
        // Committed, but a transaction's markers reach the partitions a moment later.
        final List<ConsumerRecord<byte[], byte[]>> replayed =
                cluster
                        .readUntil(Topics.BY_COUNTRY.name(), records -> replayed(records) - replayedBefore >= before)
                        .stream()
                        .filter(KafkaConnectSinkIT::replayed)
                        .toList();
        assertThat(replayed.size() - replayedBefore)
                .as("by-country records the replay wrote: %s", replay.out())
                .isEqualTo(before);

        awaitSinkCaughtUp();
        final Map<List<String>, JsonNode> rows = rows();
        assertThat(rows).hasSize(before);
        final Map<List<String>, CountryArticle> records = byCountry();
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(records.keySet());
        records.forEach((key, record) -> assertRowIs(rows.get(key), record));
    }

    private static void assertRowIs(final JsonNode row, final CountryArticle record) {
        assertThat(row)
                .as("the row of %s %s", record.getCode(), record.getArticleId())
                .isNotNull();
        assertThat(row.get("name").asText()).isEqualTo(record.getName());
        assertThat(row.get("url").isNull() ? null : row.get("url").asText()).isEqualTo(record.getUrl());
        assertThat(row.get("source").isNull() ? null : row.get("source").asText())
                .isEqualTo(record.getSource());
        assertThat(row.get("title").asText()).isEqualTo(record.getTitle());
        assertThat(
                        row.get("published_at_ms").isNull()
                                ? null
                                : row.get("published_at_ms").asLong())
                .isEqualTo(
                        record.getPublishedAt() == null
                                ? null
                                : record.getPublishedAt().toEpochMilli());
        assertThat(row.get("mentions").asInt()).isEqualTo(record.getMentions());
        assertThat(row.get("salience").asDouble()).isEqualTo(record.getSalience());
        assertThat(row.get("focus").asBoolean()).isEqualTo(record.getFocus());
        assertThat(row.get("tagger_version").asText()).isEqualTo(record.getTaggerVersion());
        assertThat(row.get("gazetteer_version").asText()).isEqualTo(record.getGazetteerVersion());
    }

    /** The committed by-country records, read as a read_committed consumer, the last one per (country, article). */
    private static Map<List<String>, CountryArticle> byCountry() {
        final Map<List<String>, CountryArticle> records = new LinkedHashMap<>();
        for (final ConsumerRecord<byte[], byte[]> record : cluster.readAll(Topics.BY_COUNTRY.name())) {
            final CountryArticle article = Topics.BY_COUNTRY
                    .valueSerde(registryMode.valueFormat())
                    .deserializer()
                    .deserialize(record.topic(), record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(article.getCode());
            records.put(List.of(article.getCode(), article.getArticleId()), article);
        }
        return records;
    }

    private static List<String> keys(final List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                .toList();
    }

    /** The (country, article) of each by-country record. */
    private static Set<List<String>> articleKeys(final List<ConsumerRecord<byte[], byte[]>> records) {
        final Set<List<String>> keys = new HashSet<>();
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            final CountryArticle article = Topics.BY_COUNTRY
                    .valueSerde(registryMode.valueFormat())
                    .deserializer()
                    .deserialize(record.topic(), record.value());
            keys.add(List.of(article.getCode(), article.getArticleId()));
        }
        return keys;
    }

    private static long replayedByCountry() {
        return replayed(cluster.readAll(Topics.BY_COUNTRY.name()));
    }

    private static long replayed(final List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(KafkaConnectSinkIT::replayed).count();
    }

    private static boolean replayed(final ConsumerRecord<byte[], byte[]> record) {
        return record.headers().lastHeader(Replay.REPLAYED_HEADER) != null;
    }

    /** The table's rows by (code, article_id), as PostgreSQL prints them in JSON. */
    private static Map<List<String>, JsonNode> rows() throws Exception {
        final String json = postgres.query("SELECT coalesce(json_agg(json_build_object("
                + "'code', code, 'article_id', article_id, 'name', name, 'url', url, 'source', source,"
                + " 'title', title, 'published_at_ms', (extract(epoch FROM published_at) * 1000)::bigint,"
                + " 'mentions', mentions, 'salience', salience, 'focus', focus,"
                + " 'tagger_version', tagger_version, 'gazetteer_version', gazetteer_version)), '[]') FROM "
                + TABLE);
        final Map<List<String>, JsonNode> rows = new LinkedHashMap<>();
        for (final JsonNode row : JSON.readTree(json)) {
            final List<String> key =
                    List.of(row.get("code").asText(), row.get("article_id").asText());
            assertThat(rows.put(key, row)).as("two rows for %s", key).isNull();
        }
        return rows;
    }

    private static List<String> primaryKey() throws Exception {
        final String columns =
                postgres.query("SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum))"
                        + " FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                        + " WHERE i.indrelid = '" + TABLE + "'::regclass AND i.indisprimary");
        return List.of(columns.split(","));
    }

    /**
     * Waits until the connector's consumer group has committed, on every partition of the topic,
     * the offset after its last committed record: every record is then in the table, since a sink
     * task commits only what it has written. (Not the partition's end offset: in a topic written
     * in transactions, the last offset is a transaction marker that no consumer is given.)
     */
    private static void awaitSinkCaughtUp() throws Exception {
        final Map<TopicPartition, Long> next = new LinkedHashMap<>();
        for (final ConsumerRecord<byte[], byte[]> record : cluster.readAll(Topics.BY_COUNTRY.name())) {
            next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        final String group = "connect-" + connector;
        final long deadline = System.nanoTime() + WORKER_TIMEOUT.toNanos();
        try (Admin admin = Clients.admin(cluster.settings())) {
            while (true) {
                final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get();
                final List<TopicPartition> behind = next.keySet().stream()
                        .filter(partition -> committed.get(partition) == null
                                || committed.get(partition).offset() < next.get(partition))
                        .toList();
                if (behind.isEmpty()) {
                    return;
                }
                assertThat(worker.isAlive())
                        .as("the Connect worker stopped; its log:\n%s", tail(workerLog))
                        .isTrue();
                failIfTaskFailed(status());
                if (System.nanoTime() > deadline) {
                    fail("the sink has not committed " + behind + " after " + WORKER_TIMEOUT + " (committed "
                            + committed
                            + ", records up to " + next + "); connector status " + status() + "; worker log:\n"
                            + tail(workerLog));
                }
                Thread.sleep(500);
            }
        }
    }

    /** The README's first command of the recipe: Maven fetches the worker and the plugins into target/. */
    private static void installWorker() throws Exception {
        final Path worker = EXAMPLE.resolve("target/worker");
        if (Files.isDirectory(worker)
                && Files.getLastModifiedTime(worker).compareTo(Files.getLastModifiedTime(EXAMPLE.resolve("pom.xml")))
                        > 0) {
            return;
        }
        final List<String> command =
                new ArrayList<>(ForeignTools.readmeCommand(README, "mvn -f examples/connect/pom.xml", Map.of()));
        command.add(1, "-B");
        final Process maven = new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .start();
        final String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(maven.waitFor()).as("%s: %s", command, output).isZero();
    }

    /**
     * The README's second command: the standalone worker with the example's settings, this test's
     * broker, registry, database and a free port for its REST API.
     */
    private static void launchWorker(final Properties sink) throws Exception {
        final Path connect = Files.createDirectories(dataDir.resolve("connect"));
        workerPort = FreePorts.one();
        final Properties settings = load(WORKER_PROPERTIES);
        replace(settings, "bootstrap.servers", registryMode.bootstrapServers());
        replace(
                settings,
                "value.converter.apicurio.registry.url",
                registryMode.valueFormat().registryApiUrl());
        replace(
                settings,
                "offset.storage.file.filename",
                connect.resolve("standalone.offsets").toString());
        replace(settings, "listeners", "http://127.0.0.1:" + workerPort);
        replace(sink, "connection.url", postgres.jdbcUrl());
        final Path workerFile = store(settings, connect.resolve("worker.properties"));
        final Path sinkFile = store(sink, connect.resolve("postgres-sink.properties"));

        final List<String> command = new ArrayList<>(ForeignTools.readmeCommand(
                README,
                "java -cp 'examples/connect/target/worker/*'",
                Map.of(
                        "java",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        WORKER_PROPERTIES,
                        workerFile.toString(),
                        SINK_PROPERTIES,
                        sinkFile.toString())));
        // Lighter on a shared 2-core machine: the worker lives for a minute or two.
        command.addAll(1, List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        workerLog = connect.resolve("worker.log");
        worker = new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workerLog.toFile())
                .start();
    }

    /** Waits until the connector and its task run. */
    private static void awaitConnectorRunning() throws Exception {
        final long deadline = System.nanoTime() + WORKER_TIMEOUT.toNanos();
        while (true) {
            assertThat(worker.isAlive())
                    .as("the Connect worker stopped; its log:\n%s", tail(workerLog))
                    .isTrue();
            final JsonNode status = status();
            failIfTaskFailed(status);
            if (status != null
                    && status.path("connector").path("state").asText().equals("RUNNING")
                    && status.path("tasks").path(0).path("state").asText().equals("RUNNING")) {
                return;
            }
            assertThat(System.nanoTime())
                    .as("the connector was not running after %s; worker log:\n%s", WORKER_TIMEOUT, tail(workerLog))
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static void failIfTaskFailed(final JsonNode status) {
        if (status != null
                && status.path("tasks").path(0).path("state").asText().equals("FAILED")) {
            fail("the connector's task failed: "
                    + status.path("tasks").path(0).path("trace").asText());
        }
    }

    /** The connector's status from the worker's REST API, or null while it has none. */
    private static JsonNode status() {
        try {
            final HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + workerPort + "/connectors/" + connector + "/status"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Properties load(final String file) throws IOException {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(REPO.resolve(file))) {
            properties.load(reader);
        }
        return properties;
    }

    /** Replaces a setting the example file has, so that the file cannot lose it unnoticed. */
    private static void replace(final Properties properties, final String key, final String value) {
        assertThat(properties).as("the example's settings").containsKey(key);
        properties.setProperty(key, value);
    }

    private static Path store(final Properties properties, final Path file) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "examples/connect, with the test's addresses");
        }
        return file;
    }

    private static String property(final String pom, final String name) {
        final Matcher matcher =
                Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(matcher.find()).as("<%s> in the pom", name).isTrue();
        return matcher.group(1).trim();
    }

    private static String tail(final Path file) {
        try {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
