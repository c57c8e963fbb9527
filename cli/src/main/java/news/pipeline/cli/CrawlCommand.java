package news.pipeline.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import news.pipeline.ops.FeedState;
import news.pipeline.runtime.OpsServer;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.sources.Backoff;
import news.pipeline.sources.CrawlFencedException;
import news.pipeline.sources.CrawlLedger;
import news.pipeline.sources.CrawlMetrics;
import news.pipeline.sources.CrawlSettings;
import news.pipeline.sources.Crawler;
import news.pipeline.sources.FeedSource;
import news.pipeline.sources.Fetcher;
import news.pipeline.sources.HostPacer;
import news.pipeline.sources.Robots;
import news.pipeline.topics.Topics;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Polls feeds and sitemaps and produces each new article once. */
@Command(
        name = "crawl",
        mixinStandardHelpOptions = true,
        description = {
            "Polls RSS, Atom, Google News sitemaps, sitemaps and sitemap indexes, fetches each new article page and"
                    + " produces it to " + Topics.RAW_NAME
                    + ", once: what was produced is remembered in news.crawl.seen.",
            "Polite: obeys robots.txt, one request at a time per host with --delay between them, conditional GETs on"
                    + " feeds, retries with backoff on 429 and 5xx. Links to private network addresses are not followed"
                    + " unless the feed is on one.",
            "Runs until Ctrl-C, polling each feed every --interval; --once polls each once and exits; --status shows"
                    + " the feeds' state."
        })
final class CrawlCommand implements Callable<Integer> {
    private static final long MIB = 1024 * 1024;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(
            names = "--feeds",
            paramLabel = "FILE|URL",
            arity = "1..*",
            description = "Feed or sitemap URLs, files of them (one a line, # comments), or local feed or sitemap"
                    + " files.")
    List<String> feeds;

    @Option(names = "--once", description = "Poll every feed once, fetch what is new, and exit.")
    boolean once;

    @Option(names = "--status", description = "Print each feed's state (from news.crawl.seen) and exit.")
    boolean status;

    @Option(
            names = "--delay",
            paramLabel = "SECONDS",
            defaultValue = "1",
            description = "Least time between two requests to one host (more if robots.txt asks). Default:"
                    + " ${DEFAULT-VALUE}.")
    double delaySeconds;

    @Option(
            names = "--interval",
            paramLabel = "MINUTES",
            defaultValue = "15",
            description = "How often each feed is polled (a failing feed less often). Default: ${DEFAULT-VALUE}.")
    double intervalMinutes;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "The most one request may take, body included. Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    @Option(
            names = "--max-page-mib",
            paramLabel = "MIB",
            defaultValue = "4",
            description = "Pages larger than this are not fetched further (the cleaner's own cap). Default:"
                    + " ${DEFAULT-VALUE}.")
    double maxPageMib;

    @Option(
            names = "--max-feed-mib",
            paramLabel = "MIB",
            defaultValue = "50",
            description = "Feeds and sitemaps larger than this are not read (the sitemap protocol's limit)."
                    + " Default: ${DEFAULT-VALUE}.")
    double maxFeedMib;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "3",
            description = "Further attempts after a 429 or 5xx. Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(
            names = "--contact",
            paramLabel = "EMAIL|URL",
            defaultValue = "${env:NEWS_PIPELINE_CRAWL_CONTACT:-}",
            description = "How site owners reach you, sent in the User-Agent. Default: $NEWS_PIPELINE_CRAWL_CONTACT.")
    String contact;

    @Option(
            names = "--allow-private-network",
            description = "Follow links to loopback, private and link-local addresses from any feed.")
    boolean allowPrivateNetwork;

    @Option(
            names = "--refetch-changed",
            description = "Fetch articles already produced again when a feed lists them, and produce them again"
                    + " when their content changed.")
    boolean refetchChanged;

    @Option(
            names = "--transactional-id",
            paramLabel = "ID",
            defaultValue = "news-pipeline-crawl",
            description = "The crawler's Kafka transactional id: a second crawler under the same id takes over from"
                    + " the first. Default: ${DEFAULT-VALUE}.")
    String transactionalId;

    @Option(
            names = "--http-address",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:8081",
            description = "Without --once: where /metrics, /health and /ready are served, or none. Default:"
                    + " ${DEFAULT-VALUE}.")
    String httpAddress;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (status) {
            return printStatus(out);
        }
        if (feeds == null || feeds.isEmpty()) {
            throw new UserError("crawl needs --feeds (or --status)");
        }
        final CrawlSettings settings = crawlSettings();
        final List<FeedSource> sources;
        try {
            sources = FeedSource.fromArguments(feeds);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (IOException e) {
            throw new UserError("cannot read the feed list: " + e.getMessage());
        }
        final InetSocketAddress address = once ? null : HttpAddressOption.parse(httpAddress, "--http-address");
        final PipelineSettings kafka = connection.connect(Topics.RAW.name(), Topics.CRAWL_SEEN.name());
        final MeterRegistry registry = address == null ? new SimpleMeterRegistry() : OpsServer.newRegistry();
        final CrawlMetrics metrics = new CrawlMetrics(registry);
        final HostPacer pacer = new HostPacer(settings.delay(), System::currentTimeMillis, Thread::sleep);
        final Random random = new Random();
        final Backoff backoff = new Backoff(settings.delay(), Duration.ofSeconds(60), random::nextDouble);
        final Fetcher fetcher = new Fetcher(settings, pacer, backoff, metrics);
        final Robots robots = new Robots(fetcher, pacer);
        try (CrawlLedger ledger = new CrawlLedger(kafka, transactionalId, refetchChanged)) {
            final Crawler crawler = new Crawler(
                    settings, ledger, fetcher, robots, metrics, listener(out, err), System::currentTimeMillis);
            try {
                if (once) {
                    crawler.pollAll(sources);
                } else {
                    runContinuously(crawler, sources, address, (PrometheusMeterRegistry) registry, err);
                }
            } catch (CrawlFencedException e) {
                throw new UserError(UserError.FAILURE, e.getMessage());
            }
        }
        out.flush();
        err.printf(
                "crawled %d feed(s): %d article(s) produced; fetches %s; skipped %s%n",
                sources.size(), metrics.producedCount(), metrics.fetchCounts(), metrics.skippedCounts());
        return 0;
    }

    private void runContinuously(
            final Crawler crawler,
            final List<FeedSource> sources,
            final InetSocketAddress address,
            final PrometheusMeterRegistry registry,
            final PrintWriter err)
            throws Exception {
        final AtomicBoolean stop = new AtomicBoolean();
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread main = Thread.currentThread();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.set(true);
                            main.interrupt();
                            try {
                                finished.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "news-pipeline-crawl-shutdown"));
        try (OpsServer server = address == null
                ? null
                : OpsServer.start(address, registry, () -> Map.of("crawl", KafkaStreams.State.RUNNING))) {
            if (server != null) {
                err.printf(
                        "crawling %d feed(s); /metrics on http://%s:%d; Ctrl-C to stop%n",
                        sources.size(),
                        server.address().getHostString(),
                        server.address().getPort());
                err.flush();
            }
            crawler.run(sources, stop::get);
        } catch (InterruptedException | InterruptException e) {
            // Ctrl-C, or the thread interrupted: a stop. An open transaction is aborted, so nothing half-done counts.
            Thread.interrupted();
        } finally {
            finished.countDown();
        }
    }

    private CrawlSettings crawlSettings() {
        if (delaySeconds < 0 || timeoutSeconds <= 0 || intervalMinutes <= 0 || maxPageMib <= 0 || maxFeedMib <= 0) {
            throw new UserError("--delay must be 0 or more; --timeout, --interval, --max-page-mib and --max-feed-mib"
                    + " more than 0");
        }
        if (retries < 0) {
            throw new UserError("--retries must be 0 or more, not " + retries);
        }
        return new CrawlSettings(
                contact,
                Duration.ofMillis((long) (delaySeconds * 1000)),
                (long) (maxPageMib * MIB),
                (long) (maxFeedMib * MIB),
                Duration.ofMillis((long) (timeoutSeconds * 1000)),
                retries,
                Duration.ofSeconds(60),
                allowPrivateNetwork,
                refetchChanged,
                Duration.ofMillis((long) (intervalMinutes * 60_000)));
    }

    private static Crawler.Listener listener(final PrintWriter out, final PrintWriter err) {
        return new Crawler.Listener() {
            @Override
            public void produced(final String id, final URI url, final String feed) {
                out.println(id + "\t" + url);
                out.flush();
            }

            @Override
            public void skipped(final URI url, final String reason, final String detail) {
                err.println("skipped " + url + ": " + reason + (detail == null ? "" : " (" + detail + ")"));
                err.flush();
            }

            @Override
            public void polled(final FeedState state) {
                // The summary and --status tell it.
            }
        };
    }

    private int printStatus(final PrintWriter out) {
        final PipelineSettings kafka = connection.connect(Topics.CRAWL_SEEN.name());
        try (CrawlLedger ledger = CrawlLedger.readOnly(kafka)) {
            out.printf(
                    "%-50s %-20s %6s %-14s %6s %-20s %8s  %s%n",
                    "FEED",
                    "LAST-POLL",
                    "STATUS",
                    "OUTCOME",
                    "ERRORS",
                    "NEXT-POLL",
                    "ARTICLES",
                    "VALIDATOR / LAST-ERROR");
            for (final FeedState state : ledger.feeds().values()) {
                out.printf(
                        "%-50s %-20s %6s %-14s %6d %-20s %8d  %s%n",
                        state.url(),
                        time(state.lastPoll()),
                        state.lastStatus() == 0 ? "-" : String.valueOf(state.lastStatus()),
                        state.lastOutcome(),
                        state.consecutiveErrors(),
                        time(state.nextPoll()),
                        state.articles(),
                        validatorOrError(state));
            }
            out.printf("%d feed(s), %d article id(s) seen%n", ledger.feeds().size(), ledger.seenCount());
        }
        return 0;
    }

    /** The last error when the feed is failing, else what the next conditional GET sends. */
    private static String validatorOrError(final FeedState state) {
        if (state.lastError() != null) {
            return state.lastError();
        }
        if (state.etag() != null) {
            return "ETag " + state.etag();
        }
        return state.lastModified() == null ? "" : "Last-Modified " + state.lastModified();
    }

    private static String time(final long epochMillis) {
        return epochMillis == 0
                ? "-"
                : Instant.ofEpochMilli(epochMillis)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString();
    }
}
