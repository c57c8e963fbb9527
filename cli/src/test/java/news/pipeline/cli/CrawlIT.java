package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import news.pipeline.ids.ArticleIds;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.testkit.NewsPages;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crawl --once} from the command line against a web site on loopback and a real broker,
 * with the processors running: each article is produced once and comes out enriched, a restart
 * produces nothing new, robots.txt and the per-host delay hold, and bad input is counted and
 * passed by.
 */
class CrawlIT {
    private static final Duration DELAY = Duration.ofMillis(300);

    @TempDir
    static Path dataDir;

    private static EmbeddedCluster cluster;
    private static StreamsAppRunner pipeline;
    private static LoopbackSite site;

    @BeforeAll
    static void start() throws Exception {
        cluster = new EmbeddedCluster(dataDir);
        pipeline = cluster.startPipeline();
        site = new LoopbackSite();
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static CliRun crawl(final String... args) {
        final List<String> all = new ArrayList<>(
                List.of("crawl", "--bootstrap-servers", cluster.settings().bootstrapServers()));
        if (!List.of(args).contains("--status")) {
            all.add("--once");
        }
        all.addAll(List.of(args));
        return CliRun.execute(all.toArray(String[]::new));
    }

    static byte[] page(final int n) {
        return NewsPages.SMALL.article(n).getContent().array();
    }

    static String rss(final String language, final String... items) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Example</title>"
                + "<link>http://example.test/</link><description>d</description><language>" + language
                + "</language>" + String.join("", items) + "</channel></rss>";
    }

    static String item(final String title, final String link) {
        return "<item><title>" + title + "</title><link>" + link + "</link>"
                + "<pubDate>Tue, 01 Dec 2026 09:30:00 GMT</pubDate></item>";
    }

    /** The raw records whose source is one of the feeds, by key. */
    static Map<String, List<RawArticle>> rawFrom(final String... feeds) throws Exception {
        final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
        final List<String> wanted = List.of(feeds);
        return cluster.readAllSettled(Topics.RAW.name()).stream()
                .map(record ->
                        Map.entry(new String(record.key(), StandardCharsets.UTF_8), serde.decode(record.value())))
                .filter(entry -> wanted.contains(entry.getValue().getSource()))
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    @Test
    void twoFeedsProduceEachArticleOnceObeyRobotsAndTheDelayAndARestartProducesNothingNew() throws Exception {
        site.clearRequests();
        final String robots = "User-agent: *\nDisallow: /private/\n";
        site.page("/robots.txt", "text/plain", robots);
        for (int n = 1; n <= 4; n++) {
            site.page("/news/a" + n + ".html", "text/html; charset=utf-8", page(n));
        }
        site.page("/private/secret.html", "text/html", page(9));
        final String rssUrl = site.url("127.0.0.1", "/feeds/rss.xml");
        final String atomUrl = site.url("localhost", "/feeds/atom.xml");
        final String rss = rss(
                "en-GB",
                item("First story", site.url("127.0.0.1", "/news/a1.html")),
                item("Second story", site.url("127.0.0.1", "/news/a2.html?utm_source=rss")),
                item("Secret", site.url("127.0.0.1", "/private/secret.html")));
        site.on("/feeds/rss.xml", exchange -> {
            if ("\"rss-1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                LoopbackSite.send(exchange, 304, null, new byte[0]);
                return;
            }
            exchange.getResponseHeaders().set("ETag", "\"rss-1\"");
            LoopbackSite.send(exchange, 200, "application/rss+xml", rss.getBytes(StandardCharsets.UTF_8));
        });
        final String atom = "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                + "<title>Other</title><id>urn:x</id><updated>2026-12-01T10:00:00Z</updated>"
                + "<entry><title>Second again</title><id>urn:2</id><updated>2026-12-01T10:00:00Z</updated>"
                + "<link href=\"" + site.url("127.0.0.1", "/news/a2.html") + "\"/></entry>"
                + "<entry><title>Third story</title><id>urn:3</id><updated>2026-12-01T10:00:00Z</updated>"
                + "<link href=\"" + site.url("localhost", "/news/a3.html") + "\"/></entry>"
                + "<entry><title>Fourth story</title><id>urn:4</id><updated>2026-12-01T10:00:00Z</updated>"
                + "<link href=\"" + site.url("localhost", "/news/a4.html") + "\"/></entry></feed>";
        site.page("/feeds/atom.xml", "application/atom+xml", atom);

        final CliRun first = crawl("--feeds", rssUrl, atomUrl, "--delay", "0.3", "--contact", "ops@example.test");

        assertThat(first.exitCode()).as(first.err()).isZero();
        final Map<String, List<RawArticle>> raw = rawFrom(rssUrl, atomUrl);
        final List<String> expected = List.of(
                ArticleIds.fromUrl(site.url("127.0.0.1", "/news/a1.html")),
                ArticleIds.fromUrl(site.url("127.0.0.1", "/news/a2.html")),
                ArticleIds.fromUrl(site.url("localhost", "/news/a3.html")),
                ArticleIds.fromUrl(site.url("localhost", "/news/a4.html")));
        assertThat(raw.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(raw.values()).allSatisfy(records -> assertThat(records).hasSize(1));
        final RawArticle firstStory = raw.get(expected.get(0)).get(0);
        assertThat(firstStory.getTitle()).isEqualTo("First story");
        assertThat(firstStory.getLanguage()).isEqualTo("en-GB");
        assertThat(firstStory.getPublishedAt()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
        assertThat(firstStory.getContentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(firstStory.getUrl()).isEqualTo(site.url("127.0.0.1", "/news/a1.html"));

        // robots.txt: the disallowed page was never asked for.
        assertThat(site.count("/private/secret.html")).isZero();
        assertThat(first.err()).contains("robots-disallowed");
        // The User-Agent names the crawler and the contact.
        assertThat(site.requests())
                .allSatisfy(request -> assertThat(request.header("User-Agent"))
                        .startsWith("news-pipeline/")
                        .contains("ops@example.test"));
        // One request at a time per host, at least the delay apart (the server's own clock).
        for (final String host : List.of("127.0.0.1", "localhost")) {
            final List<Long> arrivals = site.requests().stream()
                    .filter(request -> request.host().equals(host))
                    .map(LoopbackSite.Request::arrivedNanos)
                    .sorted()
                    .toList();
            assertThat(arrivals).hasSizeGreaterThan(2);
            for (int i = 1; i < arrivals.size(); i++) {
                assertThat(Duration.ofNanos(arrivals.get(i) - arrivals.get(i - 1)))
                        .as("requests to %s", host)
                        .isGreaterThanOrEqualTo(DELAY.minusMillis(5));
            }
        }

        // Each comes out of the pipeline enriched.
        final List<ConsumerRecord<byte[], byte[]>> enriched = cluster.readUntil(
                Topics.ENRICHED.name(),
                records -> records.stream()
                                .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                                .filter(expected::contains)
                                .distinct()
                                .count()
                        == expected.size());
        final AvroSerde<EnrichedArticle> enrichedSerde = new AvroSerde<>(EnrichedArticle.class);
        assertThat(enriched.stream()
                        .filter(record -> expected.contains(new String(record.key(), StandardCharsets.UTF_8)))
                        .map(record -> enrichedSerde.decode(record.value()).getText()))
                .allSatisfy(text -> assertThat(text).isNotBlank());

        // A restart: nothing new is produced, and the feed is asked for conditionally.
        site.clearRequests();
        final CliRun second = crawl("--feeds", rssUrl, atomUrl, "--delay", "0.3");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).isEmpty();
        assertThat(rawFrom(rssUrl, atomUrl).values())
                .allSatisfy(records -> assertThat(records).hasSize(1));
        assertThat(site.requests().stream()
                        .filter(request -> request.path().equals("/feeds/rss.xml"))
                        .map(request -> request.header("If-None-Match")))
                .containsExactly("\"rss-1\"");
        assertThat(site.requests()).noneMatch(request -> request.path().startsWith("/news/"));

        // The feeds' state is visible.
        final CliRun status = crawl("--status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains(rssUrl).contains("not-modified").contains(atomUrl);
    }

    @Test
    void twoCrawlersAtOnceProduceEachArticleOnce() throws Exception {
        site.page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
        final List<String> items = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        for (int n = 20; n < 30; n++) {
            site.page("/twice/a" + n + ".html", "text/html", page(n));
            items.add(item("Story " + n, site.url("127.0.0.1", "/twice/a" + n + ".html")));
            ids.add(ArticleIds.fromUrl(site.url("127.0.0.1", "/twice/a" + n + ".html")));
        }
        final String feed = site.url("127.0.0.1", "/twice/feed.xml");
        site.page("/twice/feed.xml", "application/rss+xml", rss("en", items.toArray(String[]::new)));

        site.clearRequests();
        final List<CliRun> runs = new ArrayList<>();
        final Thread other = new Thread(() -> {
            final CliRun run = crawl("--feeds", feed, "--delay", "0.05");
            synchronized (runs) {
                runs.add(run);
            }
        });
        other.start();
        final CliRun mine = crawl("--feeds", feed, "--delay", "0.05");
        other.join();
        runs.add(mine);

        // The one that started second fences the first, which stops with one line; each article is there once.
        assertThat(runs)
                .allSatisfy(run -> assertThat(run.exitCode()).as(run.err()).isIn(0, 1));
        assertThat(runs)
                .filteredOn(run -> run.exitCode() == 1)
                .allSatisfy(run -> assertThat(run.err()).contains("took over"));
        final Map<String, List<RawArticle>> raw = rawFrom(feed);
        assertThat(raw.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(raw.values()).allSatisfy(records -> assertThat(records).hasSize(1));
    }

    @Test
    void badFeedsAndPagesAreCountedAndTheCrawlGoesOn() throws Exception {
        site.clearRequests();
        site.page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
        site.page("/bad/not-xml", "text/plain", "Service temporarily unavailable");
        site.page("/bad/not-a-feed.xml", "text/xml", "<?xml version=\"1.0\"?><html><body>hello</body></html>");
        site.page("/bad/good.html", "text/html", page(40));
        site.page("/bad/huge.html", "text/html", new byte[2 * 1024 * 1024]);
        site.on("/bad/loop-a", exchange -> LoopbackSite.redirect(exchange, "/bad/loop-b"));
        site.on("/bad/loop-b", exchange -> LoopbackSite.redirect(exchange, "/bad/loop-a"));
        for (int n = 0; n < 10; n++) {
            final int next = n + 1;
            site.on("/bad/hop" + n, exchange -> LoopbackSite.redirect(exchange, "/bad/hop" + next));
        }
        site.silent("/bad/silent.html");
        site.page("/bad/report.pdf", "application/pdf", "%PDF-1.7 ...");
        site.page("/bad/photo.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        // A page whose header names a charset its bytes are not in: fetched as it is, the cleaner decodes it.
        site.page(
                "/bad/wrong-charset.html",
                "text/html; charset=utf-8",
                "<html lang=de><body><article><h1>Zürich</h1>"
                        .concat("<p>" + "Der Gemeinderat hat am Dienstag über die neue Brücke beraten. ".repeat(8)
                                + "</p>")
                        .concat("</article></body></html>")
                        .getBytes(StandardCharsets.ISO_8859_1));
        final AtomicInteger flaky = new AtomicInteger();
        site.on("/bad/flaky.html", exchange -> {
            if (flaky.getAndIncrement() == 0) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                LoopbackSite.send(exchange, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
            } else {
                LoopbackSite.send(exchange, 200, "text/html", page(41));
            }
        });
        final String[] links = {
            "/bad/good.html",
            "/bad/huge.html",
            "/bad/loop-a",
            "/bad/hop0",
            "/bad/silent.html",
            "/bad/report.pdf",
            "/bad/photo.png",
            "/bad/wrong-charset.html",
            "/bad/flaky.html"
        };
        final List<String> items = new ArrayList<>();
        for (final String link : links) {
            items.add(item(link, site.url("127.0.0.1", link)));
        }
        // A 10 MB feed: one good link and a very long description.
        final String tenMegabytes = rss("en", item("Big", site.url("127.0.0.1", "/bad/good.html")))
                .replace("<description>d</description>", "<description>" + "x".repeat(10_000_000) + "</description>");
        site.page("/bad/big-feed.xml", "application/rss+xml", tenMegabytes);
        // Latin-1 bytes that the server calls UTF-8: the document's own declaration wins.
        final byte[] wrongCharsetFeed = rss("fr", items.toArray(String[]::new))
                .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                .replace("<title>Example</title>", "<title>Zürich</title>")
                .getBytes(StandardCharsets.ISO_8859_1);
        site.page("/bad/links.xml", "application/rss+xml; charset=utf-8", wrongCharsetFeed);

        final CliRun run = crawl(
                "--feeds",
                site.url("127.0.0.1", "/bad/not-xml"),
                site.url("127.0.0.1", "/bad/not-a-feed.xml"),
                site.url("127.0.0.1", "/bad/missing.xml"),
                site.url("127.0.0.1", "/bad/big-feed.xml"),
                site.url("127.0.0.1", "/bad/links.xml"),
                "--delay",
                "0",
                "--timeout",
                "2",
                "--max-page-mib",
                "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err())
                .contains("feed-not-xml")
                .contains("feed-not-a-feed")
                .contains("http-status")
                .contains("too-large")
                .contains("redirect-loop")
                .contains("too-many-redirects")
                .contains("timeout")
                .contains("not-html");
        final Map<String, List<RawArticle>> raw =
                rawFrom(site.url("127.0.0.1", "/bad/big-feed.xml"), site.url("127.0.0.1", "/bad/links.xml"));
        assertThat(raw.keySet())
                .containsExactlyInAnyOrder(
                        ArticleIds.fromUrl(site.url("127.0.0.1", "/bad/good.html")),
                        ArticleIds.fromUrl(site.url("127.0.0.1", "/bad/wrong-charset.html")),
                        ArticleIds.fromUrl(site.url("127.0.0.1", "/bad/flaky.html")));
        assertThat(raw.values()).allSatisfy(records -> assertThat(records).hasSize(1));
        // Bounded: the 503 was retried once, the silent page asked once, the loop broken at once, the hops at five.
        assertThat(site.count("/bad/flaky.html")).isEqualTo(2);
        assertThat(site.count("/bad/silent.html")).isEqualTo(1);
        assertThat(site.count("/bad/loop-a")).isEqualTo(1);
        assertThat(site.count("/bad/hop6")).isZero();
    }

    @Test
    void linksToPrivateAddressesFromAFeedNotOnOneAreNotFetched() throws Exception {
        site.clearRequests();
        site.page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
        site.page("/ssrf/internal.html", "text/html", page(50));
        // A feed file, as if downloaded from the public internet, pointing into this machine's network.
        final Path feed = dataDir.resolve("public-feed.xml");
        Files.writeString(feed, rss("en", item("Internal", site.url("127.0.0.1", "/ssrf/internal.html"))));

        final CliRun refused = crawl("--feeds", feed.toString(), "--delay", "0");

        assertThat(refused.exitCode()).as(refused.err()).isZero();
        assertThat(refused.err()).contains("private-address");
        assertThat(site.count("/ssrf/internal.html")).isZero();
        assertThat(rawFrom(feed.toString())).isEmpty();

        final CliRun allowed = crawl("--feeds", feed.toString(), "--delay", "0", "--allow-private-network");

        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(site.count("/ssrf/internal.html")).isEqualTo(1);
        assertThat(rawFrom(feed.toString())).hasSize(1);
    }

    @Test
    void aSitemapIndexLeadsToItsNewsSitemapAndGzippedSitemap() throws Exception {
        site.clearRequests();
        site.page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
        site.page("/maps/n1.html", "text/html", page(60));
        site.page("/maps/p1.html", "text/html", page(61));
        site.page(
                "/maps/index.xml",
                "application/xml",
                "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                        + "<sitemap><loc>" + site.url("127.0.0.1", "/maps/news.xml") + "</loc></sitemap>"
                        + "<sitemap><loc>" + site.url("127.0.0.1", "/maps/pages.xml.gz") + "</loc></sitemap>"
                        + "</sitemapindex>");
        site.page(
                "/maps/news.xml",
                "application/xml",
                "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
                        + " xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>"
                        + site.url("127.0.0.1", "/maps/n1.html") + "</loc><news:news><news:publication>"
                        + "<news:name>Example</news:name><news:language>de</news:language></news:publication>"
                        + "<news:publication_date>2026-12-01T08:00:00Z</news:publication_date>"
                        + "<news:title>Brücke</news:title></news:news></url></urlset>");
        final ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>"
                            + site.url("127.0.0.1", "/maps/p1.html") + "</loc></url></urlset>")
                    .getBytes(StandardCharsets.UTF_8));
        }
        site.page("/maps/pages.xml.gz", "application/gzip", gzipped.toByteArray());
        final String index = site.url("127.0.0.1", "/maps/index.xml");

        final CliRun run = crawl("--feeds", index, "--delay", "0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final Map<String, List<RawArticle>> raw = rawFrom(index);
        assertThat(raw.keySet())
                .containsExactlyInAnyOrder(
                        ArticleIds.fromUrl(site.url("127.0.0.1", "/maps/n1.html")),
                        ArticleIds.fromUrl(site.url("127.0.0.1", "/maps/p1.html")));
        final RawArticle news = raw.get(ArticleIds.fromUrl(site.url("127.0.0.1", "/maps/n1.html")))
                .get(0);
        assertThat(news.getTitle()).isEqualTo("Brücke");
        assertThat(news.getLanguage()).isEqualTo("de");
        assertThat(news.getPublishedAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void runningContinuouslyItServesItsMetrics() throws Exception {
        site.clearRequests();
        site.page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
        site.page("/live/1.html", "text/html", page(70));
        site.page("/live/doc.pdf", "application/pdf", "%PDF");
        final String feed = site.url("127.0.0.1", "/live/feed.xml");
        site.page(
                "/live/feed.xml",
                "application/rss+xml",
                rss(
                        "en",
                        item("One", site.url("127.0.0.1", "/live/1.html")),
                        item("Doc", site.url("127.0.0.1", "/live/doc.pdf"))));
        site.page("/live/failing.xml", "text/plain", "not a feed");
        final PipedReader errReader = new PipedReader();
        final PrintWriter err = new PrintWriter(new PipedWriter(errReader), true);
        final Thread crawler = new Thread(() -> NewsPipeline.commandLine()
                .setOut(new PrintWriter(new StringWriter(), true))
                .setErr(err)
                .execute(
                        "crawl",
                        "--bootstrap-servers",
                        cluster.settings().bootstrapServers(),
                        "--feeds",
                        feed,
                        site.url("127.0.0.1", "/live/failing.xml"),
                        "--delay",
                        "0",
                        "--http-address",
                        "127.0.0.1:0"));
        crawler.start();
        try {
            final BufferedReader lines = new BufferedReader(errReader);
            String line = lines.readLine();
            while (line != null && !line.contains("/metrics on http://")) {
                line = lines.readLine();
            }
            assertThat(line).isNotNull();
            final URI metricsUri = URI.create(line.replaceFirst(".*/metrics on (http://[^;]+);.*", "$1") + "/metrics");
            // Drain the rest of the crawler's messages, so that it never blocks writing them.
            final Thread drain = new Thread(() -> {
                try {
                    while (lines.readLine() != null) {
                        // discarded
                    }
                } catch (IOException e) {
                    // the crawler has stopped
                }
            });
            drain.setDaemon(true);
            drain.start();
            final HttpClient client = HttpClient.newHttpClient();
            String metrics = "";
            final long deadline = System.nanoTime() + EmbeddedCluster.TIMEOUT.toNanos();
            while (!metrics.contains("news_pipeline_crawl_articles_total 1.0")
                    || !metrics.contains("news_pipeline_crawl_feeds_failing 1.0")) {
                assertThat(System.nanoTime()).as(metrics).isLessThan(deadline);
                Thread.sleep(200);
                metrics = client.send(HttpRequest.newBuilder(metricsUri).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
            }
            assertThat(metrics)
                    .contains("news_pipeline_crawl_fetches_total{kind=\"page\",status=\"2xx\"}")
                    .contains("news_pipeline_crawl_bytes_total")
                    .contains("news_pipeline_crawl_skipped_total{reason=\"not-html\"} 1.0");
        } finally {
            crawler.interrupt();
            crawler.join(EmbeddedCluster.TIMEOUT.toMillis());
        }
        assertThat(crawler.isAlive()).isFalse();
    }

    @Test
    void aChangedArticleIsProducedAgainOnlyWhenAsked() throws Exception {
        site.clearRequests();
        site.page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n");
        site.page("/changed/story.html", "text/html", page(80));
        final String feed = site.url("127.0.0.1", "/changed/feed.xml");
        site.page(
                "/changed/feed.xml",
                "application/rss+xml",
                rss("en", item("Story", site.url("127.0.0.1", "/changed/story.html"))));
        final String id = ArticleIds.fromUrl(site.url("127.0.0.1", "/changed/story.html"));
        assertThat(crawl("--feeds", feed, "--delay", "0").exitCode()).isZero();
        site.page("/changed/story.html", "text/html", page(81));

        assertThat(crawl("--feeds", feed, "--delay", "0").exitCode()).isZero();
        assertThat(site.count("/changed/story.html")).isEqualTo(1);
        assertThat(rawFrom(feed).get(id)).hasSize(1);

        assertThat(crawl("--feeds", feed, "--delay", "0", "--refetch-changed").exitCode())
                .isZero();
        assertThat(rawFrom(feed).get(id)).hasSize(2);
        // Unchanged since: fetched again, not produced again.
        assertThat(crawl("--feeds", feed, "--delay", "0", "--refetch-changed").exitCode())
                .isZero();
        assertThat(site.count("/changed/story.html")).isEqualTo(3);
        assertThat(rawFrom(feed).get(id)).hasSize(2);
    }
}
