package news.pipeline.tag;

import java.text.Normalizer;

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
    /** Flag set once the token's folded hash is in {@link #foldedHashes}: 0 is a hash like any other. */
    private static final int HASHED = 8;

    private static final int NOT_LOOKED_FOR = -2;

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

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    final String source;
    /** Token t spans source[bounds[2t], bounds[2t + 1]). */
    private final int[] bounds;

    /** A byte a token: the flags fit, and the array is allocated for every text. */
    private final byte[] flags;
    /** Bit t % 64 of word t / 64: whether token t is capitalised, for {@link #nextCapitalised}. */
    private final long[] capitalised;

    private final int size;
    /** Where the hash cache comes from: fresh, or kept by the thread from article to article. */
    private final Buffers buffers;
    /**
     * Each token's {@link #foldedHash(CharSequence, int, int)}, filled on first ask: several rules
     * and word sets look up the same token (the word after a match is asked whether it is a
     * currency, an event, a disease, a local unit ...), and each would hash it again. Null until a
     * token is asked about.
     */
    private int[] foldedHashes;
    /** Where the text's first '<' is, -1 for none, {@link #NOT_LOOKED_FOR} until asked. */
    private int firstAngleBracket = NOT_LOOKED_FOR;

    private TokenizedText(
            final String source,
            final int[] bounds,
            final byte[] flags,
            final long[] capitalised,
            final int size,
            final Buffers buffers) {
        this.source = source;
        this.bounds = bounds;
        this.flags = flags;
        this.capitalised = capitalised;
        this.size = size;
        this.buffers = buffers;
    }

    static boolean isWord(final char c) {
        return WORD[c];
    }

    static char fold(final char c) {
        return FOLD[c];
    }

    /**
     * Two passes. The first finds the edges of every run of letters and digits with no branch that
     * depends on each character: it reads the text 64 characters at a time into a bit mask of the
     * letters and digits, whose changes from bit to bit are the edges, taken out lowest bit first.
     * A loop that branched at every edge cost a mispredicted branch at each start and end of a
     * word; one that wrote a position at every character did a store where the mask does an or.
     * The second pass turns the runs into tokens: skips numbers, joins dotted abbreviations, sets
     * the case flags.
     */
    static TokenizedText tokenize(final String text) {
        return tokenize(text, new Buffers());
    }

    /**
     * As {@link #tokenize(String)}, with the tokens' arrays taken from {@code buffers}: the result
     * is only good until the next text tokenized into the same buffers.
     */
    static TokenizedText tokenize(final String text, final Buffers buffers) {
        final Scratch scratch = SCRATCH.get();
        final int n = text.length();
        // the hot loop reads a char array: cheaper than String.charAt per character
        final char[] chars = scratch.chars(n);
        text.getChars(0, n, chars, 0);
        // run r spans [edges[2r], edges[2r + 1]); at most one edge per character, and the end
        final int[] edges = scratch.edges(n + 1);
        int edgeCount = 0;
        // whether the character before the block is a letter or digit
        long carry = 0;
        for (int base = 0; base < n; base += Long.SIZE) {
            final int length = Math.min(Long.SIZE, n - base);
            // bit j: whether character base + j is a letter or digit
            long word = 0;
            for (int j = 0; j < length; j++) {
                word |= (long) (CLASS[chars[base + j]] & C_WORD) << j;
            }
            // bit j: where a run starts or ends; a run that reaches a short last block's end ends there
            long change = word ^ (word << 1 | carry);
            carry = word >>> (Long.SIZE - 1);
            while (change != 0) {
                edges[edgeCount++] = base + Long.numberOfTrailingZeros(change);
                change &= change - 1;
            }
        }
        // a run that reaches the end of a text of whole blocks ends there
        if ((edgeCount & 1) != 0) {
            edges[edgeCount++] = n;
        }

        final int[] bounds = buffers.bounds(edgeCount);
        final byte[] flags = buffers.flags(edgeCount / 2);
        final long[] capitalised = buffers.capitalised(edgeCount / 2);
        // the capitalised bits of the tokens since the last multiple of 64, stored at each 64th (a
        // shift by size takes size % 64)
        long capitalisedBits = 0;
        int size = 0;
        int r = 0;
        while (r < edgeCount) {
            final int start = edges[r];
            final int runEnd = edges[r + 1];
            r += 2;
            final int cls = CLASS[chars[start]];
            if ((cls & C_LETTER) == 0) {
                // numbers and other runs that open with no letter name no place: skipped, so the
                // gaps around them hold digits and never join two tokens into one name
                continue;
            }
            int end = runEnd;
            int tokenFlags = 0;
            // dotted abbreviation: letter '.' letter '.' ...
            if (start + 3 < n
                    && chars[start + 1] == '.'
                    && (CLASS[chars[start + 2]] & C_LETTER) != 0
                    && chars[start + 3] == '.') {
                end = start;
                while (end + 1 < n && (CLASS[chars[end]] & C_LETTER) != 0 && chars[end + 1] == '.') {
                    end += 2;
                }
                // "U.S.A" or "N.S.W" without the last dot: take the trailing letters too
                while (end < n && WORD[chars[end]]) {
                    end++;
                }
                tokenFlags = ABBREVIATION;
                // the runs the abbreviation took in
                while (r < edgeCount && edges[r] < end) {
                    r += 2;
                }
            }
            // a capitalised word with a lower-case second letter, the common case, is told without
            // a branch: one on the first letter's case alone was mispredicted at most capitals
            final int upper = (cls & C_UPPER) >> 1;
            final int lowerSecond = start + 1 < end ? (CLASS[chars[start + 1]] & C_LOWER) >> 2 : 0;
            if ((upper & ~lowerSecond) != 0) {
                tokenFlags |= caseFlags(chars, start, end);
            } else {
                tokenFlags |= upper * UPPER_FIRST;
            }
            bounds[2 * size] = start;
            bounds[2 * size + 1] = end;
            flags[size] = (byte) tokenFlags;
            capitalisedBits |= (long) upper << size;
            if ((size & (Long.SIZE - 1)) == Long.SIZE - 1) {
                capitalised[size / Long.SIZE] = capitalisedBits;
                capitalisedBits = 0;
            }
            size++;
        }
        if ((size & (Long.SIZE - 1)) != 0) {
            capitalised[size / Long.SIZE] = capitalisedBits;
        }
        return new TokenizedText(text, bounds, flags, capitalised, size, buffers);
    }

    /**
     * The arrays a tokenized text keeps: its tokens' bounds, flags, capitalised bits and hashes. A tagger keeps a set
     * per thread for the title and one for the text, as the tokenizer keeps its {@link Scratch}:
     * fresh arrays for every article were two fifths of the bytes it allocated, and new memory to
     * bring into the cache. Only for tokens that die with the article: the next text tokenized
     * into the same buffers overwrites them.
     */
    static final class Buffers {
        /** Arrays for longer texts are not kept, as in {@link Scratch}. */
        private static final int MAX_KEPT_TOKENS = 1 << 14;

        private int[] bounds = new int[0];
        private byte[] flags = new byte[0];
        private long[] capitalised = new long[0];
        private int[] foldedHashes = new int[0];

        /** Room for the bounds of tokens from this many run edges: a token takes at least one run. */
        int[] bounds(final int edgeCount) {
            if (bounds.length >= edgeCount) {
                return bounds;
            }
            final int[] fresh = new int[edgeCount];
            if (edgeCount <= 2 * MAX_KEPT_TOKENS) {
                bounds = fresh;
            }
            return fresh;
        }

        byte[] flags(final int tokens) {
            if (flags.length >= tokens) {
                return flags;
            }
            final byte[] fresh = new byte[tokens];
            if (tokens <= MAX_KEPT_TOKENS) {
                flags = fresh;
            }
            return fresh;
        }

        /** A bit a token; every word up to the last token's is written before it is read. */
        long[] capitalised(final int tokens) {
            final int words = (tokens + Long.SIZE - 1) / Long.SIZE;
            if (capitalised.length >= words) {
                return capitalised;
            }
            final long[] fresh = new long[words];
            if (tokens <= MAX_KEPT_TOKENS) {
                capitalised = fresh;
            }
            return fresh;
        }

        /** Stale hashes are harmless: a token's is read only once its flag says it was written. */
        int[] foldedHashes(final int tokens) {
            if (foldedHashes.length >= tokens) {
                return foldedHashes;
            }
            final int[] fresh = new int[tokens];
            if (tokens <= MAX_KEPT_TOKENS) {
                foldedHashes = fresh;
            }
            return fresh;
        }
    }

    /**
     * The tokenizer's work arrays, one set per thread, kept from text to text. Fresh arrays as long
     * as the text (a copy of its characters, an edge per character) cost more than the scan itself:
     * allocating and zeroing them, and bringing new memory into the cache at every article; only
     * the tokens' bounds, a fraction of that, are copied out.
     */
    private static final class Scratch {
        /** Arrays for longer texts are not kept: a rare huge text would hold their memory for good. */
        private static final int MAX_KEPT_CHARS = 1 << 16;

        private char[] chars = new char[0];
        private int[] edges = new int[0];

        char[] chars(final int length) {
            if (chars.length >= length) {
                return chars;
            }
            final char[] fresh = new char[length];
            if (length <= MAX_KEPT_CHARS) {
                chars = fresh;
            }
            return fresh;
        }

        int[] edges(final int length) {
            if (edges.length >= length) {
                return edges;
            }
            final int[] fresh = new int[length];
            if (length <= MAX_KEPT_CHARS + 1) {
                edges = fresh;
            }
            return fresh;
        }
    }

    /** Capitalised, or all capitals when no lower-case letter follows the first. */
    private static int caseFlags(final char[] chars, final int start, final int end) {
        for (int i = start + 1; i < end; i++) {
            if ((CLASS[chars[i]] & C_LOWER) != 0) {
                return UPPER_FIRST;
            }
        }
        return UPPER_FIRST | ALL_UPPER;
    }

    int size() {
        return size;
    }

    int start(final int t) {
        return bounds[2 * t];
    }

    int end(final int t) {
        return bounds[2 * t + 1];
    }

    int flags(final int t) {
        return flags[t];
    }

    boolean is(final int t, final int flag) {
        return (flags[t] & flag) != 0;
    }

    /**
     * The first capitalised token from t on, or {@code to} when none comes before it. Most tokens
     * are in lower case: a loop over their flags paid a mispredicted exit at most capitals, where
     * the bits of 64 tokens at a time give the next one at once.
     */
    int nextCapitalised(final int t, final int to) {
        if (t >= to) {
            return to;
        }
        int word = t / Long.SIZE;
        long bits = capitalised[word] & (-1L << t);
        final int lastWord = (to - 1) / Long.SIZE;
        while (bits == 0) {
            if (word == lastWord) {
                return to;
            }
            bits = capitalised[++word];
        }
        return Math.min(to, word * Long.SIZE + Long.numberOfTrailingZeros(bits));
    }

    /**
     * Where the text's first '&lt;' is, or -1: most texts hold none, and then no mention in them sits
     * in angle brackets, which one search tells for all of them.
     */
    int firstAngleBracket() {
        if (firstAngleBracket == NOT_LOOKED_FOR) {
            firstAngleBracket = source.indexOf('<');
        }
        return firstAngleBracket;
    }

    /** The folded hash of token t, as {@link #foldedHash(CharSequence, int, int)} gives it. */
    int foldedHash(final int t) {
        if ((flags[t] & HASHED) != 0) {
            return foldedHashes[t];
        }
        if (foldedHashes == null) {
            foldedHashes = buffers.foldedHashes(size);
        }
        final int hash = foldedHash(source, start(t), end(t));
        foldedHashes[t] = hash;
        flags[t] |= HASHED;
        return hash;
    }

    /**
     * Whether tokens t-1 and t may belong to one name: spaces, or one hyphen, apostrophe or dot.
     * Numbers are no tokens, so a number between two words makes them unjoinable.
     */
    boolean joinable(final int t) {
        int punct = 0;
        for (int i = end(t - 1); i < start(t); i++) {
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
        final int gap = start(t) - end(t - 1);
        if (gap == 1) {
            final char c = source.charAt(end(t - 1));
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
        final int gapStart = end(t - 1);
        final int gapEnd = start(t);
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
        for (int i = start(t) - 1; i >= end(t - 1); i--) {
            final char c = source.charAt(i);
            switch (c) {
                case ' ', '\n', '\t', '\r', '\u00a0' -> {}
                case '"', '\u201c', '\u2018', '(', '[' -> {}
                case '.', '!', '?', ':', ';', '-', '\u2013', '\u2014' -> {
                    // an abbreviation's dot ("Mr. Jordan") is inside the previous token or right after it
                    return !(c == '.'
                            && i == end(t - 1)
                            && end(t - 1) - start(t - 1) <= MAX_TITLE_ABBREVIATION_CHARS
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
                && source.charAt(end(t - 1) - 1) == '.'
                && is(t, UPPER_FIRST)
                && start(t) > end(t - 1);
    }

    /** Whether a paragraph break (blank line, or a new line indented) lies between tokens t-1 and t. */
    boolean paragraphBefore(final int t) {
        if (t == 0) {
            return true;
        }
        final int gapStart = end(t - 1);
        final int gapEnd = start(t);
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
        // into a char array, then one String: the rules fold a word around most matches, and a
        // StringBuilder checked its capacity and coder at every char and copied its array again
        final char[] folded = new char[end - start];
        int length = 0;
        for (int i = start; i < end; i++) {
            final char c = text.charAt(i);
            if (c != '.') {
                folded[length++] = FOLD[c];
            }
        }
        return new String(folded, 0, length);
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
