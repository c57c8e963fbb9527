package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile pages cost bounded time and memory and end in an article or a clear rejection, never a crash. */
class HostileInputTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final ArticleCleaner LARGE = new ArticleCleaner(16 * 1024 * 1024);
    private static final String PARAGRAPH =
            "<p>Officials said on Monday that the new budget, which includes higher spending on schools, would pass.</p>";

    private static Object run(final String content) {
        return assertTimeoutPreemptively(BOUND, () -> {
            try {
                return LARGE.clean(new RawDocument(content.getBytes(StandardCharsets.UTF_8), null, null, null, null));
            } catch (RejectedDocumentException e) {
                return e;
            }
        });
    }

    @Test
    void shouldCleanATenMebibytePage() {
        final StringBuilder page = new StringBuilder("<html><body>");
        while (page.length() < 10 * 1024 * 1024) {
            page.append("<div class=\"story\">").append(PARAGRAPH).append("<a href=\"/next\">Next</a></div>\n");
        }
        assertThat(run(page.toString())).isInstanceOf(CleanDocument.class);
    }

    @Test
    void shouldSurviveMarkupNestedAHundredThousandLevelsDeep() {
        final String page = "<html><body>" + "<div>".repeat(100_000) + PARAGRAPH + "</div>".repeat(100_000);
        final Object result = run(page);
        assertThat(result).isInstanceOf(CleanDocument.class);
        assertThat(((CleanDocument) result).text()).contains("new budget");
    }

    @Test
    void shouldSurviveDeeplyNestedInlineAndTableMarkup() {
        assertThat(run("<body>" + "<b><i>".repeat(50_000) + "text, with commas, long enough to count as prose"))
                .isInstanceOf(CleanDocument.class);
        assertThat(run("<body>" + "<table><tr><td>".repeat(50_000) + "a cell, with commas, long enough to be prose"))
                .isInstanceOf(CleanDocument.class);
    }

    @Test
    void shouldSurviveATagWithAMillionAttributes() {
        final StringBuilder tag = new StringBuilder("<html><body><p ");
        for (int i = 0; i < 1_000_000; i++) {
            tag.append('a').append(i).append(' ');
        }
        tag.append(">Officials said on Monday that the new budget would pass, after a long debate.</p></body></html>");
        assertThat(run(tag.toString())).isInstanceOf(CleanDocument.class);
    }

    @Test
    void shouldSurviveOneHugeRepeatedToken() {
        assertThat(run("<html><body><p>" + "ab".repeat(4_000_000) + "</p></body></html>"))
                .isInstanceOf(CleanDocument.class);
        assertThat(run("word".repeat(3_000_000))).isInstanceOf(CleanDocument.class);
    }

    @Test
    void shouldRejectBinaryJunkQuickly() {
        final byte[] junk = new byte[8 * 1024 * 1024];
        new Random(7).nextBytes(junk);
        final Throwable thrown = assertTimeoutPreemptively(
                BOUND, () -> catchThrowable(() -> LARGE.clean(new RawDocument(junk, "text/html", null, null, null))));
        assertThat(thrown)
                .isInstanceOfSatisfying(
                        RejectedDocumentException.class,
                        e -> assertThat(e.rejection()).isEqualTo(Rejection.UNDECODABLE_TEXT));
    }

    @Test
    void shouldSurviveBrokenEncodingsAndTruncatedMarkup() {
        final byte[] broken =
                ("<html><head><meta charset=\"utf-8\"></head><body><p>Caf\u00e9 prices rose, the survey found,"
                                + " across the country \u00e2\u0080\u0099 ")
                        .getBytes(StandardCharsets.ISO_8859_1);
        final Object result = assertTimeoutPreemptively(BOUND, () -> {
            try {
                return LARGE.clean(new RawDocument(broken, null, null, null, null));
            } catch (RejectedDocumentException e) {
                return e;
            }
        });
        assertThat(result).isInstanceOfAny(CleanDocument.class, RejectedDocumentException.class);
        assertThat(run("<html><body><p>Unclosed <b>bold <a href=\"x"))
                .isInstanceOfAny(CleanDocument.class, RejectedDocumentException.class);
        assertThat(run("<".repeat(1_000_000))).isInstanceOfAny(CleanDocument.class, RejectedDocumentException.class);
    }

    @Test
    void shouldSurviveHugeAndDeepJsonLd() {
        final String page = "<html><head><script type=\"application/ld+json\">" + "[".repeat(200_000)
                + "</script><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":"
                + "{\"a\":".repeat(50_000)
                + "</script></head><body>" + PARAGRAPH + "</body></html>";
        assertThat(run(page)).isInstanceOf(CleanDocument.class);
    }
}
