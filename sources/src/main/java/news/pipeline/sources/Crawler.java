package news.pipeline.sources;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import news.pipeline.ids.ArticleIds;
import news.pipeline.ops.FeedState;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;

/**
 * Polls feeds and sitemaps and produces each new article page they point to to the raw topic,
 * once. For each feed: fetch it (conditionally, with the last ETag and Last-Modified), read its
 * entries (following a sitemap index to its sitemaps), and for each link not produced before:
 * check it against the {@link UrlPolicy} and robots.txt, fetch it, and produce it with the feed's
 * title, time and language, marked as seen in the same transaction ({@link CrawlLedger}).
 * Anything that goes wrong with one feed or one page is counted and reported, and the crawl goes on.
 */
public final class Crawler {
    /** Raw record headers that say how a crawled article was fetched. */
    public static final String HEADER_STATUS = "news.crawl.status";

    public static final String HEADER_FEED = "news.crawl.feed";
    public static final String HEADER_FETCHED_AT = "news.crawl.fetched-at";
    public static final String HEADER_LINK = "news.crawl.link";

    /** A sitemap index may point to sitemap indexes: this deep, no deeper (the protocol allows one level). */
    private static final int MAX_SITEMAP_DEPTH = 3;
    /** Sitemaps read from one index per poll; the protocol allows 50,000, a news site has a few dozen. */
    private static final int MAX_SITEMAPS_PER_FEED = 1000;
    /** A failing feed's next poll moves back by doubling, up to this many intervals. */
    private static final int MAX_BACKOFF_INTERVALS = 16;

    /** What the crawler tells its caller as it goes. */
    public interface Listener {
        void produced(String id, URI url, String feed);

        void skipped(URI url, String reason, String detail);

        void polled(FeedState state);
    }

    private final CrawlSettings settings;
    private final CrawlLedger ledger;
    private final Fetcher fetcher;
    private final Robots robots;
    private final FeedParser parser;
    private final UrlPolicy policy;
    private final CrawlMetrics metrics;
    private final Listener listener;
    private final LongSupplier clockMillis;
    /** Whether each feed this crawler polls failed its last poll; the state topic also holds others' feeds. */
    private final Map<String, Boolean> failing = new HashMap<>();

    public Crawler(
            final CrawlSettings settings,
            final CrawlLedger ledger,
            final Fetcher fetcher,
            final Robots robots,
            final CrawlMetrics metrics,
            final Listener listener,
            final LongSupplier clockMillis) {
        this.settings = settings;
        this.ledger = ledger;
        this.fetcher = fetcher;
        this.robots = robots;
        this.parser = new FeedParser(settings.maxFeedBytes());
        this.policy = new UrlPolicy(settings.allowPrivateNetwork());
        this.metrics = metrics;
        this.listener = listener;
        this.clockMillis = clockMillis;
    }

    /** Polls every feed once, whether due or not. */
    public void pollAll(final List<FeedSource> feeds) throws InterruptedException {
        for (final FeedSource feed : feeds) {
            poll(feed);
        }
    }

    /** Polls each feed when it is due, until told to stop. */
    public void run(final List<FeedSource> feeds, final BooleanSupplier stop) throws InterruptedException {
        while (!stop.getAsBoolean()) {
            long nextDue = Long.MAX_VALUE;
            for (final FeedSource feed : feeds) {
                if (stop.getAsBoolean()) {
                    return;
                }
                FeedState state = ledger.feed(feed.name());
                if (state.nextPoll() <= clockMillis.getAsLong()) {
                    state = poll(feed);
                }
                nextDue = Math.min(nextDue, state.nextPoll());
            }
            // Wake at least every second to notice a stop.
            final long wait = Math.min(1000, Math.max(0, nextDue - clockMillis.getAsLong()));
            if (wait > 0) {
                Thread.sleep(wait);
            }
        }
    }

    /** Polls one feed and produces its new articles; returns its state after. */
    public FeedState poll(final FeedSource feed) throws InterruptedException {
        ledger.catchUp();
        final FeedState before = ledger.feed(feed.name());
        final long now = clockMillis.getAsLong();
        final boolean originPrivate = feed.url() != null && UrlPolicy.feedOnPrivateNetwork(feed.url());
        final FetchResult fetched = fetchFeed(feed, before);
        FeedState after;
        if (fetched.outcome() == FetchResult.Outcome.NOT_MODIFIED) {
            after = succeeded(before, now, fetched, "not-modified", 0);
        } else if (!fetched.ok()) {
            after = failed(before, now, fetched.status(), fetched.outcome().label(), fetched.detail(), fetched);
        } else {
            try {
                final List<FeedEntry> entries = entries(fetched, feed, originPrivate);
                int produced = 0;
                for (final FeedEntry entry : entries) {
                    if (take(entry, feed.name(), originPrivate)) {
                        produced++;
                    }
                }
                after = succeeded(before, now, fetched, "ok", produced);
            } catch (InvalidFeedException e) {
                final String reason =
                        "feed-" + e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
                after = failed(before, now, fetched.status(), reason, e.getMessage(), fetched);
            }
        }
        ledger.commit(List.of(), List.of(after));
        failing.put(feed.name(), after.failing());
        metrics.feedsFailing(
                (int) failing.values().stream().filter(Boolean::booleanValue).count());
        listener.polled(after);
        return after;
    }

    private FetchResult fetchFeed(final FeedSource feed, final FeedState before) throws InterruptedException {
        if (feed.file() != null) {
            try {
                final long size = Files.size(feed.file());
                if (size > settings.maxFeedBytes()) {
                    return FetchResult.failed(
                            FetchResult.Outcome.TOO_LARGE,
                            0,
                            feed.file().toUri(),
                            "feed file of " + size + " bytes over the cap of " + settings.maxFeedBytes());
                }
                return new FetchResult(
                        FetchResult.Outcome.OK,
                        0,
                        feed.file().toUri(),
                        null,
                        Files.readAllBytes(feed.file()),
                        null,
                        null,
                        null);
            } catch (IOException e) {
                return FetchResult.failed(
                        FetchResult.Outcome.CONNECTION_FAILED,
                        0,
                        feed.file().toUri(),
                        "cannot read: " + e.getMessage());
            }
        }
        // The operator named this feed: its own address is not judged, only where its redirects lead.
        return fetcher.fetch(
                feed.url(),
                Fetcher.Purpose.FEED,
                UrlPolicy.feedOnPrivateNetwork(feed.url()),
                false,
                before.etag(),
                before.lastModified());
    }

    /** The feed's entries; a sitemap index's sitemaps are fetched and read in turn. */
    private List<FeedEntry> entries(final FetchResult fetched, final FeedSource feed, final boolean originPrivate)
            throws InvalidFeedException, InterruptedException {
        final URI location = feed.url() == null ? null : fetched.finalUri();
        final ParsedFeed top = parser.parse(fetched.body(), fetched.contentType(), location);
        final List<FeedEntry> entries = new ArrayList<>(top.entries());
        final Deque<Map.Entry<URI, Integer>> pending = new ArrayDeque<>();
        top.sitemaps().forEach(uri -> pending.add(Map.entry(uri, 1)));
        int read = 0;
        while (!pending.isEmpty() && read < MAX_SITEMAPS_PER_FEED) {
            final Map.Entry<URI, Integer> next = pending.poll();
            read++;
            final FetchResult child =
                    fetcher.fetch(next.getKey(), Fetcher.Purpose.FEED, originPrivate, true, null, null);
            if (!child.ok()) {
                skip(next.getKey(), "sitemap-" + child.outcome().label(), child.detail());
                continue;
            }
            try {
                final ParsedFeed parsed = parser.parse(child.body(), child.contentType(), child.finalUri());
                entries.addAll(parsed.entries());
                if (next.getValue() < MAX_SITEMAP_DEPTH) {
                    parsed.sitemaps().forEach(uri -> pending.add(Map.entry(uri, next.getValue() + 1)));
                }
            } catch (InvalidFeedException e) {
                skip(next.getKey(), "sitemap-" + e.reason().name().toLowerCase(Locale.ROOT), e.getMessage());
            }
        }
        return entries;
    }

    /** Fetches and produces one linked article unless it was produced before; true when produced. */
    private boolean take(final FeedEntry entry, final String feedName, final boolean originPrivate)
            throws InterruptedException {
        final URI link = entry.link();
        final String linkId = ArticleIds.fromUrl(link.toString());
        if (ledger.seen(linkId) && !settings.refetchChanged()) {
            return false;
        }
        final UrlPolicy.Refusal refusal = policy.check(link, originPrivate);
        if (refusal != null) {
            skip(
                    link,
                    refusal == UrlPolicy.Refusal.PRIVATE_ADDRESS
                            ? FetchResult.Outcome.PRIVATE_ADDRESS.label()
                            : FetchResult.Outcome.NOT_HTTP.label(),
                    refusal == UrlPolicy.Refusal.PRIVATE_ADDRESS
                            ? "links to loopback, private or link-local addresses are not fetched"
                                    + " (--allow-private-network to allow)"
                            : "not an http(s) URL with a host that resolves");
            return false;
        }
        if (!robots.allowed(link, originPrivate)) {
            skip(link, FetchResult.Outcome.ROBOTS_DISALLOWED.label(), "robots.txt disallows it");
            return false;
        }
        final FetchResult page = fetcher.fetch(link, Fetcher.Purpose.PAGE, originPrivate, true, null, null);
        if (!page.ok()) {
            skip(link, page.outcome().label(), page.detail());
            return false;
        }
        final byte[] content = page.body();
        final String id =
                ArticleFiles.idOf(content, ArticleFormat.HTML, page.finalUri().toString());
        final String digest = ArticleIds.fromContent(content);
        ledger.catchUp();
        if (ledger.seen(id) && (!settings.refetchChanged() || digest.equals(ledger.digest(id)))) {
            if (!ledger.seen(linkId)) {
                ledger.commit(List.of(), List.of(), List.of(linkId));
            }
            return false;
        }
        final RawArticle raw = RawArticle.newBuilder()
                .setUrl(page.finalUri().toString())
                .setSource(feedName)
                .setFormat(ArticleFormat.HTML)
                .setContentType(page.contentType() == null ? "text/html" : page.contentType())
                .setContent(ByteBuffer.wrap(content))
                .setTitle(entry.title())
                .setPublishedAt(entry.published())
                .setLanguage(entry.language())
                .build();
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_STATUS, String.valueOf(page.status()));
        headers.put(HEADER_FEED, feedName);
        headers.put(HEADER_LINK, link.toString());
        headers.put(
                HEADER_FETCHED_AT, Instant.ofEpochMilli(clockMillis.getAsLong()).toString());
        final List<String> marks = id.equals(linkId) ? List.of(id) : List.of(id, linkId);
        ledger.commit(List.of(new CrawlLedger.Produce(id, raw, headers, marks, digest)), List.of());
        metrics.produced();
        listener.produced(id, page.finalUri(), feedName);
        return true;
    }

    private void skip(final URI url, final String reason, final String detail) {
        metrics.skipped(reason);
        listener.skipped(url, reason, detail);
    }

    private FeedState succeeded(
            final FeedState before,
            final long now,
            final FetchResult fetched,
            final String outcome,
            final int produced) {
        return new FeedState(
                before.url(),
                now,
                fetched.status(),
                outcome,
                null,
                0,
                fetched.etag() != null ? fetched.etag() : before.etag(),
                fetched.lastModified() != null ? fetched.lastModified() : before.lastModified(),
                now + settings.interval().toMillis(),
                before.articles() + produced);
    }

    private FeedState failed(
            final FeedState before,
            final long now,
            final int status,
            final String reason,
            final String detail,
            final FetchResult fetched) {
        metrics.skipped(reason.startsWith("feed-") ? reason : "feed-" + reason);
        listener.skipped(fetched.finalUri(), reason, detail);
        final int errors = before.consecutiveErrors() + 1;
        final long backoff =
                settings.interval().toMillis() * Math.min(MAX_BACKOFF_INTERVALS, 1L << Math.min(errors - 1, 4));
        return new FeedState(
                before.url(),
                now,
                status,
                reason,
                detail,
                errors,
                before.etag(),
                before.lastModified(),
                now + backoff,
                before.articles());
    }
}
