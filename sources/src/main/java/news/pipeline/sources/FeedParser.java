package news.pipeline.sources;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads RSS 2.0 (and RSS 0.9x/1.0), Atom, sitemaps with the Google News extension
 * ({@code <news:news>}), plain sitemaps and sitemap indexes. RSS and Atom go to ROME, sitemaps to
 * crawler-commons; which one is decided by the document's root element. No network here: bytes in,
 * entries out.
 */
public final class FeedParser {
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)");
    /** How far into the document the root element is looked for (past a prolog, comments and a DOCTYPE). */
    private static final int ROOT_SCAN_CHARS = 4096;

    private static final Pattern ROOT_ELEMENT = Pattern.compile("<([A-Za-z_][\\w.:-]*)");

    private final long maxBytes;

    /** @param maxBytes the most a gzipped sitemap may inflate to */
    public FeedParser(final long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param content     the document as fetched
     * @param contentType the Content-Type it came with, or null
     * @param location    where it came from; relative links are resolved against it
     */
    public ParsedFeed parse(final byte[] content, final String contentType, final URI location)
            throws InvalidFeedException {
        final byte[] document = isGzip(content) ? gunzip(content) : content;
        final String root = rootElement(document);
        final String local = root.contains(":") ? root.substring(root.indexOf(':') + 1) : root;
        return switch (local.toLowerCase(Locale.ROOT)) {
            case "rss", "rdf", "feed" -> rome(document, contentType, location);
            case "urlset", "sitemapindex" -> sitemap(document, location);
            default ->
                throw new InvalidFeedException(
                        InvalidFeedException.Reason.NOT_A_FEED,
                        "XML but not a feed or sitemap: the root element is <" + root + ">");
        };
    }

    private static String rootElement(final byte[] document) throws InvalidFeedException {
        // Enough of the start as Latin-1 to find the root's name: markup is ASCII in every encoding a feed uses but
        // UTF-16, which a BOM gives away.
        int start = 0;
        if (document.length >= 3 && (document[0] & 0xff) == 0xef && (document[1] & 0xff) == 0xbb) {
            start = 3;
        }
        final String head = new String(
                document, start, Math.min(document.length - start, ROOT_SCAN_CHARS), StandardCharsets.ISO_8859_1);
        final String stripped = head.stripLeading();
        if (!stripped.startsWith("<")) {
            throw new InvalidFeedException(
                    InvalidFeedException.Reason.NOT_XML,
                    stripped.isEmpty() ? "empty document" : "not XML: it starts with " + quote(stripped));
        }
        final String body = stripped.replaceAll("(?s)<\\?.*?\\?>", "")
                .replaceAll("(?s)<!--.*?-->", "")
                .replaceAll("(?s)<!DOCTYPE[^>]*>", "");
        final Matcher root = ROOT_ELEMENT.matcher(body);
        if (!root.find()) {
            throw new InvalidFeedException(InvalidFeedException.Reason.NOT_XML, "not XML: no root element");
        }
        return root.group(1);
    }

    private static String quote(final String text) {
        final String first = text.lines().findFirst().orElse("");
        return "\"" + (first.length() > 40 ? first.substring(0, 40) + "…" : first) + "\"";
    }

    private ParsedFeed rome(final byte[] document, final String contentType, final URI location)
            throws InvalidFeedException {
        final SyndFeed feed;
        try {
            feed = new SyndFeedInput().build(reader(document, contentType));
        } catch (FeedException | IllegalArgumentException | IOException e) {
            throw new InvalidFeedException(
                    InvalidFeedException.Reason.MALFORMED, "not a readable feed: " + firstLine(e.getMessage()));
        }
        final boolean atom = feed.getFeedType() != null && feed.getFeedType().startsWith("atom");
        final List<FeedEntry> entries = new ArrayList<>();
        for (final SyndEntry entry : feed.getEntries()) {
            final URI link = resolve(location, linkOf(entry));
            if (link == null) {
                continue;
            }
            final Date published = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            entries.add(new FeedEntry(
                    link,
                    blankToNull(entry.getTitle()),
                    published == null ? null : published.toInstant(),
                    blankToNull(feed.getLanguage())));
        }
        return new ParsedFeed(atom ? ParsedFeed.Kind.ATOM : ParsedFeed.Kind.RSS, entries, List.of());
    }

    /**
     * The feed's characters. The HTTP charset wins when the bytes are valid in it; when they are not
     * (a server that labels everything UTF-8), the document's own BOM and XML declaration decide.
     */
    private static XmlReader reader(final byte[] document, final String contentType) throws IOException {
        final Charset declared = charsetOf(contentType);
        if (declared != null && decodes(document, declared)) {
            return new XmlReader(new ByteArrayInputStream(document), contentType, true);
        }
        return new XmlReader(new ByteArrayInputStream(document), true);
    }

    static Charset charsetOf(final String contentType) {
        if (contentType == null) {
            return null;
        }
        final Matcher matcher = CHARSET.matcher(contentType);
        if (!matcher.find()) {
            return null;
        }
        try {
            return Charset.forName(matcher.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean decodes(final byte[] document, final Charset charset) {
        try {
            charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String linkOf(final SyndEntry entry) {
        if (entry.getLink() != null && !entry.getLink().isBlank()) {
            return entry.getLink();
        }
        for (final SyndLink link : entry.getLinks()) {
            if (link.getRel() == null || "alternate".equals(link.getRel())) {
                return link.getHref();
            }
        }
        // RSS items whose guid is their permalink.
        final String uri = entry.getUri();
        return uri != null && uri.matches("(?i)https?://.+") ? uri : null;
    }

    private ParsedFeed sitemap(final byte[] document, final URI location) throws InvalidFeedException {
        final SiteMapParser parser = new SiteMapParser(false);
        parser.enableExtension(Extension.NEWS);
        final AbstractSiteMap parsed;
        try {
            parsed = parser.parseSiteMap("application/xml", document, toUrl(location));
        } catch (UnknownFormatException | IOException e) {
            throw new InvalidFeedException(
                    InvalidFeedException.Reason.MALFORMED, "not a readable sitemap: " + firstLine(e.getMessage()));
        }
        if (parsed instanceof SiteMapIndex index) {
            final List<URI> children = new ArrayList<>();
            for (final AbstractSiteMap child : index.getSitemaps()) {
                final URI uri = resolve(location, child.getUrl().toString());
                if (uri != null) {
                    children.add(uri);
                }
            }
            return new ParsedFeed(ParsedFeed.Kind.SITEMAP_INDEX, List.of(), children);
        }
        final List<FeedEntry> entries = new ArrayList<>();
        for (final SiteMapURL url : ((SiteMap) parsed).getSiteMapUrls()) {
            final URI link = resolve(location, url.getUrl().toString());
            if (link == null) {
                continue;
            }
            final NewsAttributes news = newsOf(url);
            final Instant published = news != null && news.getPublicationDateTime() != null
                    ? news.getPublicationDateTime().toInstant()
                    : url.getLastModified() == null
                            ? null
                            : url.getLastModified().toInstant();
            entries.add(new FeedEntry(
                    link,
                    news == null ? null : blankToNull(news.getTitle()),
                    published,
                    news == null ? null : blankToNull(news.getLanguage())));
        }
        return new ParsedFeed(ParsedFeed.Kind.SITEMAP, entries, List.of());
    }

    private static NewsAttributes newsOf(final SiteMapURL url) {
        final ExtensionMetadata[] attributes = url.getAttributesForExtension(Extension.NEWS);
        if (attributes == null) {
            return null;
        }
        for (final ExtensionMetadata metadata : attributes) {
            if (metadata instanceof NewsAttributes news) {
                return news;
            }
        }
        return null;
    }

    private static URL toUrl(final URI location) throws InvalidFeedException {
        try {
            return location.toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidFeedException(InvalidFeedException.Reason.MALFORMED, "not a URL: " + location);
        }
    }

    static URI resolve(final URI base, final String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            final URI uri = new URI(link.strip());
            return base == null ? uri : base.resolve(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isGzip(final byte[] content) {
        return content.length > 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b;
    }

    private byte[] gunzip(final byte[] content) throws InvalidFeedException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            final byte[] inflated = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (inflated.length > maxBytes) {
                throw new InvalidFeedException(
                        InvalidFeedException.Reason.MALFORMED,
                        "gzipped sitemap inflates to over " + maxBytes + " bytes");
            }
            return inflated;
        } catch (IOException e) {
            throw new InvalidFeedException(
                    InvalidFeedException.Reason.MALFORMED, "not valid gzip: " + firstLine(e.getMessage()));
        }
    }

    private static String blankToNull(final String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String firstLine(final String message) {
        return message == null
                ? "no detail"
                : message.lines().findFirst().orElse("").strip();
    }
}
