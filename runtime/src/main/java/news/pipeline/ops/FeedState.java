package news.pipeline.ops;

/**
 * What the crawler knows of one feed, kept in news.crawl.seen under {@code feed:} and its URL, so
 * that a restart keeps the validators for conditional GETs and {@code crawl --status} can show it.
 * Times are epoch milliseconds, 0 when never.
 *
 * @param url               the feed
 * @param lastPoll          when it was last polled
 * @param lastStatus        the last poll's HTTP status (0: no response)
 * @param lastOutcome       the last poll's outcome: ok, not-modified, or why it failed
 * @param lastError         the last failure's message, or null
 * @param consecutiveErrors polls in a row that failed
 * @param etag              the last ETag, sent back as If-None-Match
 * @param lastModified      the last Last-Modified, sent back as If-Modified-Since
 * @param nextPoll          when it is due again
 * @param articles          articles produced from it, in all
 */
public record FeedState(
        String url,
        long lastPoll,
        int lastStatus,
        String lastOutcome,
        String lastError,
        int consecutiveErrors,
        String etag,
        String lastModified,
        long nextPoll,
        long articles) {

    public static FeedState fresh(final String url) {
        return new FeedState(url, 0, 0, "never polled", null, 0, null, null, 0, 0);
    }

    public boolean failing() {
        return consecutiveErrors > 0;
    }
}
