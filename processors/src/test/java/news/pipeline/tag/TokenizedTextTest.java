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
}
