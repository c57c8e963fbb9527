package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.ValueFormat;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import news.pipeline.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enrich} against the pipeline: the same samples through the cleaner's and the tagger's real
 * topologies (under TopologyTestDriver) give the records {@code enrich} prints.
 */
class EnrichCommandTest {
    /** The samples the demo ingests (Maven runs tests in the module folder). */
    private static final Path SAMPLES = Path.of("..", "samples");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SETTINGS = Map.of();

    @Test
    void shouldGiveTheCountriesAndFocusThePipelineGivesForEverySample() throws IOException {
        final Map<String, EnrichedArticle> pipeline = new LinkedHashMap<>();
        for (final KeyValue<String, EnrichedArticle> record :
                throughThePipeline(samples()).enriched()) {
            pipeline.put(record.key, record.value);
        }
        final CliRun run = CliRun.execute("enrich", SAMPLES.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        final Map<String, JsonNode> printed = new LinkedHashMap<>();
        run.out()
                .lines()
                .map(EnrichCommandTest::parse)
                .forEach(node -> printed.put(node.get("id").asText(), node));
        assertThat(printed.keySet()).hasSizeGreaterThanOrEqualTo(4).isEqualTo(pipeline.keySet());
        for (final Map.Entry<String, EnrichedArticle> entry : pipeline.entrySet()) {
            final JsonNode record = printed.get(entry.getKey());
            assertThat(strings(record.get("focus")))
                    .as(entry.getKey())
                    .isEqualTo(entry.getValue().getFocus());
            final List<String> countries = new ArrayList<>();
            record.get("countries")
                    .forEach(country -> countries.add(country.get("code").asText() + " "
                            + country.get("salience").asDouble() + " "
                            + country.get("mentions").asInt()));
            assertThat(countries)
                    .as(entry.getKey())
                    .isNotEmpty()
                    .isEqualTo(entry.getValue().getCountries().stream()
                            .map(country ->
                                    country.getCode() + " " + country.getSalience() + " " + country.getMentions())
                            .toList());
        }
    }

    @Test
    void shouldTellAnArticleThePipelineDeadLettersWithTheSameReasonInOneLine(@TempDir final Path dir)
            throws IOException {
        final Path page = dir.resolve("menu-only.html");
        Files.writeString(page, "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav></body></html>");
        final Flow flow = throughThePipeline(ArticleFiles.read(page).requireAll());
        assertThat(flow.enriched()).isEmpty();
        assertThat(flow.deadLetters()).hasSize(1);
        final DeadLetter letter = flow.deadLetters().get(0);

        assertEnrichTellsInOneLine(page, letter);
    }

    /** enrich fails on the page and tells, in one line on stderr, the dead letter the pipeline gave it. */
    private static void assertEnrichTellsInOneLine(final Path page, final DeadLetter letter) {
        final CliRun run = CliRun.execute("enrich", page.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList())
                .containsExactly("dead letter: " + page + ": " + letter.getReason() + " (" + letter.getProcessor()
                        + "): " + letter.getMessage());
    }

    /** jsoup 1.24.1 fails on this nesting at the cleaner's depth limit: a processing error, told in one line as well. */
    @Test
    void shouldTellAPageTheCleanerFailsOnAsTheProcessorsDeadLetterIt(@TempDir final Path dir) throws IOException {
        final Path page = dir.resolve("too-deep.html");
        Files.writeString(page, "<html><body><nav><b><i></nav>" + "<div>".repeat(253) + "<span>z</span></body></html>");
        final Flow flow = throughThePipeline(ArticleFiles.read(page).requireAll());
        assertThat(flow.deadLetters()).hasSize(1);
        final DeadLetter letter = flow.deadLetters().get(0);
        assertThat(letter.getReason()).hasToString("PROCESSING_ERROR");

        assertEnrichTellsInOneLine(page, letter);
    }

    @Test
    void shouldJudgeArticlesWithTheSettingsItIsGivenAsTheProcessorsWould(@TempDir final Path dir) throws IOException {
        final Path seed = SAMPLES.resolve("seed-article.txt");
        final Path config = dir.resolve("pipeline.properties");
        Files.writeString(config, "news.pipeline.cleaner.max.content.bytes=1024\n");

        final CliRun fromFile = CliRun.execute("enrich", "--config", config.toString(), seed.toString());
        final CliRun fromFlag =
                CliRun.execute("enrich", "--set", "news.pipeline.cleaner.max.content.bytes=1024", seed.toString());
        final CliRun defaults = CliRun.execute("enrich", seed.toString());

        assertThat(fromFile.exitCode()).isEqualTo(1);
        assertThat(fromFile.out()).isEmpty();
        assertThat(fromFile.err()).startsWith("dead letter: " + seed + ": OVERSIZED (cleaner): ");
        assertThat(fromFlag.err()).isEqualTo(fromFile.err());
        assertThat(defaults.exitCode()).isZero();
        assertThat(CliRun.execute(
                                "enrich",
                                "--config",
                                dir.resolve("missing.properties").toString(),
                                seed.toString())
                        .err())
                .contains("config file not found");
    }

    @Test
    void shouldExplainTheSeedArticlesCountriesAndRejectedCandidates() throws IOException {
        final Path seed = SAMPLES.resolve("seed-article.txt");
        final CliRun text = CliRun.execute("enrich", "--explain", seed.toString());
        final CliRun json = CliRun.execute("enrich", "--explain", "--json", seed.toString());

        assertThat(text.exitCode()).isZero();
        assertThat(text.out())
                .contains("AM Armenia  salience 1.000  focus", "+0.400  title", "rejected:")
                .containsPattern("\"Minsk\" +BY .*inside a longer name.*OSCE Minsk Group");
        final JsonNode node = parse(json.out().strip());
        assertThat(strings(node.get("record").get("focus"))).contains("AM", "AZ");
        final JsonNode armenia = node.get("explanation").get("countries").get(0);
        double sum = 0;
        for (final JsonNode term : armenia.get("contributions")) {
            sum += term.get("amount").asDouble();
        }
        assertThat(sum).isCloseTo(armenia.get("salience").asDouble(), within(1e-9));
    }

    private static List<ArticleFiles.Article> samples() throws IOException {
        final List<ArticleFiles.Article> articles = new ArrayList<>();
        for (final Path file : ArticleFiles.expand(SAMPLES)) {
            articles.addAll(ArticleFiles.read(file).requireAll());
        }
        return articles;
    }

    private record Flow(List<KeyValue<String, EnrichedArticle>> enriched, List<DeadLetter> deadLetters) {}

    /** The articles as ingest sends them, through the cleaner's topology, then its output through the tagger's. */
    private static Flow throughThePipeline(final List<ArticleFiles.Article> articles) {
        final ValueFormat format = ValueFormat.fromSettings(SETTINGS);
        final List<DeadLetter> deadLetters = new ArrayList<>();
        final List<KeyValue<String, CleanArticle>> clean;
        try (TopologyTestDriver cleaner = driver(ProcessorApp.CLEANER)) {
            final TestInputTopic<String, RawArticle> raw = cleaner.createInputTopic(
                    Topics.RAW.name(),
                    new StringSerializer(),
                    Topics.RAW.valueSerde(format).serializer());
            for (final ArticleFiles.Article article : articles) {
                raw.pipeInput(article.id(), article.raw());
            }
            clean = output(
                            cleaner,
                            Topics.CLEAN.name(),
                            Topics.CLEAN.valueSerde(format).deserializer())
                    .readKeyValuesToList();
            deadLetters.addAll(deadLetters(cleaner));
        }
        try (TopologyTestDriver tagger = driver(ProcessorApp.TAGGER)) {
            final Serializer<CleanArticle> serializer =
                    Topics.CLEAN.valueSerde(format).serializer();
            final TestInputTopic<String, CleanArticle> input =
                    tagger.createInputTopic(Topics.CLEAN.name(), new StringSerializer(), serializer);
            clean.forEach(record -> input.pipeInput(record.key, record.value));
            final List<KeyValue<String, EnrichedArticle>> enriched = output(
                            tagger,
                            Topics.ENRICHED.name(),
                            Topics.ENRICHED.valueSerde(format).deserializer())
                    .readKeyValuesToList();
            deadLetters.addAll(deadLetters(tagger));
            return new Flow(enriched, deadLetters);
        }
    }

    private static TopologyTestDriver driver(final ProcessorApp processor) {
        final PipelineMetrics metrics = PipelineMetrics.inMemory();
        final Properties props = StreamsSettings.forProcessor(processor, SETTINGS, metrics);
        props.put("bootstrap.servers", "unused:9092");
        // the driver's mock producer loses what a handler returns under exactly-once (see TopologyHarness)
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        return new TopologyTestDriver(processor.topology(PipelineSteps.fromSettings(SETTINGS, metrics)), props);
    }

    private static <V> TestOutputTopic<String, V> output(
            final TopologyTestDriver driver, final String topic, final Deserializer<V> values) {
        return driver.createOutputTopic(topic, new StringDeserializer(), values);
    }

    private static List<DeadLetter> deadLetters(final TopologyTestDriver driver) {
        return output(driver, Topics.DEAD_LETTER.name(), new AvroSerde<>(DeadLetter.class).deserializer())
                .readValuesToList();
    }

    private static JsonNode parse(final String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static List<String> strings(final JsonNode array) {
        final List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
