package news.pipeline.sources;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * robots.txt, fetched once per site and run and read by crawler-commons, matched against the
 * crawler's own name. A missing robots.txt (4xx) allows everything; one that cannot be fetched
 * (5xx, no answer) forbids the site for this run, as Google and crawler-commons treat it. A
 * Crawl-delay longer than the crawler's own delay slows the crawler down on that host.
 */
public final class Robots {
    private final Fetcher fetcher;
    private final HostPacer pacer;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final Map<String, BaseRobotRules> bySite = new HashMap<>();

    public Robots(final Fetcher fetcher, final HostPacer pacer) {
        this.fetcher = fetcher;
        this.pacer = pacer;
    }

    /** Whether robots.txt lets the crawler fetch the URL. */
    public boolean allowed(final URI url, final boolean originPrivate) throws InterruptedException {
        final String site = site(url);
        BaseRobotRules rules = bySite.get(site);
        if (rules == null) {
            rules = fetchRules(URI.create(site + "/robots.txt"), originPrivate);
            bySite.put(site, rules);
            if (rules.getCrawlDelay() != BaseRobotRules.UNSET_CRAWL_DELAY && rules.getCrawlDelay() > 0) {
                pacer.crawlDelay(url.getHost(), Duration.ofMillis(rules.getCrawlDelay()));
            }
        }
        return rules.isAllowed(url.toString());
    }

    private BaseRobotRules fetchRules(final URI robotsUrl, final boolean originPrivate) throws InterruptedException {
        final FetchResult result = fetcher.fetch(robotsUrl, Fetcher.Purpose.ROBOTS, originPrivate, true, null, null);
        if (result.ok()) {
            return parser.parseContent(
                    robotsUrl.toString(),
                    result.body(),
                    result.contentType() == null ? "text/plain" : result.contentType(),
                    List.of(CrawlSettings.ROBOT_NAME));
        }
        // crawler-commons' rules for a failed fetch: 4xx allows all, 5xx and no answer defer the site.
        return parser.failedFetch(result.status() == 0 ? 503 : result.status());
    }

    private static String site(final URI url) {
        final String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        final int port = url.getPort();
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port);
    }
}
