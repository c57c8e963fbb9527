package news.pipeline.sources;

import java.net.URI;
import java.time.Instant;

/**
 * One article a feed or sitemap points to, with what the feed says about it.
 *
 * @param link      the article's URL, absolute
 * @param title     the feed's title for it, or null
 * @param published when the feed says it was published (or last changed, for a plain sitemap), or null
 * @param language  the language the feed declares for it (BCP 47), or null
 */
public record FeedEntry(URI link, String title, Instant published, String language) {}
