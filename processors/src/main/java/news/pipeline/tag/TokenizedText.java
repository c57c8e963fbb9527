package news.pipeline.tag;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * One text cut into word tokens in a single pass. A token is a run of letters and digits that opens
 * with a letter (numbers are skipped), or a
 * dotted abbreviation ("U.S.", "N.Y."). Hyphens, apostrophes and spaces separate tokens, so
 * "Armenian-Azerbaijani" and "Turkey's" give their country words as tokens of their own. Tokens
 * are compared folded: lower case, accents and dots removed ("Élysée" = "elysee", "U.S." = "us").
 */
final class TokenizedText {
    /** Token flags: capitalised, all capitals, dotted abbreviation. */
    static final int UPPER_FIRST = 1;

    static final int ALL_UPPER = 2;
    static final int ABBREVIATION = 4;

    private static final char[] FOLD = new char[0x10000];
    private static final boolean[] WORD = new boolean[0x10000];
    /** Character classes, one lookup per character in the tokenizer's loop. */
    private static final byte[] CLASS = new byte[0x10000];
    /** Character class bits: letter or digit, upper case, lower case, letter. */
    private static final byte C_WORD = 1;

    private static final byte C_UPPER = 2;
    private static final byte C_LOWER = 4;
    private static final byte C_LETTER = 8;
    /** Latin-1 Supplement to Latin Extended-B (U+00C0..U+024F): the accented letters of European names. */
    private static final int LATIN_ACCENTED_FIRST = 0xC0;

    private static final int LATIN_ACCENTED_END = 0x250;
    /** Initial capacity guess: an English word and its space average about five characters; arrays grow past it. */
    private static final int CHARS_PER_TOKEN = 5;
    /** Smallest initial capacity, so a short title needs no growing. */
    private static final int MIN_CAPACITY = 16;
    /** A new line indented by this many spaces starts a paragraph, as wire copy indents them. */
    private static final int INDENT_SPACES = 2;
    /** An abbreviation's dot after a capitalised token this short ("Mr.", "Dr.") ends no sentence. */
    private static final int MAX_TITLE_ABBREVIATION_CHARS = 3;

    static {
        for (int c = 0; c < 0x10000; c++) {
            final char ch = (char) c;
            WORD[c] = Character.isLetterOrDigit(ch);
            CLASS[c] = (byte) ((WORD[c] ? C_WORD : 0)
                    | (Character.isUpperCase(ch) ? C_UPPER : 0)
                    | (Character.isLowerCase(ch) ? C_LOWER : 0)
                    | (Character.isLetter(ch) ? C_LETTER : 0));
            char folded = Character.toLowerCase(ch);
            // Latin letters with diacritics fold to their base letter ("É" = "e"); other scripts stay
            if (c >= LATIN_ACCENTED_FIRST && c < LATIN_ACCENTED_END && WORD[c]) {
                final String decomposed = Normalizer.normalize(String.valueOf(ch), Normalizer.Form.NFD);
                if (!decomposed.isEmpty() && decomposed.charAt(0) < 0x80) {
                    folded = Character.toLowerCase(decomposed.charAt(0));
                }
            }
            FOLD[c] = folded;
        }
    }

    final String source;
    private int[] starts;
    private int[] ends;
    private int[] flags;
    private int size;

    private TokenizedText(final String source) {
        this.source = source;
        final int cap = Math.max(MIN_CAPACITY, source.length() / CHARS_PER_TOKEN);
        starts = new int[cap];
        ends = new int[cap];
        flags = new int[cap];
    }

    static boolean isWord(final char c) {
        return WORD[c];
    }

    static char fold(final char c) {
        return FOLD[c];
    }

    static TokenizedText tokenize(final String text) {
        final TokenizedText tokens = new TokenizedText(text);
        // the hot loop reads a char array: cheaper than String.charAt per character
        final char[] chars = text.toCharArray();
        final int n = chars.length;
        int i = 0;
        while (i < n) {
            final int cls = CLASS[chars[i]];
            if ((cls & C_WORD) == 0) {
                i++;
                continue;
            }
            final int start = i;
            // dotted abbreviation: letter '.' letter '.' ...
            if ((cls & C_LETTER) != 0
                    && i + 3 < n
                    && chars[i + 1] == '.'
                    && (CLASS[chars[i + 2]] & C_LETTER) != 0
                    && chars[i + 3] == '.') {
                int end = i;
                while (end + 1 < n && (CLASS[chars[end]] & C_LETTER) != 0 && chars[end + 1] == '.') {
                    end += 2;
                }
                // "U.S.A" without the last dot, or "W.Va": take the trailing letters too
                while (end < n && WORD[chars[end]]) {
                    end++;
                }
                tokens.add(start, end, flagsOf(chars, start, end) | ABBREVIATION);
                i = end;
                continue;
            }
            if ((cls & C_LETTER) == 0) {
                // numbers and other runs that open with no letter name no place: skipped, so the
                // gaps around them hold digits and never join two tokens into one name
                int end = i + 1;
                while (end < n && WORD[chars[end]]) {
                    end++;
                }
                i = end;
                continue;
            }
            boolean lower = (cls & C_LOWER) != 0;
            int end = i + 1;
            while (end < n) {
                final int next = CLASS[chars[end]];
                if ((next & C_WORD) == 0) {
                    break;
                }
                lower |= (next & C_LOWER) != 0;
                end++;
            }
            final int caseFlags = (cls & C_UPPER) != 0 ? (lower ? UPPER_FIRST : UPPER_FIRST | ALL_UPPER) : 0;
            tokens.add(start, end, caseFlags);
            i = end;
        }
        return tokens;
    }

    private static int flagsOf(final char[] chars, final int start, final int end) {
        if ((CLASS[chars[start]] & C_UPPER) == 0) {
            return 0;
        }
        for (int i = start; i < end; i++) {
            if ((CLASS[chars[i]] & C_LOWER) != 0) {
                return UPPER_FIRST;
            }
        }
        return UPPER_FIRST | ALL_UPPER;
    }

    private void add(final int start, final int end, final int tokenFlags) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            flags = Arrays.copyOf(flags, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        flags[size] = tokenFlags;
        size++;
    }

    int size() {
        return size;
    }

    int start(final int t) {
        return starts[t];
    }

    int end(final int t) {
        return ends[t];
    }

    int flags(final int t) {
        return flags[t];
    }

    boolean is(final int t, final int flag) {
        return (flags[t] & flag) != 0;
    }

    /**
     * Whether tokens t-1 and t may belong to one name: spaces, or one hyphen, apostrophe or dot.
     * Numbers are no tokens, so a number between two words makes them unjoinable.
     */
    boolean joinable(final int t) {
        int punct = 0;
        for (int i = ends[t - 1]; i < starts[t]; i++) {
            final char c = source.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\u00a0') {
                continue;
            }
            if ((c == '-' || c == '\'' || c == '\u2019' || c == '.' || c == '\u2010' || c == '\u2011') && punct == 0) {
                punct++;
                continue;
            }
            return false;
        }
        return true;
    }

    /** Whether the characters between tokens t-1 and t are one hyphen (a compound, "U.S.-led"). */
    boolean hyphenBefore(final int t) {
        if (t == 0 || t >= size) {
            return false;
        }
        final int gap = starts[t] - ends[t - 1];
        if (gap == 1) {
            final char c = source.charAt(ends[t - 1]);
            return c == '-' || c == '\u2010' || c == '\u2011';
        }
        // "U.S.-led": the abbreviation's own dot is part of the token, so the gap is the hyphen alone
        return false;
    }

    /** Whether only white space separates tokens t-1 and t. */
    boolean spaceBefore(final int t) {
        if (t == 0) {
            return false;
        }
        final int gapStart = ends[t - 1];
        final int gapEnd = starts[t];
        if (gapEnd == gapStart) {
            return false;
        }
        for (int i = gapStart; i < gapEnd; i++) {
            final char c = source.charAt(i);
            if (c != ' ' && c != '\u00a0' && c != '\n' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether token t opens a sentence: first token, or the last non-space character before it ends
     * a sentence, opens a quote or a parenthesis, or is a dateline dash.
     */
    boolean sentenceStart(final int t) {
        if (t == 0) {
            return true;
        }
        for (int i = starts[t] - 1; i >= ends[t - 1]; i--) {
            final char c = source.charAt(i);
            switch (c) {
                case ' ', '\n', '\t', '\r', '\u00a0' -> {}
                case '"', '\u201c', '\u2018', '(', '[' -> {}
                case '.', '!', '?', ':', ';', '-', '\u2013', '\u2014' -> {
                    // an abbreviation's dot ("Mr. Jordan") is inside the previous token or right after it
                    return !(c == '.'
                            && i == ends[t - 1]
                            && ends[t - 1] - starts[t - 1] <= MAX_TITLE_ABBREVIATION_CHARS
                            && (flags[t - 1] & UPPER_FIRST) != 0
                            && !is(t - 1, ALL_UPPER));
                }
                default -> {
                    return false;
                }
            }
        }
        // the previous token's last character is an abbreviation dot ("in the U.S. The ...")
        return is(t - 1, ABBREVIATION)
                && source.charAt(ends[t - 1] - 1) == '.'
                && is(t, UPPER_FIRST)
                && starts[t] > ends[t - 1];
    }

    /** Whether a paragraph break (blank line, or a new line indented) lies between tokens t-1 and t. */
    boolean paragraphBefore(final int t) {
        if (t == 0) {
            return true;
        }
        final int gapStart = ends[t - 1];
        final int gapEnd = starts[t];
        for (int i = gapStart; i < gapEnd; i++) {
            if (source.charAt(i) == '\n') {
                int j = i + 1;
                int spaces = 0;
                while (j < gapEnd
                        && (source.charAt(j) == ' ' || source.charAt(j) == '\t' || source.charAt(j) == '\r')) {
                    spaces++;
                    j++;
                }
                if (j < gapEnd && source.charAt(j) == '\n' || spaces >= INDENT_SPACES) {
                    return true;
                }
            }
        }
        return false;
    }

    static String fold(final String text, final int start, final int end) {
        final StringBuilder folded = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            final char c = text.charAt(i);
            if (c != '.') {
                folded.append(FOLD[c]);
            }
        }
        return folded.toString();
    }

    static int foldedHash(final CharSequence text, final int start, final int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            final char c = text.charAt(i);
            if (c != '.') {
                hash = 31 * hash + FOLD[c];
            }
        }
        return hash ^ (hash >>> 16);
    }
}
