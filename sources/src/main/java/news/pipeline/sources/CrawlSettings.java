package news.pipeline.sources;

import java.time.Duration;

/**
 * How the crawler behaves. The defaults are polite: one request per host per second, robots.txt
 * obeyed, a few retries spaced out.
 *
 * @param contact             how a site owner reaches whoever runs the crawler (an email or URL), put in the User-Agent
 * @param delay               the least time between two requests to one host
 * @param maxPageBytes        an article page over this is not fetched further
 * @param maxFeedBytes        a feed or sitemap over this is not read
 * @param timeout             the most one request (connection, headers and body) may take
 * @param retries             further attempts after a 429 or 5xx
 * @param maxRetryWait        the longest wait before a retry; a server asking for longer is tried at the next poll
 * @param allowPrivateNetwork follow links to loopback, private and link-local addresses from any feed
 * @param refetchChanged      fetch articles already produced again when a feed lists them, and produce them again if
 *                            their content changed
 * @param interval            how often each feed is polled when the crawler runs continuously
 */
public record CrawlSettings(
        String contact,
        Duration delay,
        long maxPageBytes,
        long maxFeedBytes,
        Duration timeout,
        int retries,
        Duration maxRetryWait,
        boolean allowPrivateNetwork,
        boolean refetchChanged,
        Duration interval) {

    public static final int MAX_REDIRECTS = 5;

    /** The product token robots.txt rules are matched against. */
    public static final String ROBOT_NAME = "news-pipeline";

    public String userAgent() {
        return ROBOT_NAME + "/1.0" + (contact == null || contact.isBlank() ? "" : " (+" + contact + ")");
    }
}
