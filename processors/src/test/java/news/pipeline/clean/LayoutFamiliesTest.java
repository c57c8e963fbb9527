package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The layout families: one page per way news sites lay out a story (loose text, {@code <br>}
 * paragraphs, layout tables, AMP, live blogs, galleries, a paywalled teaser with the body in
 * JSON-LD, ...), written for the project under {@code layouts/}, each with its expected body.
 * Scored as the article-extraction benchmark scores (4-token shingles), each page must keep an F1
 * of at least 0.95.
 */
class LayoutFamiliesTest {
    private static final double MIN_F1 = 0.95;
    private static final ArticleCleaner CLEANER = new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES);

    /** Every page; each has {@code NAME.html} and {@code NAME.expected.json} under {@code layouts/}. */
    static final List<String> LAYOUTS = List.of(
            "loose-text",
            "br-paragraphs",
            "layout-table",
            "font-center-legacy",
            "amp-page",
            "live-blog",
            "photo-gallery",
            "paywall-jsonld",
            "teaser-grid",
            "wordpress-blog",
            "comment-thread",
            "headings-lists",
            "pull-quotes",
            "sidebar-first",
            "html5-sections",
            "div-paragraphs",
            "interview",
            "how-to-steps",
            "brief-heavy-chrome",
            "two-articles-scroll",
            "accordion-mobile",
            "newsletter-inline");

    @ParameterizedTest
    @FieldSource("LAYOUTS")
    void shouldExtractTheBodyOfEachLayoutFamily(final String name) throws Exception {
        final List<String> expected = new ArrayList<>();
        Fixtures.readJson("layouts/" + name + ".expected.json")
                .get("paragraphs")
                .forEach(paragraph -> expected.add(paragraph.asText()));
        final String actual = CLEANER.clean(new RawDocument(
                        Fixtures.bytes("layouts/" + name + ".html"),
                        "text/html",
                        null,
                        "https://example.org/layouts/" + name,
                        null))
                .text();
        final double[] pr = Fixtures.shinglePrecisionRecall(String.join("\n\n", expected), actual);
        final double f1 = pr[0] + pr[1] == 0 ? 0 : 2 * pr[0] * pr[1] / (pr[0] + pr[1]);
        assertThat(f1)
                .as("F1 on %s (precision %.3f, recall %.3f); extracted:%n%s", name, pr[0], pr[1], actual)
                .isGreaterThanOrEqualTo(MIN_F1);
    }
}
