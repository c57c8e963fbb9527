package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import news.pipeline.ids.ArticleIds;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.RawArticleProducer;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.CountryTag;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.testkit.ForeignTools;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients the project did not write, against the real pipeline on the embedded broker: Debian's
 * {@code kcat} produces JSON raw articles, and a Python consumer (Debian's python3-confluent-kafka and
 * python3-avro) decodes the enriched records with nothing but the {@code .avsc} files. Outside CI a
 * missing tool skips its test, with the reason and the command that installs it; in CI (the
 * {@code CI} environment variable set, as {@code .ci/run} does) it fails the build.
 */
class ForeignClientsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> SEED_COUNTRIES = List.of("AM", "AZ", "RU", "TR", "IR", "US", "FR");
    private static final String SEED_TITLE =
            "President Vladimir Putin “Very Concerned” By Armenian-Azerbaijani Clashes.";
    private static final Path REPO = Path.of("..");
    private static final Path README = REPO.resolve("README.md");
    /** Debian's python3 with its packages, not another one earlier on the PATH. */
    private static final String PYTHON = "/usr/bin/python3";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @TempDir
    Path work;

    private static EmbeddedCluster cluster;
    private static PipelineSettings settings;
    private static StreamsAppRunner pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        cluster = new EmbeddedCluster(dataDir);
        settings = cluster.settings();
        pipeline = cluster.startPipeline();
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void jsonArticlesProducedWithKcatComeOutEnrichedAndBadJsonIsDeadLettered() throws Exception {
        ForeignTools.require("kcat", "apt-get install -y kcat", "kcat", "-V");
        final String seedKey = "kcat-seed-" + UUID.randomUUID();
        final ObjectNode seed = JSON.createObjectNode()
                .put("id", seedKey)
                .put("url", "https://www.azatutyun.am/a/putin-very-concerned-by-armenian-azerbaijani-clashes.html")
                .put("source", "kcat-test")
                .put("language", "en")
                .put("text", Files.readString(REPO.resolve("samples/seed-article.txt")));
        final List<String> feed = Files.readAllLines(REPO.resolve("samples/feed-items.jsonl"));
        // What a crawler writes for kcat: the key, a tab, the JSON object, one record a line.
        final Path articles = work.resolve("articles.tsv");
        Files.write(
                articles,
                List.of(
                        seedKey + "\t" + JSON.writeValueAsString(seed),
                        "kcat-feed-0\t" + feed.get(0),
                        "kcat-feed-1\t" + feed.get(1),
                        "kcat-no-content\t{\"url\": \"https://news.example/empty\"}",
                        "kcat-malformed\t{\"url\": \"https://news.example/broken\", \"text\": "));

        // The README's command, as a user types it; its input redirection is this file.
        final List<String> command = ForeignTools.readmeCommand(
                README, "kcat -P ", Map.of(PipelineSettings.DEFAULT_BOOTSTRAP_SERVERS, settings.bootstrapServers()));
        assertThat(command).endsWith("<", "articles.tsv");
        final Process kcat = new ProcessBuilder(command.subList(0, command.size() - 2))
                .redirectInput(articles.toFile())
                .redirectErrorStream(true)
                .start();
        final boolean exited = kcat.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        final String kcatOutput = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("kcat exited: %s", kcatOutput).isTrue();
        assertThat(kcat.exitValue()).as("kcat: %s", kcatOutput).isZero();

        final List<String> enrichedKeys = List.of(seedKey, "kcat-feed-0", "kcat-feed-1");
        final List<ConsumerRecord<byte[], byte[]>> enriched = cluster.readUntil(
                Topics.ENRICHED.name(), records -> keys(records).containsAll(enrichedKeys));
        final EnrichedArticle article = decoded(enriched, seedKey);
        assertThat(article.getTitle()).isEqualTo(SEED_TITLE);
        assertThat(article.getUrl()).isEqualTo(seed.get("url").asText());
        assertThat(article.getSource()).isEqualTo("kcat-test");
        assertThat(article.getCountries().stream().map(CountryTag::getCode).toList())
                .containsAll(SEED_COUNTRIES);
        assertThat(decoded(enriched, "kcat-feed-1").getTitle())
                .isEqualTo("Fiji and Tonga to lay a second undersea internet cable");

        final List<ConsumerRecord<byte[], byte[]>> dead = cluster.readUntil(
                Topics.DEAD_LETTER.name(),
                records -> keys(records).containsAll(List.of("kcat-no-content", "kcat-malformed")));
        assertThat(deadLetter(dead, "kcat-no-content").getReason()).isEqualTo(DeadLetterReason.INVALID_JSON_ARTICLE);
        assertThat(deadLetter(dead, "kcat-no-content").getMessage())
                .isEqualTo("a JSON article needs \"html\" or \"text\"");
        assertThat(deadLetter(dead, "kcat-malformed").getReason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(deadLetter(dead, "kcat-malformed").getMessage()).startsWith("not valid JSON at line 1, column ");
        assertThat(pipeline.allRunning()).isTrue();
    }

    @Test
    void thePythonReaderDecodesEnrichedRecordsWithOnlyTheAvscFiles() throws Exception {
        ForeignTools.require(
                "python3-confluent-kafka and python3-avro",
                "apt-get install -y python3-confluent-kafka python3-avro",
                PYTHON,
                "-c",
                "import confluent_kafka, avro");
        final byte[] text = Files.readAllBytes(REPO.resolve("samples/seed-article.txt"));
        final ArticleFiles.Article seed = ArticleFiles.fromContent(text, ArticleFormat.TEXT, null, "seed");
        try (RawArticleProducer producer = new RawArticleProducer(settings)) {
            assertThat(producer.send(List.of(seed)))
                    .allSatisfy(sent -> assertThat(sent.error()).isNull());
        }
        cluster.readUntil(Topics.ENRICHED.name(), records -> keys(records).contains(seed.id()));

        // The README's command, as a user types it, from the repository's root.
        final Path stdout = work.resolve("python.out");
        final Path stderr = work.resolve("python.err");
        final List<String> command = new ArrayList<>(ForeignTools.readmeCommand(
                README,
                PYTHON + " examples/python/read_enriched.py",
                Map.of(PipelineSettings.DEFAULT_BOOTSTRAP_SERVERS, settings.bootstrapServers())));
        // A group of its own, so that what an earlier run committed does not hide the seed.
        command.addAll(List.of("--group", "python-it-" + UUID.randomUUID()));
        final Process python = new ProcessBuilder(command)
                .directory(REPO.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        final boolean exited = python.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            python.destroyForcibly();
        }
        final String errors = Files.readString(stderr);
        assertThat(exited)
                .as("the reader stopped once idle; stderr: %s", errors)
                .isTrue();
        assertThat(python.exitValue()).as("stderr: %s", errors).isZero();

        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(stdout)) {
            lines.add(JSON.readTree(line));
        }
        final JsonNode article = lines.stream()
                .filter(line -> line.get("key").asText().equals(seed.id()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the seed is not among " + lines));
        assertThat(article.get("title").asText()).isEqualTo(SEED_TITLE);
        final List<String> countries = new ArrayList<>();
        article.get("countries").forEach(code -> countries.add(code.asText()));
        assertThat(countries).containsAll(SEED_COUNTRIES);
        assertThat(article.get("focus")).isNotEmpty();
    }

    @Test
    void ingestSendsTheGoodLinesReportsEachBadOneAndExitsNonZero() throws Exception {
        final Path feed = work.resolve("feed.jsonl");
        Files.writeString(
                feed,
                "{\"id\": \"ingest-good-1\", \"text\": \"Chile and Peru signed a trade deal in Lima on Tuesday.\"}\n"
                        + "{bad\n"
                        + "{\"id\": \"ingest-good-2\", \"text\": \"Norway and Germany chose a route for a hydrogen"
                        + " pipeline.\"}\n");
        final Path page = work.resolve("page.html.gz");
        Files.write(
                page,
                gzip("<html><head><title>Fiji and Tonga lay a cable</title><link rel=\"canonical\""
                        + " href=\"https://news.example/ingest-gz\"></head><body><p>Fiji and Tonga agreed on"
                        + " Monday to lay a second undersea internet cable between their islands.</p></body></html>"));
        final Path broken = work.resolve("broken.json");
        Files.writeString(broken, "{\"url\": \"https://news.example/no-content\"}");

        final CliRun ingest = CliRun.execute(
                "ingest",
                feed.toString(),
                broken.toString(),
                page.toString(),
                "--bootstrap-servers",
                settings.bootstrapServers());

        assertThat(ingest.exitCode()).isEqualTo(1);
        assertThat(ingest.err().lines())
                .containsExactly(
                        "not ingested: " + feed + ":2: not valid JSON, column 2: Unexpected character ('b' (code"
                                + " 98)): was expecting double-quote to start field name",
                        "not ingested: " + broken + ": a JSON article needs \"html\" or \"text\"",
                        "ingested 3 article(s) into news.articles.raw; 2 failed");
        assertThat(ingest.out().lines()).hasSize(3);
        final String gzipId = ArticleIds.fromUrl("https://news.example/ingest-gz");
        final List<ConsumerRecord<byte[], byte[]>> enriched = cluster.readUntil(
                Topics.ENRICHED.name(),
                records -> keys(records).containsAll(List.of("ingest-good-1", "ingest-good-2", gzipId)));
        assertThat(decoded(enriched, gzipId).getTitle()).isEqualTo("Fiji and Tonga lay a cable");
    }

    private static List<String> keys(final List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(record -> record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8))
                .toList();
    }

    private static EnrichedArticle decoded(final List<ConsumerRecord<byte[], byte[]>> records, final String key) {
        return Topics.ENRICHED
                .valueSerde()
                .get()
                .deserializer()
                .deserialize(Topics.ENRICHED.name(), record(records, key));
    }

    private static DeadLetter deadLetter(final List<ConsumerRecord<byte[], byte[]>> records, final String key) {
        return Topics.DEAD_LETTER
                .valueSerde()
                .get()
                .deserializer()
                .deserialize(Topics.DEAD_LETTER.name(), record(records, key));
    }

    private static byte[] record(final List<ConsumerRecord<byte[], byte[]>> records, final String key) {
        return records.stream()
                .filter(record -> record.key() != null && new String(record.key(), StandardCharsets.UTF_8).equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record with key " + key))
                .value();
    }

    private static byte[] gzip(final String text) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
