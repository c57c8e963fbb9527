package news.pipeline.sources;

import java.net.URI;
import java.util.List;

/**
 * A feed or sitemap, read.
 *
 * @param kind     what it was
 * @param entries  the articles it points to
 * @param sitemaps the sitemaps a sitemap index points to; empty for anything else
 */
public record ParsedFeed(Kind kind, List<FeedEntry> entries, List<URI> sitemaps) {
    /** The formats the crawler reads. */
    public enum Kind {
        RSS,
        ATOM,
        SITEMAP,
        SITEMAP_INDEX
    }
}
