package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.pipeline.clean.LanguageDetection;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.publisher.FanOutStep;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.streams.ProcessorApp;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessorWarmUpTest {
    /** Short: each test needs the steps to run, not to be compiled. */
    private static final String BUDGET_MS = "200";

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    @TempDir
    Path stateDir;

    @Test
    void aWarmUpCountsNothingInTheProcessorsMetrics() {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final PipelineMetrics metrics = new PipelineMetrics(registry);
        try (StreamsAppRunner runner =
                new StreamsAppRunner(Arrays.asList(ProcessorApp.values()), settings(BUDGET_MS), metrics)) {
            final List<String> metersBefore = meterIds(registry);

            final ProcessorWarmUp.Result result = runner.warmUp();

            assertThat(result.steps())
                    .as("articles each step ran in the warm-up")
                    .containsOnlyKeys(ProcessorApp.values())
                    .allSatisfy((processor, count) -> assertThat(count).isPositive());
            assertThat(result.texts()).isPositive();
            assertThat(result.pages()).isPositive();
            assertThat(meterIds(registry)).as("meters of the processors").isEqualTo(metersBefore);
            for (final String processor : List.of("cleaner", "tagger", "publisher")) {
                assertThat(metrics.count("news.pipeline.records.in", "processor", processor))
                        .as("%s records in", processor)
                        .isZero();
                assertThat(metrics.count("news.pipeline.records.out", "processor", processor))
                        .as("%s records out", processor)
                        .isZero();
                assertThat(metrics.processingTime(processor).count())
                        .as("%s records timed", processor)
                        .isZero();
            }
            assertThat(metrics.count("news.pipeline.articles.tagged")).isZero();
            assertThat(registry.find("news.pipeline.dead.letters").counters()).isEmpty();
        }
    }

    @Test
    void theStepsWriteTheSameBytesBeforeAndAfterAWarmUp() {
        final Map<String, String> settings = settings(BUDGET_MS);
        final List<RawArticle> articles = new ArrayList<>();
        // Other articles than the warm-up's own: a warm-up must leave no trace that a later article meets.
        for (final GeneratedNews.Story story : GeneratedNews.stories(6, 99)) {
            articles.add(RawArticle.newBuilder(ProcessorWarmUp.texts().get(0))
                    .setUrl("https://news.example/" + story.title().hashCode())
                    .setTitle(story.title())
                    .setContent(ByteBuffer.wrap(story.body().getBytes(StandardCharsets.UTF_8)))
                    .build());
        }
        for (final GeneratedNews.Page page : GeneratedNews.pages(3, 99, 20 * 1024, 80 * 1024)) {
            articles.add(RawArticle.newBuilder(ProcessorWarmUp.pages().get(0))
                    .setUrl("https://news.example/" + page.name())
                    .setContent(ByteBuffer.wrap(page.bytes()))
                    .build());
        }
        final PipelineSteps live = PipelineSteps.fromSettings(settings, PipelineMetrics.inMemory());
        final List<String> before = outputs(live, articles);

        new ProcessorWarmUp(Set.of(ProcessorApp.values()), settings).run(Duration.ofMillis(200));

        final List<String> after = outputs(live, articles);
        final List<String> fresh = outputs(PipelineSteps.fromSettings(settings, PipelineMetrics.inMemory()), articles);
        assertThat(after).as("the same steps after a warm-up").containsExactlyElementsOf(before);
        assertThat(fresh).as("new steps after a warm-up").containsExactlyElementsOf(before);
        assertThat(before).hasSizeGreaterThan(articles.size() * 2);
    }

    @Test
    void aBudgetOfZeroStillRunsTheFirstRoundWhichLoadsWhatTheStepsLoad() {
        try (StreamsAppRunner runner =
                new StreamsAppRunner(Arrays.asList(ProcessorApp.values()), settings("0"), PipelineMetrics.inMemory())) {
            final ProcessorWarmUp.Result result = runner.warmUp();
            assertThat(result.pages()).as("pages of the first round").isEqualTo(1);
            assertThat(result.texts()).as("texts of the first round").isEqualTo(ProcessorWarmUp.TEXTS_PER_PAGE);
            assertThat(LanguageDetection.profilesLoaded())
                    .as("the language profiles, which plain English texts never need")
                    .isTrue();
        }
    }

    @Test
    void eachProcessWarmsItsOwnStepsAndAPublisherAloneNeverLoadsTheGazetteer() {
        final Map<String, String> settings = settings(BUDGET_MS);
        final Duration budget = Duration.ofMillis(1);

        assertThat(new ProcessorWarmUp(Set.of(ProcessorApp.CLEANER), settings)
                        .run(budget)
                        .steps())
                .containsOnlyKeys(ProcessorApp.CLEANER);
        assertThat(new ProcessorWarmUp(Set.of(ProcessorApp.TAGGER), settings)
                        .run(budget)
                        .steps())
                .as("the tagger's input comes from the cleaner's step")
                .containsOnlyKeys(ProcessorApp.CLEANER, ProcessorApp.TAGGER);
        assertThat(new ProcessorWarmUp(Set.of(ProcessorApp.PUBLISHER), settings).run(budget))
                .isEqualTo(ProcessorWarmUp.Result.none());
    }

    private Map<String, String> settings(final String warmUpMs) {
        return Map.of(
                PipelineSettings.BOOTSTRAP_SERVERS,
                "127.0.0.1:9",
                StreamsConfig.STATE_DIR_CONFIG,
                stateDir.toString(),
                PipelineConfig.WARMUP_MS_CONFIG,
                warmUpMs);
    }

    /** Each article's records as the three steps write them (clean, enriched, each country's key and value), in Base64. */
    private static List<String> outputs(final PipelineSteps steps, final List<RawArticle> articles) {
        final AvroSerde<CleanArticle> clean = new AvroSerde<>(CleanArticle.class);
        final AvroSerde<EnrichedArticle> enriched = new AvroSerde<>(EnrichedArticle.class);
        final AvroSerde<CountryArticle> country = new AvroSerde<>(CountryArticle.class);
        final List<String> outputs = new ArrayList<>();
        int n = 0;
        for (final RawArticle raw : articles) {
            final String key = "a-" + n++;
            final CleanArticle cleaned = steps.clean().apply(key, raw);
            outputs.add(BASE64.encodeToString(clean.encode(cleaned)));
            final EnrichedArticle tagged = steps.enrich().apply(key, cleaned);
            outputs.add(BASE64.encodeToString(enriched.encode(tagged)));
            for (final CountryArticle view : steps.fanOut().apply(key, tagged)) {
                outputs.add(FanOutStep.keyOf(view));
                outputs.add(BASE64.encodeToString(country.encode(view)));
            }
        }
        return outputs;
    }

    private static List<String> meterIds(final SimpleMeterRegistry registry) {
        return registry.getMeters().stream()
                .map(Meter::getId)
                .filter(id -> id.getName().startsWith("news.pipeline"))
                .map(Object::toString)
                .sorted()
                .toList();
    }
}
