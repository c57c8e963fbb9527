package news.pipeline.tag;

import java.util.List;

/**
 * Finds gazetteer entries in a tokenised text: from every capitalised token it walks the
 * gazetteer's token trie and keeps the longest entry whose conditions hold there, so known
 * multi-word names win over the country words inside them ("Gulf of Mexico", "New Jersey").
 */
final class MentionScanner {
    /** Longest surface form walked, in tokens; bounds the walk from each token well past any name in the gazetteer. */
    private static final int MAX_ENTRY_TOKENS = 10;
    /** Only words longer than this tell title case: short ones ("of", "the", "US") look alike in any title. */
    private static final int CASE_CLUE_MIN_CHARS = 3;
    /** Seven in ten longer words capitalised is a title-case title; fewer leaves sentence case and its clues. */
    private static final int TITLE_CASE_TENTHS = 7;

    private final Gazetteer gazetteer;

    MentionScanner(final Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /**
     * Adds to {@code out} the longest entry starting at each capitalised token, left to right, not
     * overlapping.
     *
     * @param language the article's {@link Gazetteer#languageFlag language flag}: names of that
     *                 language count beside those of every language; 0 for none
     */
    void scan(
            final TokenizedText tokens,
            final boolean inTitle,
            final boolean titleCaps,
            final Dateline dateline,
            final int language,
            final List<EntryMatch> out) {
        scan(tokens, 0, tokens.size(), inTitle, titleCaps, dateline, language, out);
    }

    /** As {@link #scan(TokenizedText, boolean, boolean, Dateline, int, List)}, on tokens from..to-1 only. */
    void scan(
            final TokenizedText tokens,
            final int from,
            final int to,
            final boolean inTitle,
            final boolean titleCaps,
            final Dateline dateline,
            final int language,
            final List<EntryMatch> out) {
        final int n = to;
        // most tokens are in lower case, and no entry starts with one
        int i = tokens.nextCapitalised(from, n);
        while (i < n) {
            int node = 0;
            Gazetteer.Entry best = null;
            Gazetteer.Entry[] bestReadings = null;
            int bestLast = -1;
            for (int j = i; j < n && j - i < MAX_ENTRY_TOKENS; j++) {
                if (j > i && !tokens.joinable(j)) {
                    break;
                }
                final int id = gazetteer.tokenId(tokens, j);
                if (id < 0) {
                    break;
                }
                node = gazetteer.child(node, id);
                if (node < 0) {
                    break;
                }
                final Gazetteer.Entry[] entries = gazetteer.entriesAt(node);
                if (entries != null) {
                    final Gazetteer.Entry entry = firstApplicable(entries, tokens, i, j, dateline, language);
                    if (entry != null) {
                        best = entry;
                        bestReadings = entries;
                        bestLast = j;
                    }
                }
                if (!gazetteer.hasChildren(node)) {
                    // no longer name goes on from here: the next word need not be looked up
                    break;
                }
            }
            if (best == null) {
                i = tokens.nextCapitalised(i + 1, n);
                continue;
            }
            final EntryMatch match = new EntryMatch(
                    inTitle, i, bestLast, tokens.start(i), tokens.end(bestLast), best, bestReadings, titleCaps);
            match.datelinePlace = dateline.present() && dateline.inPlace(match.start, match.end);
            match.datelineRegion = dateline.present() && dateline.inRegion(match.start, match.end);
            out.add(match);
            i = tokens.nextCapitalised(bestLast + 1, n);
        }
    }

    /**
     * The first entry whose flags allow it at tokens first..last: the article's language, exact
     * case, dateline only, dateline place only, combining form.
     */
    private static Gazetteer.Entry firstApplicable(
            final Gazetteer.Entry[] entries,
            final TokenizedText tokens,
            final int first,
            final int last,
            final Dateline dateline,
            final int language) {
        for (Gazetteer.Entry entry : entries) {
            if (entry.has(Gazetteer.LANGUAGES) && !entry.has(language)) {
                continue;
            }
            if (entry.has(Gazetteer.CASE_EXACT) && !sameLetters(tokens, first, last, entry.letters())) {
                continue;
            }
            if (entry.has(Gazetteer.DATELINE_ONLY)
                    && !dateline.covers(tokens.start(first), tokens.end(last))
                    && !afterPlaceAndComma(tokens, first)) {
                continue;
            }
            if (entry.has(Gazetteer.DATELINE_ONLY)
                    && entry.kind() == MentionKind.CAPITAL
                    && !dateline.bareWith(tokens.start(first), tokens.end(last))) {
                // a capital abroad named like an American town ("SAN JOSE"): only a dateline with no
                // state names it, since news style gives an American town's dateline its state
                continue;
            }
            if (entry.has(Gazetteer.DATELINE_PLACE_ONLY) && !dateline.isPlace(tokens.start(first), tokens.end(last))) {
                // the whole place, not a word of a longer one: "PROVIDENCE AND FORTUNE:" heads a review
                continue;
            }
            if (entry.has(Gazetteer.PREFIX) && !tokens.hyphenBefore(last + 1)) {
                continue;
            }
            return entry;
        }
        return null;
    }

    /**
     * "in Belgrade, Minn., firefighters": a region's short form right after a capitalised word and a
     * comma qualifies that place, as in a dateline.
     */
    static boolean afterPlaceAndComma(final TokenizedText tokens, final int first) {
        if (first == 0 || !tokens.is(first - 1, TokenizedText.UPPER_FIRST)) {
            return false;
        }
        final String between = tokens.source.substring(tokens.end(first - 1), tokens.start(first));
        return between.equals(", ");
    }

    private static boolean sameLetters(
            final TokenizedText tokens, final int first, final int last, final char[] letters) {
        final String source = tokens.source;
        int matched = 0;
        for (int i = tokens.start(first); i < tokens.end(last); i++) {
            final char c = source.charAt(i);
            if (!TokenizedText.isWord(c)) {
                continue;
            }
            if (matched >= letters.length || letters[matched] != c) {
                return false;
            }
            matched++;
        }
        return matched == letters.length;
    }

    /** A title in capitals or title case gives no case clues. */
    static boolean capitalisedThroughout(final TokenizedText tokens) {
        int words = 0;
        int capitalised = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.end(i) - tokens.start(i) > CASE_CLUE_MIN_CHARS) {
                words++;
                if (tokens.is(i, TokenizedText.UPPER_FIRST)) {
                    capitalised++;
                }
            }
        }
        return words > 0 && capitalised * 10 >= words * TITLE_CASE_TENTHS;
    }
}
