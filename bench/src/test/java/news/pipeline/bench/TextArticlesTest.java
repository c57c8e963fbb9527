package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextArticlesTest {
    private static final List<String> PARAGRAPHS_A = List.of(
            "Armenia and Azerbaijan traded accusations on Friday after a night of shelling along their border, officials said.",
            "The ministry said talks would resume next week in Vienna, where mediators from France and the United States wait.",
            "Grain prices rose on the Chicago exchange after Egypt bought more wheat than traders expected, dealers said on Monday.",
            "Überraschend kündigte die Regierung in Berlin an, die Förderung für Wasserstoff zu verdoppeln — das Echo war geteilt.");

    /** A story of 2.5 to 3 KB. */
    private static final TextArticles.Story SHORT = new TextArticles.Story("short", repeat(PARAGRAPHS_A, 22));
    /** A story of about 10 KB. */
    private static final TextArticles.Story LONG = new TextArticles.Story("long", repeat(PARAGRAPHS_A, 80));
    /** Below the minimum on its own. */
    private static final TextArticles.Story TINY = new TextArticles.Story("tiny", List.of(PARAGRAPHS_A.get(0)));

    private static List<String> repeat(final List<String> paragraphs, final int times) {
        final List<String> all = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            all.add(paragraphs.get(i % paragraphs.size()) + " (" + i + ")");
        }
        return all;
    }

    @Test
    void everyTextIsBetweenTheBoundsInUtf8Bytes() {
        final TextArticles generator = new TextArticles(List.of(SHORT, LONG, TINY), 2048, 8192);
        for (final TextArticles.Text text : generator.generate(500, 1)) {
            assertThat(text.bodyBytes()).isBetween(2048, 8192);
            assertThat(text.title()).isIn("short", "long");
        }
    }

    @Test
    void anArticleIsOneStoryInOrderWhenTheStoryIsLongEnough() {
        final TextArticles generator = new TextArticles(List.of(LONG), 2048, 8192);
        for (final TextArticles.Text text : generator.generate(50, 5)) {
            assertThat(text.body())
                    .startsWith(LONG.paragraphs().get(0) + "\n\n"
                            + LONG.paragraphs().get(1));
        }
    }

    @Test
    void aStoryBelowTheMinimumIsContinuedWithAnother() {
        final TextArticles generator = new TextArticles(List.of(TINY), 2048, 8192);
        assertThat(generator.storiesLongEnough()).isZero();
        for (final TextArticles.Text text : generator.generate(20, 9)) {
            assertThat(text.bodyBytes()).isBetween(2048, 8192);
        }
    }

    @Test
    void sizesSpreadOverTheWholeRange() {
        final TextArticles generator = new TextArticles(List.of(LONG), 2048, 8192);
        final List<Integer> sizes = new ArrayList<>();
        generator.generate(500, 3).forEach(text -> sizes.add(text.bodyBytes()));
        final double mean = sizes.stream().mapToInt(Integer::intValue).average().orElse(0);
        assertThat(mean).isBetween(4500.0, 5700.0);
        assertThat(sizes.stream().mapToInt(Integer::intValue).min().orElse(0)).isLessThan(2600);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(7600);
    }

    @Test
    void theSameSeedGivesTheSameTexts() {
        final TextArticles generator = new TextArticles(List.of(SHORT, LONG), 2048, 4096);
        assertThat(generator.generate(20, 42)).isEqualTo(generator.generate(20, 42));
        assertThat(generator.generate(20, 42)).isNotEqualTo(generator.generate(20, 43));
    }

    @Test
    void aTextSplitsIntoProseParagraphsAtBlankLinesAndIndentedLines() {
        final String text =
                "Short line\n\nThe first paragraph runs over two lines\nof a wire story and is long enough.\n"
                        + "    The second paragraph starts indented, as Reuters stories do, and is long.\n\nShare this";
        assertThat(TextArticles.paragraphsOf(text))
                .containsExactly(
                        "The first paragraph runs over two lines of a wire story and is long enough.",
                        "The second paragraph starts indented, as Reuters stories do, and is long.");
    }

    @Test
    void aCutEndsAtAWordWithinTheBudget() {
        final String cut = TextArticles.cutAtWord("one two three four", 10);
        assertThat(cut).isEqualTo("one two.");
        assertThat(TextArticles.utf8Length(cut)).isLessThanOrEqualTo(10);
        assertThat(TextArticles.cutAtWord("one two", 0)).isEmpty();
    }
}
