package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The vocabulary's lookups: folded words, keys packed in their slots and keys read from their
 * characters must give the same answers, and no word may pass for another.
 */
class TokenTableTest {
    private static int find(final TokenTable table, final String word) {
        return table.find(word, 0, word.length());
    }

    @Test
    void findsEachKeyWhateverItsCaseAccentsAndDotsAndNoOtherWord() {
        final TokenTable table = new TokenTable();
        // packed keys (1 to 12 Latin letters) and keys read from their characters (longer, other letters)
        final String[] keys = {"a", "us", "armenia", "abcdefghijkl", "abcdefghijklm", "sao", "москва", "zz"};
        final int[] ids = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = table.intern(keys[i]);
        }
        assertThat(find(table, "Armenia")).isEqualTo(ids[2]);
        assertThat(find(table, "ARMENIA")).isEqualTo(ids[2]);
        assertThat(find(table, "U.S.")).isEqualTo(ids[1]);
        assertThat(find(table, "São")).isEqualTo(ids[5]);
        assertThat(find(table, "ABCDEFGHIJKL")).isEqualTo(ids[3]);
        assertThat(find(table, "abcdefghijklm")).isEqualTo(ids[4]);
        assertThat(find(table, "Москва")).isEqualTo(ids[6]);
        assertThat(find(table, "A")).isEqualTo(ids[0]);
        // a letter more, a letter less, another letter: no key
        assertThat(find(table, "Armenias")).isNegative();
        assertThat(find(table, "Armeni")).isNegative();
        assertThat(find(table, "Armenja")).isNegative();
        assertThat(find(table, "abcdefghijk")).isNegative();
        assertThat(find(table, "abcdefghijklmn")).isNegative();
        assertThat(find(table, "z")).isNegative();
        assertThat(find(table, "Москв")).isNegative();
    }

    @Test
    void packsEachShortLatinWordToAValueOfItsOwnAndNoOtherWord() {
        assertThat(TokenTable.packed("a", 0, 1)).isEqualTo(1);
        assertThat(TokenTable.packed("ab", 0, 2)).isEqualTo(1 << 5 | 2);
        // "ab" and "ba", "a" and "aa" differ
        assertThat(TokenTable.packed("ba", 0, 2)).isNotEqualTo(TokenTable.packed("ab", 0, 2));
        assertThat(TokenTable.packed("aa", 0, 2)).isNotEqualTo(TokenTable.packed("a", 0, 1));
        // folded as the hash folds: case, accents and dots
        assertThat(TokenTable.packed("U.S.", 0, 4)).isEqualTo(TokenTable.packed("us", 0, 2));
        assertThat(TokenTable.packed("Zürich", 0, 6)).isEqualTo(TokenTable.packed("zurich", 0, 6));
        // too long, a digit, another script, or nothing: not packed
        assertThat(TokenTable.packed("abcdefghijklm", 0, 13)).isNegative();
        assertThat(TokenTable.packed("a1", 0, 2)).isNegative();
        assertThat(TokenTable.packed("Москва", 0, 6)).isNegative();
        assertThat(TokenTable.packed("...", 0, 3)).isNegative();
    }
}
