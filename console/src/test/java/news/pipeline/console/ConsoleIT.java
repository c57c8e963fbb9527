package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.pipeline.ops.Replay;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.Cluster;
import news.pipeline.runtime.ProcessorService;
import news.pipeline.runtime.RawArticleProducer;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.testkit.PoisonRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The console in a real browser (Debian's headless Chromium) against the whole pipeline on the
 * embedded broker, with the samples ingested. Each page must load with no JavaScript error in the
 * browser's log; a screenshot of each goes to target/console-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    /** Lag measured every second here, so that the page follows the test quickly. */
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);

    private static final String SEED_TITLE =
            "President Vladimir Putin “Very Concerned” By Armenian-Azerbaijani Clashes.";

    /** Markup that would run if the page inserted titles as HTML. */
    private static final String HOSTILE_TITLE =
            "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"> Border talks";

    @TempDir
    static Path dataDir;

    private static EmbeddedCluster cluster;
    private static Cluster clusterHandle;
    private static ProcessorService pipeline;
    private static Console console;
    private static Browser browser;
    private static String base;
    private static String seedId;
    private static String hostileId;

    @BeforeAll
    static void startPipelineConsoleAndBrowser() throws Exception {
        browser = Browser.start();
        cluster = new EmbeddedCluster(dataDir);
        clusterHandle = Cluster.open(cluster.settings(), dataDir, 0);
        pipeline = ProcessorService.start(
                clusterHandle, Arrays.asList(ProcessorApp.values()), new InetSocketAddress("127.0.0.1", 0), true);
        final InetSocketAddress address = pipeline.http().orElseThrow().address();
        console = Console.attach(
                        pipeline,
                        clusterHandle.settings(),
                        ConsoleAccess.of(address, cluster.settings(), true),
                        LAG_INTERVAL)
                .orElseThrow();
        base = console.url().toString();
        final List<ArticleFiles.Article> articles = new ArrayList<>(samples());
        seedId = articles.stream()
                .filter(article -> article.origin().contains("seed-article"))
                .findFirst()
                .orElseThrow()
                .id();
        final ArticleFiles.Article hostile = ArticleFiles.fromContent(
                (HOSTILE_TITLE + "\n\nArmenian and Azerbaijani officials met in Tbilisi.")
                        .getBytes(StandardCharsets.UTF_8),
                ArticleFormat.TEXT,
                null,
                "hostile-title");
        hostileId = hostile.id();
        articles.add(hostile);
        ingest(articles);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings())) {
            producer.send(PoisonRecords.record(PoisonRecords.Kind.NOT_AVRO, 1, 0))
                    .get();
        }
    }

    @AfterAll
    static void stopAll() {
        if (browser != null) {
            browser.close();
        }
        if (console != null) {
            console.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (clusterHandle != null) {
            clusterHandle.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void thePipelinePageShowsTheThreeProcessorsRunningAndCountingLive() {
        browser.open(base + "#pipeline");
        for (final ProcessorApp processor : ProcessorApp.values()) {
            browser.awaitText(
                    "[data-processor='" + processor.id() + "'] [data-field='state']",
                    "RUNNING"::equals,
                    processor.id() + " shown RUNNING");
        }
        // The page polls: the totals grow without a reload as the samples come through.
        browser.awaitText(
                "[data-processor='publisher'] [data-field='totals']",
                text -> !text.startsWith("0.0 /") && !text.startsWith("0 /"),
                "the publisher's records in counted on the page");
        assertThat(browser.text("[data-processor='tagger'] [data-field='instances']"))
                .isEqualTo("1");
        browser.screenshot("pipeline");
        assertThat(browser.consoleErrors())
                .as("JavaScript errors on the Pipeline page")
                .isEmpty();
    }

    @Test
    @Order(2)
    void theArticlesPageListsTheSeedArticleAndOpensItWithItsCountryMentionsMarked() {
        browser.open(base + "#articles");
        final String row = "#article-list tr[data-article='" + seedId + "']";
        browser.await("the seed article listed", d -> browser.findAll(row).isEmpty() ? null : true);
        assertThat(browser.text(row + " [data-field='title']")).isEqualTo(SEED_TITLE);
        browser.click(row + " button");
        browser.await(
                "the seed article's text shown with Armenian marked",
                d -> browser.findAll("#article-text mark").stream()
                                .anyMatch(mark -> mark.getText().equals("Armenian"))
                        ? true
                        : null);
        assertThat(browser.findAll("#article-countries tr[data-country]"))
                .extracting(row2 -> row2.getAttribute("data-country"))
                .contains("AM", "AZ", "RU", "TR", "IR", "US", "FR");
        browser.screenshot("articles");
        assertThat(browser.consoleErrors())
                .as("JavaScript errors on the Articles page")
                .isEmpty();
    }

    @Test
    @Order(3)
    void aTitleWithMarkupIsShownAsTextAndNeverRuns() {
        browser.open(base + "#articles");
        final String row = "#article-list tr[data-article='" + hostileId + "']";
        browser.await("the hostile article listed", d -> browser.findAll(row).isEmpty() ? null : true);
        assertThat(browser.text(row + " [data-field='title']")).isEqualTo(HOSTILE_TITLE);
        browser.click(row + " button");
        browser.awaitText("#article-title", HOSTILE_TITLE::equals, "the hostile title shown as text in the article");
        assertThat(browser.findAll(
                        "#article-list script, #article-list img, #article-detail script, #article-detail img"))
                .as("elements made from the title")
                .isEmpty();
        assertThat(browser.driver().getTitle()).isEqualTo("news-pipeline console");
        assertThat(browser.consoleErrors())
                .as("JavaScript errors with a hostile title")
                .isEmpty();
    }

    @Test
    @Order(4)
    void aDeadLetterRetriedFromThePageComesBackAsANewDeadLetterNamingTheFirst() {
        browser.open(base + "#dead-letters");
        final String malformed = "#dlq-list tr[data-position]";
        final String first = browser.await(
                "the malformed record listed as a dead letter",
                d -> browser.findAll(malformed).stream()
                        .filter(row -> row.getText().contains("MALFORMED_RECORD"))
                        .map(row -> row.getAttribute("data-position"))
                        .findFirst()
                        .orElse(null));
        browser.click("#dlq-list tr[data-position='" + first + "'] button.link");
        browser.awaitText("#dlq-preview", text -> text.contains("not avro #1"), "the original bytes previewed as text");
        browser.click("#dlq-list tr[data-position='" + first + "'] input[type=checkbox]");
        browser.click("#dlq-retry");
        browser.awaitText("#dlq-result", text -> text.startsWith("retried 1"), "the retry confirmed");
        browser.click("#dlq-filter button[type=submit]");
        browser.awaitText(
                "#dlq-list tr[data-position]:not([data-position='" + first + "']) [data-field='retry-of']",
                first::equals,
                "a new dead letter whose original carries news.retry-of=" + first);
        browser.screenshot("dead-letters");
        assertThat(browser.consoleErrors())
                .as("JavaScript errors on the Dead letters page")
                .isEmpty();
    }

    @Test
    @Order(5)
    void anActionWithoutThePagesTokenIsRefused() throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "api/dead-letters/retry"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"positions\":[\"0@0\"]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("CSRF");
    }

    @Test
    @Order(6)
    void theReplayPlanCountsWhatTheReplayCommandCountsAndExecutesWithAReport() {
        browser.open(base + "#replay");
        browser.find("#replay-form input[name=from]").sendKeys("1d");
        browser.click("#replay-form button[type=submit]");
        final String records = browser.awaitText(
                "#replay-plan-table [data-field='records']", text -> !text.isEmpty(), "the plan shown");
        final String window = browser.text("#replay-window");
        final Matcher fromTo = Pattern.compile("from (\\S+) to (\\S+)").matcher(window);
        assertThat(fromTo.find()).as("the plan's window in %s", window).isTrue();
        final Replay.Plan cli;
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(cluster.settings())) {
            // What the replay command prints as TOTAL for the same window.
            cli = Replay.plan(consumer, Instant.parse(fromTo.group(1)), Instant.parse(fromTo.group(2)));
        }
        assertThat(Long.parseLong(records)).isEqualTo(cli.records()).isPositive();

        browser.click("#replay-execute");
        final String report = browser.awaitText(
                "#replay-status", text -> text.contains(" done in ") || text.contains("failed"), "the replay's report");
        assertThat(report).contains("read " + cli.records() + " raw records");
        browser.screenshot("replay");
        assertThat(browser.consoleErrors())
                .as("JavaScript errors on the Replay page")
                .isEmpty();
    }

    @Test
    @Order(7)
    void theMapColoursTheSeedArticlesCountriesAndAmListsItWithArmenianMarked() {
        browser.open(base + "#countries");
        for (final String code : List.of("AM", "AZ", "RU", "TR", "IR", "US", "FR")) {
            browser.await(code + " coloured on the map", d -> {
                final String count = d.findElement(By.cssSelector("#world-map path[data-code='" + code + "']"))
                        .getAttribute("data-count");
                return count != null && Integer.parseInt(count) > 0 ? count : null;
            });
            assertThat(browser.find("#world-map path[data-code='" + code + "']").getAttribute("fill"))
                    .as("%s's colour", code)
                    .isNotEqualTo("#d0d5dd");
        }
        assertThat(browser.find("#world-map path[data-code='BR']").getAttribute("fill"))
                .as("a country no article involves stays grey")
                .isEqualTo("#d0d5dd");
        browser.click("#world-map path[data-code='AM']");
        final String seed = "#country-articles li[data-article='" + seedId + "']";
        browser.await(
                "the seed article listed under AM", d -> browser.findAll(seed).isEmpty() ? null : true);
        browser.screenshot("countries");
        browser.click(seed + " button");
        browser.await(
                "the seed article opened with Armenian marked",
                d -> browser.findAll("#article-text mark").stream()
                                .anyMatch(mark -> mark.getText().equals("Armenian"))
                        ? true
                        : null);
        assertThat(browser.driver().getCurrentUrl()).endsWith("#articles");
        assertThat(browser.consoleErrors())
                .as("JavaScript errors on the Countries page")
                .isEmpty();
    }

    @Test
    @Order(9)
    void theLagPageShowsZeroAfterCatchUpAndAPositiveLagWithTheTaggerStopped() throws Exception {
        cluster.awaitCaughtUp(Arrays.asList(ProcessorApp.values()));
        browser.open(base + "#lag");
        final String tagger = "[data-application='news-pipeline-tagger'] [data-field='records']";
        browser.awaitText(tagger, "0"::equals, "the tagger's lag shown as 0 after catch-up");
        browser.awaitText(
                "[data-application='news-pipeline-cleaner'] [data-field='records']",
                "0"::equals,
                "the cleaner's lag shown as 0 after catch-up");

        assertThat(browser.findAll("#lag-partitions tbody td"))
                .as("partitions with no committed offset")
                .anySatisfy(cell -> assertThat(cell.getText()).isEqualTo("—"));

        pipeline.runner().streams().get(ProcessorApp.TAGGER).close();
        ingest(List.of(ArticleFiles.fromContent(
                "Talks in Yerevan\n\nArmenian and French ministers met in Yerevan on Monday."
                        .getBytes(StandardCharsets.UTF_8),
                ArticleFormat.TEXT,
                null,
                "lag-probe")));
        final String behind = browser.awaitText(
                tagger, text -> !text.equals("0") && !text.isEmpty(), "a positive lag with the tagger stopped");
        assertThat(Long.parseLong(behind.replace("~", ""))).isPositive();
        browser.screenshot("lag");
        assertThat(browser.consoleErrors())
                .as("JavaScript errors on the Lag page")
                .isEmpty();
    }

    private static List<ArticleFiles.Article> samples() throws Exception {
        final List<ArticleFiles.Article> articles = new ArrayList<>();
        for (final Path file : ArticleFiles.expand(Path.of("..", "samples"))) {
            articles.addAll(ArticleFiles.read(file).requireAll());
        }
        return articles;
    }

    private static void ingest(final List<ArticleFiles.Article> articles) throws InterruptedException {
        try (RawArticleProducer producer = new RawArticleProducer(cluster.settings())) {
            assertThat(producer.send(articles))
                    .allSatisfy(sent -> assertThat(sent.error()).isNull());
        }
    }
}
