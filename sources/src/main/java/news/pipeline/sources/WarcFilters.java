package news.pipeline.sources;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Which archived pages an import takes.
 *
 * @param from         the earliest WARC date taken (inclusive), or null
 * @param to           the WARC date from which nothing is taken (exclusive), or null
 * @param hosts        host suffixes: a page is taken when its host is one of them or ends with
 *                     "." and one of them; empty for any host
 * @param languages    languages: a page is taken when the language it declares (html lang,
 *                     Content-Language) has one of them as its primary tag or equals it; empty
 *                     for any, pages that declare none included
 * @param maxPageBytes a page over this is skipped (and counted)
 */
public record WarcFilters(Instant from, Instant to, List<String> hosts, List<String> languages, long maxPageBytes) {

    public boolean dateTaken(final Instant date) {
        return (from == null || !date.isBefore(from)) && (to == null || date.isBefore(to));
    }

    public boolean hostTaken(final URI target) {
        if (hosts.isEmpty()) {
            return true;
        }
        final String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        for (final String given : hosts) {
            final String suffix = given.toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
            if (host.equals(suffix) || host.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether pages are taken by language at all (when not, none needs its language found). */
    public boolean filtersLanguage() {
        return !languages.isEmpty();
    }

    /** @param declared the page's declared language, or null */
    public boolean languageTaken(final String declared) {
        if (languages.isEmpty()) {
            return true;
        }
        if (declared == null) {
            return false;
        }
        final String tag = declared.toLowerCase(Locale.ROOT).replace('_', '-');
        for (final String given : languages) {
            final String wanted = given.toLowerCase(Locale.ROOT).replace('_', '-');
            if (tag.equals(wanted) || tag.startsWith(wanted + "-")) {
                return true;
            }
        }
        return false;
    }
}
