package news.pipeline.tag;

/**
 * A fixed set of folded words ({@link TokenizedText#fold}) that a token of a text is looked up in
 * where it stands. The rules ask of the word before or after nearly every match whether it is one
 * of a few dozen ("franc", "flu", "Ltd"); folding it into a new String for a {@code Set} at each
 * question allocated and hashed a String that was thrown away at once.
 */
final class FoldedWords {
    /** Open addressing, a power of two at most half full: a lookup that misses stops at an empty slot soon. */
    private final String[] words;

    private final int[] hashes;

    private FoldedWords(final String[] words, final int[] hashes) {
        this.words = words;
        this.hashes = hashes;
    }

    /** The set of these words, each as {@link TokenizedText#fold} gives it (lower case, no dots). */
    static FoldedWords of(final String... folded) {
        int capacity = 2;
        while (capacity < folded.length * 2) {
            capacity <<= 1;
        }
        final String[] words = new String[capacity];
        final int[] hashes = new int[capacity];
        for (String word : folded) {
            final int hash = TokenizedText.foldedHash(word, 0, word.length());
            int i = hash & (capacity - 1);
            while (words[i] != null) {
                if (words[i].equals(word)) {
                    throw new IllegalArgumentException("duplicate word " + word);
                }
                i = (i + 1) & (capacity - 1);
            }
            words[i] = word;
            hashes[i] = hash;
        }
        return new FoldedWords(words, hashes);
    }

    /** Whether token t of the text, folded, is one of the words. */
    boolean contains(final TokenizedText tokens, final int t) {
        return contains(tokens.foldedHash(t), tokens.source, tokens.start(t), tokens.end(t));
    }

    /** Whether a word already folded is one of the words, exactly as a {@code Set} of them would say. */
    boolean contains(final String folded) {
        final int hash = TokenizedText.foldedHash(folded, 0, folded.length());
        final int mask = words.length - 1;
        for (int i = hash & mask; words[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == hash && words[i].equals(folded)) {
                return true;
            }
        }
        return false;
    }

    /** Whether text[start, end), folded, is one of the words. */
    boolean contains(final String text, final int start, final int end) {
        return contains(TokenizedText.foldedHash(text, start, end), text, start, end);
    }

    /** As {@link #contains(String, int, int)}, with the text's folded hash already known. */
    private boolean contains(final int hash, final String text, final int start, final int end) {
        final int mask = words.length - 1;
        for (int i = hash & mask; words[i] != null; i = (i + 1) & mask) {
            if (hashes[i] == hash && foldsTo(text, start, end, words[i])) {
                return true;
            }
        }
        return false;
    }

    /** Whether token t of the text, folded, is this one word: a comparison without a folded String. */
    static boolean is(final TokenizedText tokens, final int t, final String folded) {
        return foldsTo(tokens.source, tokens.start(t), tokens.end(t), folded);
    }

    /** Whether a[aStart, aEnd) and b[bStart, bEnd), each folded as {@link TokenizedText#fold} folds it, are equal. */
    static boolean sameFolded(
            final String a, final int aStart, final int aEnd, final String b, final int bStart, final int bEnd) {
        int i = aStart;
        int j = bStart;
        while (true) {
            while (i < aEnd && a.charAt(i) == '.') {
                i++;
            }
            while (j < bEnd && b.charAt(j) == '.') {
                j++;
            }
            if (i == aEnd || j == bEnd) {
                return i == aEnd && j == bEnd;
            }
            if (TokenizedText.fold(a.charAt(i)) != TokenizedText.fold(b.charAt(j))) {
                return false;
            }
            i++;
            j++;
        }
    }

    /** Whether text[start, end), folded as {@link TokenizedText#fold} folds it, equals the word. */
    static boolean foldsTo(final String text, final int start, final int end, final String word) {
        int k = 0;
        for (int i = start; i < end; i++) {
            final char c = text.charAt(i);
            if (c == '.') {
                continue;
            }
            if (k >= word.length() || TokenizedText.fold(c) != word.charAt(k)) {
                return false;
            }
            k++;
        }
        return k == word.length();
    }
}
