package news.pipeline.tag;

/**
 * Where a mention stands in the layout of a story, which changes what it weighs: in the lead
 * paragraph, heading a row of figures in a table ("France       3.57"), or right after a town of
 * its country as in an address ("Munich, West Germany"). Each is read from the text alone, before
 * any weighing.
 */
final class StoryLayout {
    /** A lead paragraph is at most this long: a wire lead is one or two sentences. */
    private static final int MAX_LEAD_CHARS = 600;
    /** A paragraph break this close after the dateline ends a heading line, not the lead. */
    private static final int MIN_LEAD_CHARS = 40;

    private StoryLayout() {}

    /** Whether only a comma and spaces, at most three characters, lie between a town's end and a name's start. */
    static boolean address(final String source, final int townEnd, final int start) {
        if (start - townEnd < 1 || start - townEnd > 3 || source.charAt(townEnd) != ',') {
            return false;
        }
        for (int i = townEnd + 1; i < start; i++) {
            if (!Character.isWhitespace(source.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the name at start..end heads a row of figures: it opens its line (after spaces, or a
     * compass initial as in "W Germany") and a figure follows it on the line, after spaces, dots or
     * a colon ("France       3.57", "Japan ....... 1,234", "USSR: (8.05)").
     */
    static boolean headsRowOfFigures(final String source, final int start, final int end) {
        int before = start - 1;
        while (before >= 0 && (source.charAt(before) == ' ' || source.charAt(before) == '\t')) {
            before--;
        }
        if (before >= 0 && source.charAt(before) != '\n') {
            // "W Germany", "E. Germany": one capital letter, maybe a dot, then the line's start
            int letter = source.charAt(before) == '.' ? before - 1 : before;
            if (letter < 0 || !Character.isUpperCase(source.charAt(letter))) {
                return false;
            }
            before = letter - 1;
            while (before >= 0 && (source.charAt(before) == ' ' || source.charAt(before) == '\t')) {
                before--;
            }
            if (before >= 0 && source.charAt(before) != '\n') {
                return false;
            }
        }
        if (before < 0) {
            // the text's first line is a dateline or a lead, not a table's row
            return false;
        }
        int after = end;
        while (after < source.length() && " \t.:,".indexOf(source.charAt(after)) >= 0) {
            after++;
        }
        if (after < source.length() && "(-+".indexOf(source.charAt(after)) >= 0) {
            after++;
        }
        return after < source.length() && Character.isDigit(source.charAt(after));
    }

    /** End of the lead paragraph: the first paragraph break after the dateline, at most 600 characters in. */
    static int leadEnd(final TokenizedText text, final Dateline dateline) {
        final int from = dateline.end();
        final int limit = Math.min(text.source.length(), from + MAX_LEAD_CHARS);
        int t = 1;
        while (t < text.size()) {
            // a paragraph break lies in the gap before a token and holds a line break: the tokens
            // before the next line break are passed over, not each asked whether a paragraph opens there
            final int lineBreak = text.source.indexOf('\n', text.end(t - 1));
            if (lineBreak < 0 || lineBreak >= limit) {
                return limit;
            }
            while (t < text.size() && text.start(t) < lineBreak) {
                t++;
            }
            if (t == text.size()) {
                return limit;
            }
            final int start = text.start(t);
            if (start > from) {
                if (start >= limit) {
                    return limit;
                }
                if (text.paragraphBefore(t) && start > from + MIN_LEAD_CHARS) {
                    return start;
                }
            }
            t++;
        }
        return limit;
    }
}
