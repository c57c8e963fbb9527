package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each fixture page, written to mimic a common news layout, gives exactly its expected article. */
class HtmlFixturesTest {
    private static final ArticleCleaner CLEANER = new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES);
    static final List<String> NAMES = Fixtures.NAMES;

    private static CleanDocument clean(final String name) throws RejectedDocumentException {
        return CLEANER.clean(
                new RawDocument(Fixtures.page(name), "text/html", null, "https://example.org/fixtures/" + name, null));
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void shouldExtractTheHeadlineWithoutTheSiteName(final String name) throws Exception {
        assertThat(clean(name).title())
                .isEqualTo(Fixtures.expected(name).get("title").asText());
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void shouldExtractExactlyTheArticleParagraphs(final String name) throws Exception {
        assertThat(clean(name).paragraphs()).containsExactlyElementsOf(Fixtures.expectedParagraphs(name));
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void shouldReadTheDeclaredMetadataAndNothingElse(final String name) throws Exception {
        final CleanDocument doc = clean(name);
        final JsonNode expected = Fixtures.expected(name);
        assertThat(doc.format()).isEqualTo(DocumentFormat.HTML);
        assertThat(doc.author()).isEqualTo(text(expected, "author"));
        assertThat(doc.publishedAt()).isEqualTo(instant(expected, "publishedAt"));
        assertThat(doc.modifiedAt()).isEqualTo(instant(expected, "modifiedAt"));
        assertThat(doc.canonicalUrl()).isEqualTo(text(expected, "canonicalUrl"));
        assertThat(doc.siteName()).isEqualTo(text(expected, "siteName"));
        assertThat(doc.language()).isEqualTo(text(expected, "language"));
        assertThat(doc.description()).isEqualTo(text(expected, "description"));
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(final JsonNode node, final String field) {
        final String value = text(node, field);
        return value == null ? null : Instant.parse(value);
    }
}
