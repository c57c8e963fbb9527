package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.EmbeddedRegistry;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.RawArticleProducer;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.serde.ValueSerde;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.testkit.ForeignTools;
import news.pipeline.testkit.FreePorts;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry mode on a real broker and a real Apicurio Registry (the one {@code --schema-registry
 * embedded} starts): values go out in the Confluent wire format, both framings are read on the
 * same topic, an unknown schema id is a dead letter, a registry that is down stops nothing for
 * good, and its schemas survive its restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryModeIT {
    @TempDir
    static Path dataDir;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path REPO = Path.of("..");
    /** Debian's python3 with its packages, not another one earlier on the PATH. */
    private static final String PYTHON = "/usr/bin/python3";
    /** The addresses the README's recipes use, replaced by the test's own. */
    private static final String README_BROKER = "127.0.0.1:9092";

    private static final String README_REGISTRY = "http://127.0.0.1:8081/apis/ccompat/v7";
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(120);

    private static EmbeddedCluster cluster;
    private static int registryPort;
    private static EmbeddedRegistry registry;
    private static PipelineSettings registryMode;
    private static StreamsAppRunner pipeline;

    @BeforeAll
    static void start() throws Exception {
        cluster = new EmbeddedCluster(dataDir);
        registryPort = FreePorts.one();
        registry = EmbeddedRegistry.start(dataDir, registryPort, System.err);
        registryMode = cluster.settings().with(PipelineConfig.SCHEMA_REGISTRY_CONFIG, registry.confluentApiUrl());
        pipeline = cluster.startPipeline(registryMode);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theSeedComesOutInTheConfluentWireFormatUnderTopicNameSubjects() throws Exception {
        final ArticleFiles.Article seed = seed("registry-seed");
        send(registryMode, seed);

        final ConsumerRecord<byte[], byte[]> enriched = awaitKey(Topics.ENRICHED.name(), seed.id());
        assertThat(enriched.value()[0]).isEqualTo(ValueSerde.REGISTRY_MAGIC);
        final EnrichedArticle article = decode(enriched);
        assertThat(article.getCountries()).extracting(tag -> tag.getCode()).contains("AM", "AZ", "RU");

        // A Confluent client finds the writer schema by the id in the record, under the topic's subject.
        final long id = ValueSerde.schemaId(enriched.value());
        assertThat(get("/schemas/ids/" + id)).contains("EnrichedArticle");
        assertThat(get("/subjects"))
                .contains(
                        "news.articles.raw-value",
                        "news.articles.clean-value",
                        "news.articles.enriched-value",
                        "news.articles.by-country-value",
                        "news.articles.dead-letter-value");
        assertThat(get("/config/news.articles.enriched-value")).contains("BACKWARD");
        final ConsumerRecord<byte[], byte[]> country = awaitKey(Topics.BY_COUNTRY.name(), "AM");
        assertThat(country.value()[0]).isEqualTo(ValueSerde.REGISTRY_MAGIC);
    }

    @Test
    @Order(2)
    void singleObjectAndRegistryFramedRecordsOnTheSameTopicBothComeThrough() throws Exception {
        final ArticleFiles.Article plain = seed("framing-single-object");
        final ArticleFiles.Article framed = seed("framing-registry");
        send(cluster.settings(), plain);
        send(registryMode, framed);

        final ConsumerRecord<byte[], byte[]> rawPlain = awaitKey(Topics.RAW.name(), plain.id());
        final ConsumerRecord<byte[], byte[]> rawFramed = awaitKey(Topics.RAW.name(), framed.id());
        assertThat(rawPlain.value()[0]).isEqualTo((byte) 0xC3);
        assertThat(rawFramed.value()[0]).isEqualTo(ValueSerde.REGISTRY_MAGIC);
        assertThat(decode(awaitKey(Topics.ENRICHED.name(), plain.id())).getId()).isEqualTo(plain.id());
        assertThat(decode(awaitKey(Topics.ENRICHED.name(), framed.id())).getId())
                .isEqualTo(framed.id());
    }

    /** The README's Python recipe in registry mode: Debian's packages, the writer schemas from the registry. */
    @Test
    @Order(3)
    void thePythonReaderDecodesRegistryFramedEnrichedRecords() throws Exception {
        ForeignTools.require(
                "python3-confluent-kafka and python3-avro",
                "apt-get install -y python3-confluent-kafka python3-avro",
                PYTHON,
                "-c",
                "import confluent_kafka, avro");
        final List<JsonNode> lines = runReadme(PYTHON + " examples/python/read_enriched.py --schema-registry");
        final String seedId = seed("registry-seed").id();
        final JsonNode seed = lines.stream()
                .filter(line -> line.get("key").asText().equals(seedId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the seed is not among " + lines));
        assertThat(seed.get("title").asText()).contains("Putin");
        assertThat(codes(seed.get("countries"))).contains("AM", "AZ", "RU", "TR", "IR", "US", "FR");
    }

    /** The README's Node recipe: kafkajs and @kafkajs/confluent-schema-registry, enriched and by-country. */
    @Test
    @Order(4)
    void theNodeReaderDecodesRegistryFramedEnrichedAndByCountryRecords() throws Exception {
        ForeignTools.require("node and npm", "apt-get install -y nodejs npm", "npm", "--version");
        final Path node = REPO.resolve("examples/node");
        if (!Files.isDirectory(node.resolve("node_modules"))) {
            final Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(node.toFile())
                    .redirectErrorStream(true)
                    .start();
            final String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(install.waitFor()).as("npm ci: %s", output).isZero();
        }
        final List<JsonNode> lines = runReadme("node examples/node/read_registry.js");
        final String seedId = seed("registry-seed").id();
        final JsonNode enriched = lines.stream()
                .filter(line -> line.get("topic").asText().equals(Topics.ENRICHED.name()))
                .filter(line -> line.get("key").asText().equals(seedId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the enriched seed is not among " + lines));
        assertThat(enriched.get("title").asText()).contains("Putin");
        assertThat(codes(enriched.get("countries"))).contains("AM", "AZ", "RU");
        final List<String> seedCountries = lines.stream()
                .filter(line -> line.get("topic").asText().equals(Topics.BY_COUNTRY.name()))
                .filter(line -> line.get("article_id").asText().equals(seedId))
                .map(line -> {
                    assertThat(line.get("key").asText())
                            .isEqualTo(line.get("code").asText());
                    return line.get("code").asText();
                })
                .toList();
        assertThat(seedCountries).containsExactlyInAnyOrderElementsOf(codes(enriched.get("countries")));
    }

    @Test
    @Order(5)
    void aSchemaIdTheRegistryDoesNotHaveIsAnUnknownSchemaDeadLetter() throws Exception {
        final byte[] value = ByteBuffer.allocate(9)
                .put(ValueSerde.REGISTRY_MAGIC)
                .putInt(987_654)
                .putInt(42)
                .array();
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings())) {
            producer.send(new ProducerRecord<>(Topics.RAW.name(), bytes("unknown-id"), value))
                    .get();
        }
        final DeadLetter letter = deadLetter("unknown-id");
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
        assertThat(letter.getMessage()).contains("987654");
        assertThat(letter.getProcessor()).isEqualTo("cleaner");
        assertThat(pipeline.allRunning()).isTrue();
    }

    @Test
    @Order(6)
    void anUnreachableRegistryAtStartupIsOneLineAndAFailingExitCode() throws Exception {
        final String nowhere = "http://127.0.0.1:" + FreePorts.one();
        final CliRun run = assertTimeoutPreemptively(
                Duration.ofMinutes(3),
                () -> CliRun.execute(
                        "run",
                        "--bootstrap-servers",
                        cluster.settings().bootstrapServers(),
                        "--schema-registry",
                        nowhere,
                        "--http-address",
                        "none",
                        "--data-dir",
                        dataDir.resolve("unreachable").toString()),
                "run started without a registry");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .hasLineCount(1)
                .contains("schema registry")
                .contains("127.0.0.1");
    }

    /**
     * A new pipeline that has yet to look its schemas up meets a registry that is down: it retries
     * the records instead of dead-lettering them, and they come through once the registry is back,
     * restarted on the same data, where the records written before it stopped are still readable.
     */
    @Test
    @Order(7)
    void withTheRegistryDownRecordsWaitAndAfterItsRestartEverythingIsReadable() throws Exception {
        pipeline.close();
        pipeline = cluster.startPipeline(registryMode);
        registry.close();

        final ArticleFiles.Article waiting = seed("while-registry-down");
        // Single-object: the producer needs no registry; the processors' output does.
        send(cluster.settings(), waiting);
        Thread.sleep(8_000);
        assertThat(keysOf(Topics.ENRICHED.name())).doesNotContain(waiting.id());

        registry = EmbeddedRegistry.start(dataDir, registryPort, System.err);
        assertThat(decode(awaitKey(Topics.ENRICHED.name(), waiting.id())).getId())
                .isEqualTo(waiting.id());
        // Written before the restart, with the ids the registry gave then.
        assertThat(decode(awaitKey(Topics.ENRICHED.name(), seed("registry-seed").id()))
                        .getTitle())
                .contains("Putin");
        assertThat(keysOf(Topics.DEAD_LETTER.name())).doesNotContain(waiting.id());
    }

    /**
     * A registry whose subject holds a version the pipeline's schema cannot read (another writer's,
     * registered before the pipeline's first start): run refuses to start, in one line.
     */
    @Test
    @Order(8)
    void aSchemaTheRegistryRefusesAsIncompatibleStopsTheStartNamingSubjectAndField() throws Exception {
        final Path otherData = dataDir.resolve("other-registry");
        try (EmbeddedRegistry other = EmbeddedRegistry.start(otherData, FreePorts.one(), System.err)) {
            // Its second field, url, is a number where the pipeline's CleanArticle has an optional string.
            final String incompatible =
                    "{\"type\":\"record\",\"name\":\"CleanArticle\",\"namespace\":\"news.pipeline.schema\","
                            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"url\",\"type\":\"long\"}]}";
            assertThat(postVersion(other, "news.articles.clean-value", incompatible))
                    .isEqualTo(200);

            final CliRun run = assertTimeoutPreemptively(
                    Duration.ofMinutes(3),
                    () -> CliRun.execute(
                            "run",
                            "--bootstrap-servers",
                            cluster.settings().bootstrapServers(),
                            "--schema-registry",
                            other.confluentApiUrl(),
                            "--http-address",
                            "none",
                            "--data-dir",
                            otherData.toString()),
                    "run started although the registry refuses its schema");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err().strip())
                    .hasLineCount(1)
                    .contains("news.articles.clean-value")
                    .contains("'url'");
        }
    }

    /**
     * Runs the README's command line that starts with the given text, from the repository's root,
     * with the test's broker and registry for the README's addresses and a consumer group of its
     * own; returns the JSON lines it printed.
     */
    private static List<JsonNode> runReadme(final String start) throws Exception {
        final List<String> command = new ArrayList<>(ForeignTools.readmeCommand(
                REPO.resolve("README.md"),
                start,
                Map.of(
                        README_BROKER,
                        cluster.settings().bootstrapServers(),
                        README_REGISTRY,
                        registry.confluentApiUrl())));
        command.addAll(List.of("--group", "registry-it-" + UUID.randomUUID()));
        final Path stdout = dataDir.resolve("client-" + UUID.randomUUID() + ".out");
        final Path stderr = dataDir.resolve("client-" + UUID.randomUUID() + ".err");
        final Process process = new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        final boolean exited = process.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        final String errors = Files.readString(stderr);
        // What the client said, in the test's log: a reader that printed nothing says why here.
        System.err.println(start + ": stderr: " + errors);
        assertThat(exited).as("%s stopped once idle; stderr: %s", start, errors).isTrue();
        assertThat(process.exitValue()).as("%s; stderr: %s", start, errors).isZero();
        final List<JsonNode> lines = new ArrayList<>();
        for (final String printed : Files.readAllLines(stdout)) {
            lines.add(JSON.readTree(printed));
        }
        return lines;
    }

    private static List<String> codes(final JsonNode array) {
        final List<String> codes = new ArrayList<>();
        array.forEach(code -> codes.add(code.asText()));
        return codes;
    }

    private static ArticleFiles.Article seed(final String id) throws Exception {
        final byte[] seed = Files.readAllBytes(Path.of("..", "samples", "seed-article.txt"));
        // A URL of its own, hence an id of its own: the same text with another URL is another article.
        return ArticleFiles.fromContent(seed, ArticleFormat.TEXT, "https://news.example/" + id, id);
    }

    private static void send(final PipelineSettings settings, final ArticleFiles.Article article) throws Exception {
        try (RawArticleProducer producer = new RawArticleProducer(settings)) {
            assertThat(producer.send(List.of(article)))
                    .allSatisfy(sent -> assertThat(sent.error()).isNull());
        }
    }

    private static ConsumerRecord<byte[], byte[]> awaitKey(final String topic, final String key) {
        return cluster.readUntil(topic, records -> records.stream().anyMatch(r -> key.equals(keyOf(r)))).stream()
                .filter(r -> key.equals(keyOf(r)))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> keysOf(final String topic) {
        return cluster.readAll(topic).stream().map(RegistryModeIT::keyOf).toList();
    }

    private static String keyOf(final ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static EnrichedArticle decode(final ConsumerRecord<byte[], byte[]> record) {
        return Topics.ENRICHED
                .valueSerde(registryMode.valueFormat())
                .deserializer()
                .deserialize(record.topic(), record.value());
    }

    private static DeadLetter deadLetter(final String key) {
        final ConsumerRecord<byte[], byte[]> record = awaitKey(Topics.DEAD_LETTER.name(), key);
        return Topics.DEAD_LETTER
                .valueSerde(registryMode.valueFormat())
                .deserializer()
                .deserialize(record.topic(), record.value());
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String get(final String path) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(registry.confluentApiUrl() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("GET %s: %s", path, response.body())
                .isEqualTo(200);
        return response.body();
    }

    private static int postVersion(final EmbeddedRegistry registry, final String subject, final String schema)
            throws Exception {
        final String body = "{\"schema\":" + JSON.writeValueAsString(schema) + "}";
        final HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(registry.confluentApiUrl() + "/subjects/" + subject + "/versions"))
                                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
