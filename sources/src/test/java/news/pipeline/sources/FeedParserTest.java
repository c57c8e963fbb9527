package news.pipeline.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class FeedParserTest {
    private static final URI FEED = URI.create("https://news.example.test/feeds/world.xml");
    private final FeedParser parser = new FeedParser(1024 * 1024);

    private ParsedFeed parse(final String document, final String contentType) throws InvalidFeedException {
        return parser.parse(document.getBytes(StandardCharsets.UTF_8), contentType, FEED);
    }

    @Test
    void readsAnRssFeedWithTitlesTimesAndTheChannelLanguage() throws Exception {
        final ParsedFeed feed = parse(
                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W</title><link>https://news.example.test/</link>"
                        + "<description>d</description><language>fr</language>"
                        + "<item><title>Un</title><link>https://news.example.test/a/1</link>"
                        + "<pubDate>Tue, 01 Dec 2026 09:30:00 GMT</pubDate></item>"
                        + "<item><title>Deux</title><link>/a/2</link></item></channel></rss>",
                "application/rss+xml");

        assertThat(feed.kind()).isEqualTo(ParsedFeed.Kind.RSS);
        assertThat(feed.entries())
                .containsExactly(
                        new FeedEntry(
                                URI.create("https://news.example.test/a/1"),
                                "Un",
                                Instant.parse("2026-12-01T09:30:00Z"),
                                "fr"),
                        new FeedEntry(URI.create("https://news.example.test/a/2"), "Deux", null, "fr"));
    }

    @Test
    void readsAnAtomFeedsAlternateLinks() throws Exception {
        final ParsedFeed feed = parse(
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>urn:f</id>"
                        + "<updated>2026-12-01T10:00:00Z</updated><entry><title>A</title><id>urn:a</id>"
                        + "<published>2026-12-01T08:00:00Z</published><updated>2026-12-01T10:00:00Z</updated>"
                        + "<link rel=\"alternate\" href=\"https://news.example.test/a\"/></entry></feed>",
                "application/atom+xml");

        assertThat(feed.kind()).isEqualTo(ParsedFeed.Kind.ATOM);
        assertThat(feed.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.link()).isEqualTo(URI.create("https://news.example.test/a"));
            assertThat(entry.published()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
        });
    }

    @Test
    void readsAGoogleNewsSitemap() throws Exception {
        final ParsedFeed feed = parse(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
                        + " xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
                        + "<url><loc>https://news.example.test/feeds/a/1</loc><news:news><news:publication>"
                        + "<news:name>Example</news:name><news:language>de</news:language></news:publication>"
                        + "<news:publication_date>2026-12-01T09:30:00Z</news:publication_date>"
                        + "<news:title>Eins</news:title></news:news></url></urlset>",
                "application/xml");

        assertThat(feed.kind()).isEqualTo(ParsedFeed.Kind.SITEMAP);
        assertThat(feed.entries())
                .containsExactly(new FeedEntry(
                        URI.create("https://news.example.test/feeds/a/1"),
                        "Eins",
                        Instant.parse("2026-12-01T09:30:00Z"),
                        "de"));
    }

    @Test
    void readsAPlainGzippedSitemapAndASitemapIndex() throws Exception {
        final String sitemap = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url>"
                + "<loc>https://news.example.test/feeds/p</loc><lastmod>2026-11-30</lastmod></url></urlset>";
        final ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(sitemap.getBytes(StandardCharsets.UTF_8));
        }
        final ParsedFeed plain = parser.parse(gzipped.toByteArray(), "application/gzip", FEED);
        assertThat(plain.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.link()).isEqualTo(URI.create("https://news.example.test/feeds/p"));
            assertThat(entry.published()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
            assertThat(entry.title()).isNull();
        });

        final ParsedFeed index = parse(
                "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                        + "<sitemap><loc>https://news.example.test/feeds/s1.xml</loc></sitemap>"
                        + "<sitemap><loc>https://news.example.test/feeds/s2.xml.gz</loc></sitemap></sitemapindex>",
                "text/xml");
        assertThat(index.kind()).isEqualTo(ParsedFeed.Kind.SITEMAP_INDEX);
        assertThat(index.sitemaps())
                .containsExactly(
                        URI.create("https://news.example.test/feeds/s1.xml"),
                        URI.create("https://news.example.test/feeds/s2.xml.gz"));
    }

    @Test
    void aDocumentThatIsNotXmlIsRefusedAsSuch() {
        assertThatThrownBy(() -> parse("Service temporarily unavailable", "text/plain"))
                .isInstanceOfSatisfying(
                        InvalidFeedException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidFeedException.Reason.NOT_XML))
                .hasMessageContaining("Service temporarily");
        assertThatThrownBy(() -> parse("", "text/xml"))
                .isInstanceOfSatisfying(
                        InvalidFeedException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidFeedException.Reason.NOT_XML));
    }

    @Test
    void xmlThatIsNotAFeedIsRefusedWithItsRootElement() {
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?><!-- c --><html><body>hi</body></html>", "text/html"))
                .isInstanceOfSatisfying(
                        InvalidFeedException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidFeedException.Reason.NOT_A_FEED))
                .hasMessageContaining("<html>");
    }

    @Test
    void brokenXmlInAFeedIsMalformed() {
        assertThatThrownBy(() -> parse("<rss version=\"2.0\"><channel><item><title>x</item></rss>", "text/xml"))
                .isInstanceOfSatisfying(
                        InvalidFeedException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidFeedException.Reason.MALFORMED));
    }

    @Test
    void aWrongHttpCharsetGivesWayToTheDocumentsOwnDeclaration() throws Exception {
        final byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>"
                        + "<title>t</title><link>https://news.example.test/</link><description>d</description>"
                        + "<item><title>Zürich à l'heure</title><link>https://news.example.test/z</link></item>"
                        + "</channel></rss>")
                .getBytes(StandardCharsets.ISO_8859_1);

        final ParsedFeed feed = parser.parse(latin1, "application/rss+xml; charset=utf-8", FEED);

        assertThat(feed.entries()).singleElement().extracting(FeedEntry::title).isEqualTo("Zürich à l'heure");
    }

    @Test
    void aMissingCharsetIsReadFromTheDocument() throws Exception {
        final ParsedFeed feed = parser.parse(
                ("<rss version=\"2.0\"><channel><title>t</title><link>https://news.example.test/</link>"
                                + "<description>d</description><item><title>Łódź</title>"
                                + "<link>https://news.example.test/l</link></item></channel></rss>")
                        .getBytes(StandardCharsets.UTF_8),
                "text/xml",
                FEED);

        assertThat(feed.entries()).singleElement().extracting(FeedEntry::title).isEqualTo("Łódź");
    }

    @Test
    void anExternalEntityIsNotResolved() throws IOException {
        final String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<rss version=\"2.0\"><channel><title>&x;</title><link>https://news.example.test/</link>"
                + "<description>d</description><item><title>&x;</title><link>https://news.example.test/x</link>"
                + "</item></channel></rss>";
        try {
            final ParsedFeed feed = parse(xxe, "application/rss+xml");
            assertThat(feed.entries())
                    .allSatisfy(
                            entry -> assertThat(String.valueOf(entry.title())).doesNotContain("root:"));
        } catch (InvalidFeedException refused) {
            assertThat(refused.reason()).isEqualTo(InvalidFeedException.Reason.MALFORMED);
        }
    }
}
