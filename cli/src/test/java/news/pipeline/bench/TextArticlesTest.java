package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextArticlesTest {
    private static final List<String> PARAGRAPHS = List.of(
            "Armenia and Azerbaijan traded accusations on Friday after a night of shelling along their border, officials said.",
            "The ministry said talks would resume next week in Vienna, where mediators from France and the United States wait.",
            "Grain prices rose on the Chicago exchange after Egypt bought more wheat than traders expected, dealers said on Monday.",
            "Überraschend kündigte die Regierung in Berlin an, die Förderung für Wasserstoff zu verdoppeln — das Echo war geteilt.");

    @Test
    void everyTextIsBetweenTheBoundsInUtf8Bytes() {
        final TextArticles generator = new TextArticles(PARAGRAPHS, List.of("A headline"), 2048, 8192);
        for (final TextArticles.Text text : generator.generate(500, 1)) {
            assertThat(text.bodyBytes()).isBetween(2048, 8192);
            assertThat(text.title()).isEqualTo("A headline");
        }
    }

    @Test
    void sizesSpreadOverTheWholeRange() {
        final TextArticles generator = new TextArticles(PARAGRAPHS, List.of("t"), 2048, 8192);
        final List<Integer> sizes = new ArrayList<>();
        generator.generate(500, 3).forEach(text -> sizes.add(text.bodyBytes()));
        final double mean = sizes.stream().mapToInt(Integer::intValue).average().orElse(0);
        assertThat(mean).isBetween(4500.0, 5700.0);
        assertThat(sizes.stream().mapToInt(Integer::intValue).min().orElse(0)).isLessThan(2600);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElse(0)).isGreaterThan(7600);
    }

    @Test
    void theSameSeedGivesTheSameTexts() {
        final TextArticles generator = new TextArticles(PARAGRAPHS, List.of("a", "b"), 2048, 4096);
        assertThat(generator.generate(20, 42)).isEqualTo(generator.generate(20, 42));
        assertThat(generator.generate(20, 42)).isNotEqualTo(generator.generate(20, 43));
    }

    @Test
    void aTextSplitsIntoProseParagraphsAtBlankLinesAndIndentedLines() {
        final String text = "Short line\n\nThe first paragraph runs over two lines\nof a wire story and is long enough.\n"
                + "    The second paragraph starts indented, as Reuters stories do, and is long.\n\nShare this";
        assertThat(TextArticles.paragraphsOf(text)).containsExactly(
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
