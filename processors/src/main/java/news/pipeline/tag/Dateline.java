package news.pipeline.tag;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wire dateline at the head of a text, in either style: "NEW YORK, March 3 -",
 * "SAN JOSE, Calif., March 3 -" or "MOSCOW (Reuters) -". The place is in capitals; a region or
 * country after it ("Calif.", "Jamaica") says which place of that name is meant. A dateline may
 * also stand on a line of its own after a heading line or two ("UNILEVER RESULTS\n LONDON, March
 * 3\n Shr ..."), as stories carrying their own headline arrive.
 *
 * @param placeStart  start of the place ("SAN JOSE"); 0 when there is no dateline
 * @param placeEnd    end of the place; 0 when there is no dateline
 * @param regionStart start of the region part, or -1
 * @param regionEnd   end of the region part, or -1
 * @param end         end of the whole dateline, dash included
 */
record Dateline(int placeStart, int placeEnd, int regionStart, int regionEnd, int end) {
    static final Dateline NONE = new Dateline(0, 0, -1, -1, 0);

    /** How far into the text a dateline is looked for: the longest ("SAN JOSE, Calif., March 3 (Reuters) -") fit. */
    private static final int MAX_LENGTH = 90;
    /** "NEW DELHI:" style: a colon ends a dateline only this close to the start, before it is a sentence's. */
    private static final int MAX_COLON_PLACE_CHARS = 40;
    /** A region after the place with no date ("KINGSTON, Jamaica -") is a few words; longer is prose. */
    private static final int MAX_REGION_CHARS = 30;

    /** Heading lines ("REPEAT FROM LATE FRIDAY", a headline) before a dateline on its own line. */
    private static final int MAX_HEADING_LINES = 2;
    /** A heading line is short; a longer first line is prose, and no dateline follows it. */
    private static final int MAX_HEADING_CHARS = 120;

    private static final String CAPS_WORD = "[A-Z][A-Z.'&-]*";
    private static final String WORD = "[A-Z][A-Za-z.'-]*";
    /** A dateline on its own line: see {@link #onOwnLine}. */
    private static final Pattern OWN_LINE = Pattern.compile("[ \\t]*(?<place>" + CAPS_WORD + "(?: " + CAPS_WORD
            + "){0,3})(?:, (?<region>" + WORD + "(?: " + WORD + "){0,2}))?"
            + "(?:,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.? \\d{1,2}(?:, \\d{4})?"
            + "|,? \\([A-Z][A-Za-z ]{1,20}\\))"
            + "[ \\t]*(?:[-\u2013\u2014]+|:|(?=\\r?\\n)|$|,(?= [A-Z]))");

    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    boolean present() {
        return end > 0;
    }

    boolean inPlace(final int start, final int stop) {
        return start >= placeStart && stop <= placeEnd;
    }

    /** Whether start..stop is the whole place of a dateline ("PROVIDENCE" of "PROVIDENCE, R.I., March 3 -"). */
    boolean isPlace(final int start, final int stop) {
        return present() && start == placeStart && stop == placeEnd;
    }

    /** Whether start..stop lies within the dateline, from its place to its dash. */
    boolean covers(final int start, final int stop) {
        return present() && start >= placeStart && stop <= end;
    }

    /** Whether start..stop is the whole place of a dateline with no region after it ("SAN JOSE, March 16 -"). */
    boolean bareWith(final int start, final int stop) {
        return present() && regionStart < 0 && start == placeStart && stop == placeEnd;
    }

    boolean inRegion(final int start, final int stop) {
        return regionStart >= 0 && start >= regionStart && stop <= regionEnd;
    }

    static Dateline find(final String text) {
        final Dateline opening = atStart(text);
        return opening.present() ? opening : onOwnLine(text);
    }

    /**
     * A dateline opening a line of its own, at the start or after at most two short heading lines
     * ("REPEAT", a headline): the place in capitals, then a date or an agency ("LONDON, March 3",
     * "LIVERPOOL, England (Reuters) -"), then the line's end, a dash, a colon or a comma before the
     * first sentence. Unlike a dateline opening the text, the date or agency is required: a heading
     * may be followed by "NOTE - ..." or "TOTAL - ...", which are no places.
     */
    private static Dateline onOwnLine(final String text) {
        int lineStart = 0;
        while (lineStart < text.length() && Character.isWhitespace(text.charAt(lineStart))) {
            lineStart++;
        }
        for (int line = 0; line <= MAX_HEADING_LINES && lineStart < text.length(); line++) {
            final Matcher m = OWN_LINE.matcher(text);
            m.region(lineStart, Math.min(text.length(), lineStart + MAX_LENGTH));
            // "$" is the text's end, not the end of the window looked at
            m.useAnchoringBounds(false);
            if (m.lookingAt()) {
                final int regionStart = m.start("region");
                return new Dateline(
                        m.start("place"), m.end("place"), regionStart, regionStart < 0 ? -1 : m.end("region"), m.end());
            }
            final int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0 || lineEnd - lineStart > MAX_HEADING_CHARS) {
                return NONE;
            }
            lineStart = lineEnd + 1;
            // blank lines between paragraphs are no heading lines
            while (lineStart < text.length() && Character.isWhitespace(text.charAt(lineStart))) {
                lineStart++;
            }
        }
        return NONE;
    }

    private static Dateline atStart(final String text) {
        final int n = Math.min(text.length(), MAX_LENGTH);
        int placeStart = 0;
        while (placeStart < n && Character.isWhitespace(text.charAt(placeStart))) {
            placeStart++;
        }
        // the dash that closes a dateline: " - ", " -- ", " — ", or "(Reuters) -"
        int dash = -1;
        for (int i = placeStart + 2; i < n; i++) {
            final char c = text.charAt(i);
            // the dash follows a space, or the date's day ("March 30- Shr 94 cts")
            if ((c == '-' || c == '\u2013' || c == '\u2014')
                    && (text.charAt(i - 1) == ' '
                            || Character.isDigit(text.charAt(i - 1))
                                    && i + 1 < text.length()
                                    && text.charAt(i + 1) == ' ')
                    && (i + 1 >= text.length() || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '-')) {
                dash = i;
                break;
            }
            if (c == ':'
                    && (i + 1 >= text.length() || text.charAt(i + 1) == ' ')
                    && i < placeStart + MAX_COLON_PLACE_CHARS) {
                // "NEW DELHI: ..." or "Beijing, Jan 3 (Xinhua):"
                dash = i;
                break;
            }
            if (c == '\n' && i > placeStart + 2 && text.charAt(i - 1) == '\n') {
                break;
            }
        }
        if (dash < 0) {
            return NONE;
        }
        int end = dash + 1;
        while (end < text.length() && text.charAt(end) == '-') {
            end++;
        }
        final String head = text.substring(0, dash);
        // the place: capital letters up to the first comma or parenthesis
        int placeEnd = placeStart;
        int letters = 0;
        int upper = 0;
        while (placeEnd < head.length() && head.charAt(placeEnd) != ',' && head.charAt(placeEnd) != '(') {
            final char c = head.charAt(placeEnd);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            }
            placeEnd++;
        }
        if (letters < 2 || head.lastIndexOf('\n', placeEnd - 1) >= placeStart) {
            // a place across a line break is a heading line and what follows it: see onOwnLine
            return NONE;
        }
        // "TOKYO 1996-08-20 -": a numeric date right after the place ends the place
        boolean numericDate = false;
        for (int i = placeStart; i < placeEnd; i++) {
            if (Character.isDigit(head.charAt(i))) {
                numericDate = i > placeStart && head.charAt(i - 1) == ' ';
                if (numericDate) {
                    placeEnd = i;
                    letters = 0;
                    upper = 0;
                    for (int j = placeStart; j < placeEnd; j++) {
                        if (Character.isLetter(head.charAt(j))) {
                            letters++;
                            if (Character.isUpperCase(head.charAt(j))) {
                                upper++;
                            }
                        }
                    }
                }
                break;
            }
        }
        if (letters < 2) {
            return NONE;
        }
        if (upper < letters) {
            // "New York, March 4 -" or "Beijing (Xinhua) -": capitalised words, then a date or an agency
            // "Scarborough, Ontario, Feb 26 -": the date may follow a region
            final String rest = head.substring(placeEnd);
            final String[] parts = rest.split(",", -1);
            boolean dated = false;
            for (int k = 1; k < parts.length && k <= 2; k++) {
                final String part = parts[k].trim();
                if (!part.isEmpty() && startsWithDate(part) && !part.startsWith("(")) {
                    dated = true;
                }
            }
            if (!(dated || numericDate || rest.startsWith("("))
                    || !capitalisedWords(head, placeStart, trimmedEnd(head, placeStart, placeEnd))) {
                return NONE;
            }
        }
        int trimmed = placeEnd;
        while (trimmed > placeStart && Character.isWhitespace(head.charAt(trimmed - 1))) {
            trimmed--;
        }
        // a region between the place and the date: ", Calif., March 3" or ", Jamaica, March 3"
        int regionStart = -1;
        int regionEnd = -1;
        if (placeEnd < head.length() && head.charAt(placeEnd) == ',') {
            final int next = head.indexOf(',', placeEnd + 1);
            if (next > 0) {
                int regionFrom = placeEnd + 1;
                while (regionFrom < next && head.charAt(regionFrom) == ' ') {
                    regionFrom++;
                }
                final String rest = head.substring(next + 1).trim();
                if (startsWithDate(rest) && next > regionFrom) {
                    regionStart = regionFrom;
                    regionEnd = next;
                }
            } else {
                final String rest = head.substring(placeEnd + 1).trim();
                if (!startsWithDate(rest) && !rest.isEmpty() && rest.length() < MAX_REGION_CHARS) {
                    // "KINGSTON, Jamaica -" with no date
                    regionStart = head.indexOf(rest, placeEnd);
                    regionEnd = regionStart + rest.length();
                }
            }
        }
        return new Dateline(placeStart, trimmed, regionStart, regionEnd, end);
    }

    private static int trimmedEnd(final String text, final int start, final int end) {
        int trimmed = end;
        while (trimmed > start && Character.isWhitespace(text.charAt(trimmed - 1))) {
            trimmed--;
        }
        return trimmed;
    }

    /** A place name as typed on the wire: a capital first letter, words of letters ("La paz" too). */
    private static boolean capitalisedWords(final String text, final int start, final int end) {
        boolean wordStart = true;
        for (int i = start; i < end; i++) {
            final char c = text.charAt(i);
            if (Character.isLetter(c)) {
                if (wordStart && i == start && !Character.isUpperCase(c)) {
                    return false;
                }
                wordStart = false;
            } else if (c == ' ' || c == '-') {
                wordStart = true;
            } else if (c != '.' && c != '\'') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithDate(final String text) {
        if (text.isEmpty()) {
            return true;
        }
        if (Character.isDigit(text.charAt(0))) {
            return true;
        }
        if (text.length() >= 3) {
            final String prefix = text.substring(0, 3).toLowerCase(Locale.ROOT);
            for (String month : MONTHS) {
                if (month.equals(prefix)) {
                    return true;
                }
            }
        }
        return text.startsWith("(");
    }
}
