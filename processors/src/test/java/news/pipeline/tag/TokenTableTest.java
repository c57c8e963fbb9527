package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The vocabulary's lookups: each key found however it is written, and no word passing for another. */
class TokenTableTest {
    private static int find(final TokenTable table, final String word) {
        return table.find(word, 0, word.length());
    }

    /** A word of its own for each number: "filler" and the number in letters. */
    private static String filler(final int number) {
        final StringBuilder word = new StringBuilder("filler");
        int rest = number;
        do {
            word.append((char) ('a' + rest % 26));
            rest /= 26;
        } while (rest > 0);
        return word.toString();
    }

    @Test
    void findsEachKeyWhateverItsCaseAccentsAndDotsAndNoOtherWord() {
        final TokenTable table = new TokenTable();
        // enough words to fill the table past its first size, so that it grows
        for (int i = 0; i < 20_000; i++) {
            assertThat(table.intern(filler(i))).isEqualTo(i);
        }
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
        assertThat(find(table, "Filler")).isNegative();
        assertThat(find(table, "FILLERB")).isEqualTo(1);
    }
}
