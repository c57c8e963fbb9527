package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FoldedWordsTest {
    private static final String[] WORDS = {"dollar", "ltd", "flu", "elysee", "and", "of"};

    @Test
    void shouldFindATokenAsASetOfItsFoldedFormWould() {
        final FoldedWords words = FoldedWords.of(WORDS);
        final Set<String> set = Set.of(WORDS);
        final TokenizedText tokens =
                TokenizedText.tokenize("U.S. Dollars DOLLAR dollar, L.T.D. Ltd Élysée Flu flue fl and Of x");
        for (int t = 0; t < tokens.size(); t++) {
            final String folded = TokenizedText.fold(tokens.source, tokens.start(t), tokens.end(t));
            assertThat(words.contains(tokens, t)).as(folded).isEqualTo(set.contains(folded));
            assertThat(words.contains(folded)).as(folded).isEqualTo(set.contains(folded));
        }
        assertThat(words.contains(tokens, 2)).isTrue();
        assertThat(words.contains(tokens, 1)).isFalse();
    }

    @Test
    void shouldTakeAStringAsItIsWithoutFoldingIt() {
        final FoldedWords words = FoldedWords.of(WORDS);
        assertThat(words.contains("dollar")).isTrue();
        assertThat(words.contains("Dollar")).isFalse();
        assertThat(words.contains("l.t.d")).isFalse();
        assertThat(words.contains("")).isFalse();
    }

    @Test
    void shouldRejectADuplicateWord() {
        assertThatThrownBy(() -> FoldedWords.of("flu", "fever", "flu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flu");
    }
}
