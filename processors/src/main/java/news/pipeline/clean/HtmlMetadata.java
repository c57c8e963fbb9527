package news.pipeline.clean;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;

/**
 * What a page declares about itself: {@code <meta>} (OpenGraph, {@code article:*}, Dublin Core),
 * schema.org JSON-LD, {@code <time>}, {@code <link rel=canonical>} and {@code <html lang>}. Every
 * value is what the page states, or null; nothing is inferred from the body.
 */
final class HtmlMetadata {
    /** An author value longer than this is a biography or junk, not a name. */
    private static final int MAX_AUTHOR_CHARS = 200;
    /** Shortest date worth parsing: a date alone, "2024-05-02". */
    private static final int DATE_CHARS = 10;
    /** Longest date-time worth parsing: ISO-8601 with fractions and an offset fits. */
    private static final int MAX_DATE_TIME_CHARS = 40;

    private static final DateTimeFormatter OFFSET_NO_COLON = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XX][XXX][X]")
            .toFormatter(Locale.ROOT);

    /**
     * @param heading the text of the page's first {@code <h1>}, empty when it has none; not
     *                metadata, but found in the same pass
     * @param articleBody the article's text as its JSON-LD declares it ({@code articleBody}), line
     *                breaks kept; null when absent
     */
    record Metadata(
            String title,
            String author,
            Instant publishedAt,
            Instant modifiedAt,
            String canonicalUrl,
            String siteName,
            String language,
            String description,
            String heading,
            String articleBody) {}

    private HtmlMetadata() {}

    static Metadata read(final Document doc, final String baseUrl) {
        final Scan scan = new Scan();
        TreeWalk.filter(scan, doc);
        final Meta meta = scan.meta;
        final JsonNode article = JsonLd.article(scan.jsonLd);

        final String siteName = first(
                meta.get("og:site_name"), JsonLd.text(article, "publisher", "name"), meta.get("application-name"));
        String author = first(
                JsonLd.author(article),
                authorName(meta.get("author")),
                authorName(meta.get("article:author")),
                authorName(meta.get("dc.creator")),
                authorName(meta.get("parsely-author")),
                authorName(meta.get("sailthru.author")));
        if (author == null) {
            author = itempropName(scan.itemAuthor);
        }
        final Instant published = firstInstant(
                meta.get("article:published_time"),
                JsonLd.text(article, "datePublished"),
                meta.get("og:published_time"),
                meta.get("published_time"),
                meta.get("pubdate"),
                meta.get("publishdate"),
                meta.get("publish-date"),
                meta.get("dc.date.issued"),
                meta.get("dcterms.created"),
                meta.get("dc.date"),
                meta.get("date"),
                itempropDate(scan.itemPublished),
                scan.time());
        final Instant modified = firstInstant(
                meta.get("article:modified_time"),
                JsonLd.text(article, "dateModified"),
                meta.get("og:updated_time"),
                meta.get("dcterms.modified"),
                itempropDate(scan.itemModified));
        final String canonical = first(absolute(scan.canonical, baseUrl), absoluteUrl(meta.get("og:url"), baseUrl));
        final String language = first(
                languageTag(scan.htmlLang),
                languageTag(meta.get("content-language")),
                languageTag(meta.get("og:locale")),
                languageTag(JsonLd.text(article, "inLanguage")),
                languageTag(meta.get("dc.language")));
        final String description = first(
                meta.get("description"),
                meta.get("og:description"),
                meta.get("twitter:description"),
                JsonLd.text(article, "description"));
        final String title = first(meta.get("og:title"), meta.get("twitter:title"), JsonLd.text(article, "headline"));
        final String heading = scan.h1 == null ? "" : TextNormalizer.clean(scan.h1.text());
        return new Metadata(
                title,
                author,
                published,
                modified,
                canonical,
                siteName,
                language,
                description,
                heading,
                JsonLd.rawText(article, "articleBody"));
    }

    /** One pass over the page collects every element the metadata is read from. */
    private static final class Scan implements NodeFilter {
        final Meta meta = new Meta();
        final List<Element> jsonLd = new ArrayList<>();
        String htmlLang;
        Element canonical;
        Element itemAuthor;
        Element itemPublished;
        Element itemModified;
        Element h1;
        private Element timePubdate;
        private Element timeInArticle;
        private Element timeAny;
        private int articleDepth;

        @Override
        public FilterResult head(final Node node, final int depth) {
            if (!(node instanceof Element element)) {
                return FilterResult.CONTINUE;
            }
            switch (element.normalName()) {
                case "html" -> {
                    if (htmlLang == null && element.hasAttr("lang")) {
                        htmlLang = element.attr("lang");
                    }
                }
                case "meta" -> meta.add(element);
                case "link" -> {
                    if (canonical == null
                            && element.hasAttr("href")
                            && "canonical".equalsIgnoreCase(element.attr("rel").trim())) {
                        canonical = element;
                    }
                }
                case "script" -> {
                    if (element.attr("type").toLowerCase(Locale.ROOT).contains("ld+json")) {
                        jsonLd.add(element);
                    }
                }
                case "time" -> {
                    if (element.hasAttr("datetime")) {
                        if (timePubdate == null && element.hasAttr("pubdate")) {
                            timePubdate = element;
                        }
                        if (timeInArticle == null && articleDepth > 0) {
                            timeInArticle = element;
                        }
                        if (timeAny == null) {
                            timeAny = element;
                        }
                    }
                }
                case "h1" -> {
                    if (h1 == null) {
                        h1 = element;
                    }
                }
                case "article" -> articleDepth++;
                default -> {
                    // nothing to collect
                }
            }
            // attr() answers "" at once for an element without attributes.
            final String prop = element.attr("itemprop");
            if (!prop.isEmpty()) {
                if (itemAuthor == null && "author".equalsIgnoreCase(prop)) {
                    itemAuthor = element;
                } else if (itemPublished == null && "datePublished".equalsIgnoreCase(prop)) {
                    itemPublished = element;
                } else if (itemModified == null && "dateModified".equalsIgnoreCase(prop)) {
                    itemModified = element;
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(final Node node, final int depth) {
            if (node instanceof Element element && "article".equals(element.normalName())) {
                articleDepth--;
            }
            return FilterResult.CONTINUE;
        }

        String time() {
            final Element element = timePubdate != null ? timePubdate : timeInArticle != null ? timeInArticle : timeAny;
            return element == null ? null : element.attr("datetime");
        }
    }

    /** {@code <meta>} values by lower-cased name, property or http-equiv; the first declaration wins. */
    private static final class Meta {
        private final Map<String, String> values = new HashMap<>();

        void add(final Element meta) {
            final String content = meta.hasAttr("content") ? meta.attr("content") : meta.attr("value");
            if (content.isBlank()) {
                return;
            }
            putKey(meta.attr("property"), content);
            putKey(meta.attr("name"), content);
            putKey(meta.attr("http-equiv"), content);
            putKey(meta.attr("itemprop"), content);
        }

        private void putKey(final String key, final String content) {
            if (!key.isEmpty()) {
                values.putIfAbsent(key.trim().toLowerCase(Locale.ROOT), content);
            }
        }

        String get(final String key) {
            final String value = values.get(key);
            return value == null ? null : clean(value);
        }
    }

    /** An author value that is a name, not a profile URL; without a leading "By". */
    static String authorName(final String value) {
        String name = clean(value);
        if (name == null
                || name.startsWith("http://")
                || name.startsWith("https://")
                || name.length() > MAX_AUTHOR_CHARS) {
            return null;
        }
        if (name.length() > 3 && name.regionMatches(true, 0, "by ", 0, 3)) {
            name = name.substring(3).trim();
        }
        return name.isEmpty() ? null : name;
    }

    private static String itempropName(final Element element) {
        if (element == null) {
            return null;
        }
        final Element name = element.selectFirst("[itemprop=name]");
        final String text = name != null
                ? (name.hasAttr("content") ? name.attr("content") : name.text())
                : element.hasAttr("content") ? element.attr("content") : element.text();
        return authorName(text);
    }

    private static String itempropDate(final Element element) {
        return element == null ? null : first(element.attr("datetime"), element.attr("content"));
    }

    private static String absolute(final Element link, final String baseUrl) {
        if (link == null) {
            return null;
        }
        final String abs = link.absUrl("href");
        return abs.isEmpty() ? absoluteUrl(link.attr("href"), baseUrl) : abs;
    }

    private static String absoluteUrl(final String url, final String baseUrl) {
        if (url == null || url.isBlank()) {
            return null;
        }
        final String trimmed = url.trim();
        if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
            return trimmed;
        }
        if (baseUrl != null) {
            try {
                final URI resolved = new URI(baseUrl).resolve(trimmed);
                if (resolved.isAbsolute()) {
                    return resolved.toString();
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** A BCP 47 tag from {@code en}, {@code en-US}, {@code en_US}; null when it is not a language tag. */
    static String languageTag(final String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        final String tags = value.trim().replace('_', '-');
        final String firstTag = tags.split("[,;\\s]")[0];
        try {
            final Locale locale = new Locale.Builder().setLanguageTag(firstTag).build();
            return locale.getLanguage().isEmpty() ? null : locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    /** Placeholders such as 0001-01-01 are not dates; nothing on the web was published before 1990. */
    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    private static Instant firstInstant(final String... values) {
        for (String value : values) {
            final Instant instant = parseInstant(value);
            if (instant != null && !instant.isBefore(EARLIEST)) {
                return instant;
            }
        }
        return null;
    }

    /**
     * ISO-8601 with an offset, or a date alone (taken as that day at 00:00 UTC). A date-time without
     * an offset is ambiguous and is not used.
     */
    static Instant parseInstant(final String value) {
        if (value == null) {
            return null;
        }
        final String trimmed = value.trim();
        if (trimmed.length() < DATE_CHARS || trimmed.length() > MAX_DATE_TIME_CHARS) {
            return null;
        }
        final Instant withOffset = parseOffsetDateTime(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        if (withOffset != null) {
            return withOffset;
        }
        final Instant withOffsetNoColon = parseOffsetDateTime(trimmed.replace(' ', 'T'), OFFSET_NO_COLON);
        if (withOffsetNoColon != null) {
            return withOffsetNoColon;
        }
        if (trimmed.length() == DATE_CHARS) {
            try {
                return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
        return null;
    }

    /**
     * The instant the whole text gives in the formatter's form, else null. A parse that fails
     * throws, which costs far more than the parse, and most pages give their dates in one form
     * only; the formatter's non-throwing first pass tells whether the form fits.
     */
    private static Instant parseOffsetDateTime(final String text, final DateTimeFormatter formatter) {
        final ParsePosition position = new ParsePosition(0);
        if (formatter.parseUnresolved(text, position) == null || position.getIndex() != text.length()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, formatter).toInstant();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    static String clean(final String value) {
        if (value == null) {
            return null;
        }
        final String cleaned = TextNormalizer.clean(value);
        return cleaned.isEmpty() ? null : cleaned;
    }

    private static String first(final String... values) {
        for (String value : values) {
            final String cleaned = clean(value);
            if (cleaned != null) {
                return cleaned;
            }
        }
        return null;
    }
}
