package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Fails when extraction on the fixture pages falls below the quality it had when the floors were
 * set, measured as the article-extraction benchmark does (4-token shingles). Raise the floors when
 * the cleaner gets better; never lower them to make a change pass.
 */
class ExtractionQualityRegressionTest {
    /** Lowest precision and recall accepted on any single fixture page. */
    private static final double PAGE_FLOOR = 1.0;
    /** Lowest mean F1 over all fixture pages. */
    private static final double MEAN_F1_FLOOR = 1.0;

    @Test
    void shouldKeepFixtureExtractionQuality() throws Exception {
        final ArticleCleaner cleaner = new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES);
        double f1Sum = 0;
        final StringBuilder report = new StringBuilder();
        for (String name : Fixtures.NAMES) {
            final String expected = String.join("\n\n", Fixtures.expectedParagraphs(name));
            final String actual = cleaner.clean(new RawDocument(Fixtures.page(name), "text/html", null, null, null))
                    .text();
            final double[] pr = Fixtures.shinglePrecisionRecall(expected, actual);
            final double f1 = pr[0] + pr[1] == 0 ? 0 : 2 * pr[0] * pr[1] / (pr[0] + pr[1]);
            f1Sum += f1;
            report.append(String.format("%s P=%.3f R=%.3f%n", name, pr[0], pr[1]));
            assertThat(pr[0]).as("precision on %s%n%s", name, report).isGreaterThanOrEqualTo(PAGE_FLOOR);
            assertThat(pr[1]).as("recall on %s%n%s", name, report).isGreaterThanOrEqualTo(PAGE_FLOOR);
        }
        assertThat(f1Sum / Fixtures.NAMES.size()).as("mean F1%n%s", report).isGreaterThanOrEqualTo(MEAN_F1_FLOOR);
    }
}
