package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizedTextTest {
    /** Each token as its text and flags: "U.S./UPPER_FIRST,ALL_UPPER,ABBREVIATION". */
    private static List<String> tokens(final String text) {
        final TokenizedText tokens = TokenizedText.tokenize(text);
        final List<String> out = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            final List<String> flags = new ArrayList<>();
            if (tokens.is(t, TokenizedText.UPPER_FIRST)) {
                flags.add("UPPER_FIRST");
            }
            if (tokens.is(t, TokenizedText.ALL_UPPER)) {
                flags.add("ALL_UPPER");
            }
            if (tokens.is(t, TokenizedText.ABBREVIATION)) {
                flags.add("ABBREVIATION");
            }
            out.add(text.substring(tokens.start(t), tokens.end(t)) + "/" + String.join(",", flags));
        }
        return out;
    }

    @Test
    void shouldCutWordsAtSpacesHyphensAndApostrophesAndSkipNumbers() {
        assertThat(tokens("Turkey's 12 Armenian-Azerbaijani talks, 3rd round"))
                .containsExactly(
                        "Turkey/UPPER_FIRST",
                        "s/",
                        "Armenian/UPPER_FIRST",
                        "Azerbaijani/UPPER_FIRST",
                        "talks/",
                        "round/");
    }

    @Test
    void shouldKeepDottedAbbreviationsWholeWithTheirLastLetters() {
        assertThat(tokens("U.S.-led talks in N.Y. and N.S.W, not U.S.A or W.Va"))
                .containsExactly(
                        "U.S./UPPER_FIRST,ALL_UPPER,ABBREVIATION",
                        "led/",
                        "talks/",
                        "in/",
                        "N.Y./UPPER_FIRST,ALL_UPPER,ABBREVIATION",
                        "and/",
                        "N.S.W/UPPER_FIRST,ALL_UPPER,ABBREVIATION",
                        "not/",
                        "U.S.A/UPPER_FIRST,ALL_UPPER,ABBREVIATION",
                        "or/",
                        // one letter and a dot do not make an abbreviation: two are needed
                        "W/UPPER_FIRST,ALL_UPPER",
                        "Va/UPPER_FIRST");
    }

    @Test
    void shouldTellCapitalisedFromAllCapitals() {
        assertThat(tokens("SAN JOSE, Calif. ÉLYSÉE élysée"))
                .containsExactly(
                        "SAN/UPPER_FIRST,ALL_UPPER",
                        "JOSE/UPPER_FIRST,ALL_UPPER",
                        "Calif/UPPER_FIRST",
                        "ÉLYSÉE/UPPER_FIRST,ALL_UPPER",
                        "élysée/");
    }

    @Test
    void shouldHandleEdgesOfTheText() {
        assertThat(tokens("")).isEmpty();
        assertThat(tokens("  ")).isEmpty();
        assertThat(tokens("2024")).isEmpty();
        assertThat(tokens("Paris")).containsExactly("Paris/UPPER_FIRST");
        assertThat(tokens("a.b.")).containsExactly("a.b./ABBREVIATION");
        assertThat(tokens("a.b")).containsExactly("a/", "b/");
    }

    @Test
    void shouldFindRunsAcrossTheTokenizersBlocksOf64Characters() {
        // the first pass reads the text 64 characters at a time: runs that end at a block's last
        // character, start at a block's first, straddle two blocks or reach a text of whole blocks' end
        final String sixtyFour = "a".repeat(64);
        assertThat(tokens(sixtyFour)).containsExactly(sixtyFour + "/");
        assertThat(tokens(sixtyFour + sixtyFour)).containsExactly(sixtyFour + sixtyFour + "/");
        assertThat(tokens("b".repeat(63) + " " + sixtyFour)).containsExactly("b".repeat(63) + "/", sixtyFour + "/");
        assertThat(tokens(" ".repeat(60) + "Paris " + " ".repeat(58) + "Lyon"))
                .containsExactly("Paris/UPPER_FIRST", "Lyon/UPPER_FIRST");
        assertThat(tokens(" ".repeat(64) + "Nice" + " ".repeat(60))).containsExactly("Nice/UPPER_FIRST");
    }

    @Test
    void shouldHashATokenAsItsFoldedTextHashesAskedOnceOrAgain() {
        final TokenizedText tokens = TokenizedText.tokenize("U.S. Élysée élysée said");
        for (int t = 0; t < tokens.size(); t++) {
            final int expected = TokenizedText.foldedHash(tokens.source, tokens.start(t), tokens.end(t));
            assertThat(tokens.foldedHash(t)).isEqualTo(expected);
            assertThat(tokens.foldedHash(t)).isEqualTo(expected);
        }
        assertThat(tokens.foldedHash(1)).isEqualTo(tokens.foldedHash(2));
        assertThat(tokens.foldedHash(0)).isEqualTo(TokenizedText.foldedHash("us", 0, 2));
    }

    @Test
    void shouldFindTheNextCapitalisedTokenAcrossWordsOfSixtyFourTokensAndWithinARange() {
        // capitals at a word's first and last bit, then none for more than a word of tokens
        final StringBuilder text = new StringBuilder();
        for (int t = 0; t < 200; t++) {
            text.append(t == 0 || t == 63 || t == 64 || t == 130 || t == 199 ? "Word " : "word ");
        }
        // buffers kept from text to text, as a tagger's thread keeps them: a longer text's bits are stale
        final TokenizedText.Buffers buffers = new TokenizedText.Buffers();
        final TokenizedText previous = TokenizedText.tokenize("Stale Capitals " + "Everywhere ".repeat(300), buffers);
        assertThat(previous.size()).isEqualTo(302);
        final TokenizedText tokens = TokenizedText.tokenize(text.toString(), buffers);
        for (int to = 0; to <= tokens.size(); to++) {
            for (int t = 0; t <= to; t++) {
                int expected = t;
                while (expected < to && !tokens.is(expected, TokenizedText.UPPER_FIRST)) {
                    expected++;
                }
                assertThat(tokens.nextCapitalised(t, to))
                        .as("from %d to %d", t, to)
                        .isEqualTo(expected);
            }
        }
    }
}
