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
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.pipeline.ops.FeedState;
import news.pipeline.ops.FeedStates;
import news.pipeline.ops.Replay;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.Cluster;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.ProcessorService;
import news.pipeline.runtime.RawArticleProducer;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.testkit.PoisonRecords;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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
    /** A feed URL with markup: the Feeds page must show it as text. */
    private static final String HOSTILE_FEED = "http://127.0.0.1:9/<script>document.title='pwned'</script>.xml";

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
        // The publisher runs in this process alone: once caught up, the console stops reading the topic back.
        browser.await(
                "the counts taken as the publisher here sends them",
                d -> browser.find("#country-legend").getText().contains("as the publisher here sends them")
                        ? true
                        : null);
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

    @Test
    @Order(8)
    void theFeedsPageShowsEachFeedsCrawlStateWithTheFailingOneMarkedAndItsUrlAsText() throws Exception {
        final long now = System.currentTimeMillis();
        final FeedState healthy = new FeedState(
                "http://127.0.0.1:9/feeds/world.xml",
                now - 30_000,
                200,
                "ok",
                null,
                0,
                "\"v7\"",
                null,
                now + 270_000,
                12);
        final FeedState failing = new FeedState(
                HOSTILE_FEED,
                now - 10_000,
                503,
                "http-503",
                "HTTP 503 from the feed's host",
                3,
                null,
                null,
                now + 120_000,
                0);
        // Encoded as the crawler's ledger writes them: one record per feed in news.crawl.seen.
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings())) {
            for (final FeedState state : List.of(healthy, failing)) {
                producer.send(new ProducerRecord<>(
                                Topics.CRAWL_SEEN.name(), FeedStates.key(state.url()), FeedStates.value(state)))
                        .get();
            }
        }
        browser.open(base + "#feeds");
        browser.awaitText("#feeds-summary", "2 feed(s), 1 failing"::equals, "both feeds counted, one failing");
        final List<WebElement> rows = browser.findAll("#feeds-list tr[data-feed]");
        assertThat(rows)
                .extracting(row ->
                        row.findElement(By.cssSelector("[data-field='url']")).getText())
                .as("failing feeds first, each URL shown as text")
                .containsExactly(HOSTILE_FEED, healthy.url());
        final WebElement bad = rows.get(0);
        assertThat(bad.getAttribute("class")).contains("failing");
        assertThat(bad.findElement(By.cssSelector("[data-field='state']")).getText())
                .isEqualTo("failing (3 in a row)");
        assertThat(bad.findElement(By.cssSelector("[data-field='status']")).getText())
                .isEqualTo("503");
        assertThat(bad.findElement(By.cssSelector("[data-field='detail']")).getText())
                .isEqualTo("HTTP 503 from the feed's host");
        final WebElement good = rows.get(1);
        assertThat(good.getAttribute("class")).doesNotContain("failing");
        assertThat(good.findElement(By.cssSelector("[data-field='state']")).getText())
                .isEqualTo("ok");
        assertThat(good.findElement(By.cssSelector("[data-field='last-poll']")).getText())
                .endsWith(" ago");
        assertThat(good.findElement(By.cssSelector("[data-field='next-poll']")).getText())
                .startsWith("in ");
        assertThat(good.findElement(By.cssSelector("[data-field='articles']")).getText())
                .isEqualTo("12");
        assertThat(good.findElement(By.cssSelector("[data-field='detail']")).getText())
                .isEqualTo("ETag \"v7\"");
        assertThat(browser.findAll("#feeds-list script, #feeds-list img"))
                .as("elements made from a feed's URL")
                .isEmpty();
        assertThat(browser.driver().getTitle()).isEqualTo("news-pipeline console");
        browser.screenshot("feeds");
        assertThat(browser.consoleErrors())
                .as("JavaScript errors on the Feeds page")
                .isEmpty();
    }

    @Test
    @Order(10)
    void onTheNetworkTheConsoleAsksForALoginAndWithoutConsoleActionsSaysSoAndRefusesThem() throws Exception {
        final PipelineSettings withLogin = clusterHandle
                .settings()
                .with(PipelineConfig.CONSOLE_USER_CONFIG, "ops")
                .with(PipelineConfig.CONSOLE_PASSWORD_CONFIG, "s3cret");
        // A process serving the console and no processors, on every address of the machine (not loopback).
        try (ProcessorService open =
                        ProcessorService.start(clusterHandle, List.of(), new InetSocketAddress("0.0.0.0", 0), true);
                Console guarded = Console.attach(
                                open,
                                withLogin,
                                ConsoleAccess.of(open.http().orElseThrow().address(), withLogin, false),
                                LAG_INTERVAL)
                        .orElseThrow()) {
            final int port = open.http().orElseThrow().address().getPort();
            final String page = "http://127.0.0.1:" + port + "/";
            final HttpClient http = HttpClient.newHttpClient();

            final HttpResponse<String> anonymous =
                    http.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Basic "));
            assertThat(anonymous.body()).doesNotContain("news-pipeline console");

            final HttpResponse<String> wrong = http.send(
                    HttpRequest.newBuilder(URI.create(page))
                            .header("Authorization", basic("ops:guess"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);

            final HttpResponse<String> loggedIn = http.send(
                    HttpRequest.newBuilder(URI.create(page))
                            .header("Authorization", basic("ops:s3cret"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(loggedIn.statusCode()).isEqualTo(200);
            assertThat(loggedIn.body()).contains("<title>news-pipeline console</title>");

            // Logged in, with a session and its token, but actions are off: both actions are refused.
            final String cookie =
                    loggedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            final HttpResponse<String> session = http.send(
                    HttpRequest.newBuilder(URI.create(page + "api/session"))
                            .header("Authorization", basic("ops:s3cret"))
                            .header("Cookie", cookie)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            final String token = session.body().replaceFirst("^.*\"csrf\":\"([^\"]+)\".*$", "$1");
            assertThat(token)
                    .as("the session's CSRF token in %s", session.body())
                    .doesNotContain("{");
            for (final String action : List.of("api/dead-letters/retry", "api/replay")) {
                final HttpResponse<String> refused = http.send(
                        HttpRequest.newBuilder(URI.create(page + action))
                                .header("Authorization", basic("ops:s3cret"))
                                .header("Cookie", cookie)
                                .header(Sessions.TOKEN_HEADER, token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"positions\":[\"0@0\"],\"from\":\"1d\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(action).isEqualTo(403);
                assertThat(refused.body()).as(action).contains("--console-actions");
            }

            // The browser answers the login prompt as a user would; the page says it is read only.
            browser.logIn(port, "ops", "s3cret");
            browser.open(page + "#dead-letters");
            browser.awaitText(
                    "#actions-note", text -> text.startsWith("read only"), "the header saying actions are off");
            assertThat(browser.text("#dlq-actions-note")).contains("--console-actions");
            assertThat(browser.find("#dlq-retry").isEnabled()).isFalse();
            assertThat(browser.consoleErrors())
                    .as("JavaScript errors on the read-only console")
                    .isEmpty();
        }
    }

    private static String basic(final String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
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
