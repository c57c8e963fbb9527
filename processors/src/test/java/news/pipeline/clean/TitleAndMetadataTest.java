package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the headline and the declared metadata are read from a page's head. */
class TitleAndMetadataTest {
    private static final ArticleCleaner CLEANER = new ArticleCleaner();
    private static final String BODY =
            "<p>The council approved the budget on Monday, after a debate that lasted, by most"
                    + " accounts, well into the night.</p>";

    private static CleanDocument page(final String head, final String body) throws Exception {
        final String html = "<html><head>" + head + "</head><body>" + body + BODY + "</body></html>";
        return CLEANER.clean(new RawDocument(
                html.getBytes(StandardCharsets.UTF_8), "text/html", null, "https://news.example/2024/budget", null));
    }

    @Test
    void shouldDropTheSiteNameDeclaredByOpenGraph() throws Exception {
        assertThat(page(
                                "<title>Budget passes after long night | Valley Times</title>"
                                        + "<meta property='og:site_name' content='Valley Times'>",
                                "")
                        .title())
                .isEqualTo("Budget passes after long night");
        assertThat(page(
                                "<title>Valley Times - Budget passes after long night</title>"
                                        + "<meta property='og:site_name' content='Valley Times'>",
                                "")
                        .title())
                .isEqualTo("Budget passes after long night");
    }

    @Test
    void shouldDropAShortSiteSuffixWithoutADeclaredSiteName() throws Exception {
        assertThat(page("<title>Budget passes after long night | Valley Times</title>", "")
                        .title())
                .isEqualTo("Budget passes after long night");
        assertThat(page("<title>Budget passes after a long night - Entermedia</title>", "")
                        .title())
                .isEqualTo("Budget passes after a long night");
    }

    @Test
    void shouldDropAShortSitePrefix() throws Exception {
        assertThat(page("<title>Town Crier :: Bridge festival draws record crowd</title>", "")
                        .title())
                .isEqualTo("Bridge festival draws record crowd");
        assertThat(page("<title>Milan Design Week 2018 | A light installation for FLOS</title>", "")
                        .title())
                .as("a long first part is part of the headline")
                .isEqualTo("Milan Design Week 2018 | A light installation for FLOS");
    }

    @Test
    void shouldKeepHyphensThatArePartOfTheHeadline() throws Exception {
        assertThat(page("<title>Storm hits coast - thousands without power</title>", "")
                        .title())
                .isEqualTo("Storm hits coast - thousands without power");
    }

    @Test
    void shouldPreferThePageHeadingWhenTheDeclaredTitleDecoratesIt() throws Exception {
        assertThat(page(
                                "<title>Budget passes after long night :: Valley Times Online Edition</title>",
                                "<h1>Budget passes after long night</h1>")
                        .title())
                .isEqualTo("Budget passes after long night");
    }

    @Test
    void shouldNotTakeTheSiteNameHeadingAsTheHeadline() throws Exception {
        assertThat(page(
                                "<meta property='og:title' content='September open thread'>"
                                        + "<meta property='og:site_name' content='The Policy Blog'>",
                                "<h1>The Policy Blog</h1>")
                        .title())
                .isEqualTo("September open thread");
    }

    @Test
    void shouldUseTheTitleHintWhenThePageHasNoTitle() throws Exception {
        final String html = "<html><body>" + BODY + "</body></html>";
        assertThat(CLEANER.clean(new RawDocument(
                                html.getBytes(StandardCharsets.UTF_8), "text/html", null, null, "Budget passes"))
                        .title())
                .isEqualTo("Budget passes");
        assertThat(CLEANER.clean(new RawDocument(html.getBytes(StandardCharsets.UTF_8), "text/html", null, null, null))
                        .title())
                .isEmpty();
    }

    @Test
    void shouldReadJsonLdAuthorsDatesAndLanguage() throws Exception {
        final CleanDocument doc = page(
                "<script type='application/ld+json'>{\"@context\":\"https://schema.org\","
                        + "\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},{\"@type\":\"NewsArticle\",\"headline\":\"Budget passes\","
                        + "\"author\":[{\"@type\":\"Person\",\"name\":\"Ana Ruiz\"},{\"@type\":\"Person\",\"name\":\"Leo Park\"}],"
                        + "\"datePublished\":\"2024-05-02T08:00:00+0200\",\"dateModified\":\"2024-05-02T10:30:00+02:00\","
                        + "\"inLanguage\":\"es_ES\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Valley Times\"}}]}</script>",
                "");
        assertThat(doc.title()).isEqualTo("Budget passes");
        assertThat(doc.author()).isEqualTo("Ana Ruiz, Leo Park");
        assertThat(doc.publishedAt()).isEqualTo(Instant.parse("2024-05-02T06:00:00Z"));
        assertThat(doc.modifiedAt()).isEqualTo(Instant.parse("2024-05-02T08:30:00Z"));
        assertThat(doc.language()).isEqualTo("es-ES");
        assertThat(doc.siteName()).isEqualTo("Valley Times");
    }

    /** Blocks that name no article type are not parsed; an article type written with JSON escapes still counts. */
    @Test
    void shouldFindTheArticleBlockAfterBlocksOfOtherTypesAndWhenItsTypeIsEscaped() throws Exception {
        final CleanDocument doc = page(
                "<script type='application/ld+json'>{\"@type\":\"WebSite\",\"name\":\"Valley Times\"}</script>"
                        + "<script type='application/ld+json'>{\"@type\":\"BreadcrumbList\",\"itemListElement\":[]}</script>"
                        + "<script type='application/ld+json'>{\"@type\":\"News\\u0041rticle\",\"headline\":\"Budget passes\"}</script>",
                "");
        assertThat(doc.title()).isEqualTo("Budget passes");
        assertThat(JsonLd.mayNameAnArticleType("{\"@type\":\"WebSite\",\"name\":\"x\"}"))
                .isFalse();
        for (final String type :
                new String[] {"NewsArticle", "BLOGPOSTING", "Report", "LiveBlogPosting", "ScholarlyArticle"}) {
            assertThat(JsonLd.mayNameAnArticleType("{\"@type\":\"" + type + "\"}"))
                    .as(type)
                    .isTrue();
        }
    }

    @Test
    void shouldLeaveAbsentOrMeaninglessMetadataNull() throws Exception {
        final CleanDocument doc = page(
                "<meta property='article:published_time' content='0001-01-01T00:00:00Z'>"
                        + "<meta name='date' content='2024-05-02T08:00:00'><meta name='author' content='https://news.example/ana'>"
                        + "<link rel='canonical' href='not a url with spaces'>",
                "");
        assertThat(doc.publishedAt())
                .as("placeholder and zone-less dates are not facts")
                .isNull();
        assertThat(doc.author()).isNull();
        assertThat(doc.language()).isNull();
        assertThat(doc.description()).isNull();
        assertThat(doc.siteName()).isNull();
    }

    @Test
    void shouldStripAByFromTheAuthorAndReadTimeElements() throws Exception {
        final CleanDocument doc = page(
                "<meta name='author' content='By ANA RUIZ, AP Writer'>",
                "<article><time datetime='2023-01-15'>Jan 15</time></article>");
        assertThat(doc.author()).isEqualTo("ANA RUIZ, AP Writer");
        assertThat(doc.publishedAt()).isEqualTo(Instant.parse("2023-01-15T00:00:00Z"));
    }

    @Test
    void shouldResolveARelativeCanonicalLinkAgainstThePageUrl() throws Exception {
        assertThat(page("<link rel='canonical' href='/2024/budget-passes'>", "").canonicalUrl())
                .isEqualTo("https://news.example/2024/budget-passes");
    }
}
