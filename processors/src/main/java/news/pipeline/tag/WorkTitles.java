package news.pipeline.tag;

/**
 * Titles of works and names of bands hold place names that name no place: the film "Midnight in
 * Paris", the musical "Chicago", the band Kansas. Two general signs tell them: the name stands inside
 * a short quoted title, or right after a noun that introduces a work.
 */
final class WorkTitles {
    /** A title in quotes is short: a quotation longer than this is speech, whatever its case. */
    private static final int MAX_TITLE_CHARS = 60;

    /** Nouns that introduce the title of a work or the name of a band: "the band Kansas", "the film Casablanca". */
    private static final FoldedWords WORK_NOUNS = FoldedWords.of(
            "band",
            "film",
            "movie",
            "album",
            "song",
            "single",
            "novel",
            "musical",
            "sitcom",
            "series",
            "show",
            "documentary",
            "play",
            "opera",
            "painting",
            "video",
            "game");

    private WorkTitles() {}

    /** Whether the match sits in a quoted title or right after a noun that introduces a work. */
    static boolean inTitleOfWork(final EntryMatch match, final TokenizedText tokens) {
        if (match.titleCaps) {
            return false;
        }
        final int prev = match.firstToken - 1;
        if (prev >= 0
                && tokens.spaceBefore(match.firstToken)
                && !tokens.is(prev, TokenizedText.UPPER_FIRST)
                && WORK_NOUNS.contains(tokens, prev)) {
            return true;
        }
        return quotedTitle(tokens.source, match.start, match.end);
    }

    /**
     * Whether source[start, end) lies inside quotation marks that hold a title: opening with a
     * capital, on one line, short, and not ending as a sentence or a clause does in quoted speech
     * ("Paris is lovely," she said).
     */
    static boolean quotedTitle(final String source, final int start, final int end) {
        int open = -1;
        for (int i = start - 1; i >= 0 && i >= end - MAX_TITLE_CHARS; i--) {
            final char c = source.charAt(i);
            if (c == '\n' || c == '\u201d') {
                return false;
            }
            if (c == '\u201c' || c == '"') {
                open = i;
                break;
            }
        }
        if (open < 0 || open > 0 && Character.isLetterOrDigit(source.charAt(open - 1))) {
            return false;
        }
        int close = -1;
        for (int i = end; i < source.length() && i <= open + MAX_TITLE_CHARS; i++) {
            final char c = source.charAt(i);
            if (c == '\n' || c == '\u201c') {
                return false;
            }
            if (c == '\u201d' || c == '"') {
                close = i;
                break;
            }
        }
        if (close < 0 || open + 1 >= close || !Character.isUpperCase(source.charAt(open + 1))) {
            return false;
        }
        final char last = source.charAt(close - 1);
        if (last == ',' || last == '.' || last == '!' || last == '?' || last == ';' || last == ':') {
            return false;
        }
        final String inside = source.substring(open + 1, close);
        return !inside.contains(". ");
    }
}
