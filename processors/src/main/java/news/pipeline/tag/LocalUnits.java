package news.pipeline.tag;

import java.util.List;
import java.util.Set;

/**
 * "Butler County", "Readington Township", "Avoyelles Parish": a capitalised name before the word
 * for a county, a township or a parish is one of the local units of American news, and so evidence
 * of the United States even when the name itself is in no gazetteer. The United States has some
 * 3,000 counties and 16,000 townships, mostly named after people and too small to list; American
 * local news names them far more than any other English-language news names its own (Ireland puts
 * the word first, "County Cork"; Britain's county councils carry a county's own name, which the
 * gazetteer knows). A name that is itself a place of another country ("Lancashire County Council",
 * "Nairobi County") is left to that place, and a phrase that only opens a sentence or follows a
 * qualifier ("The County", "Each Township") names no unit.
 */
final class LocalUnits {
    /** The words, as a capitalised word is written, that make the name before them an American local unit. */
    private static final String COUNTY = "County";

    private static final String TOWNSHIP = "Township";
    private static final String PARISH = "Parish";
    /** A county's name has at most this many words ("Prince George's", "San Bernardino", "Pearl River"). */
    private static final int MAX_NAME_TOKENS = 3;
    /** Saints' names before "Parish" name a church's parish, anywhere ("St. Mary's Parish"). */
    private static final Set<String> SAINTS = Set.of("st", "saint", "ste");

    private final Gazetteer.Entry unitEntry;
    private final Gazetteer.Entry[] unitReadings;

    /** @param country the country index of the United States in the gazetteer, or -1 if it has none */
    LocalUnits(final int country) {
        this.unitEntry = country < 0
                ? null
                : new Gazetteer.Entry(
                        "county",
                        "county".toCharArray(),
                        country,
                        false,
                        false,
                        MentionKind.CITY,
                        Gazetteer.REGION,
                        new int[0],
                        new int[0]);
        this.unitReadings = new Gazetteer.Entry[] {unitEntry};
    }

    /**
     * Adds a match of the United States for every local unit in the tokens, in token order among
     * the matches; a name that another match covers and that the context rules left standing keeps
     * its own reading.
     */
    void find(
            final TokenizedText tokens,
            final boolean inTitle,
            final boolean titleCaps,
            final List<EntryMatch> matches) {
        if (unitEntry == null || titleCaps) {
            // a title in capitals or title case says nothing by its case: "Every County Counts"
            return;
        }
        if (!mentionsUnitWord(tokens.source)) {
            // most articles name no unit: one fast search each spares a look at every token
            return;
        }
        for (int t = 1; t < tokens.size(); t++) {
            if (!unitWord(tokens, t)
                    || tokens.is(t, TokenizedText.ALL_UPPER)
                    || !tokens.spaceBefore(t)
                    || !tokens.is(t - 1, TokenizedText.UPPER_FIRST)) {
                continue;
            }
            int first = t;
            while (first - 1 >= 0
                    && t - (first - 1) <= MAX_NAME_TOKENS
                    && (first == t || tokens.spaceBefore(first))
                    && tokens.is(first - 1, TokenizedText.UPPER_FIRST)
                    && !PersonNames.isQualifier(
                            TokenizedText.fold(tokens.source, tokens.start(first - 1), tokens.end(first - 1)))) {
                first--;
            }
            if (first == t) {
                continue;
            }
            final String opening = TokenizedText.fold(tokens.source, tokens.start(first), tokens.end(first));
            if (SAINTS.contains(opening)) {
                continue;
            }
            final int at = insertionPoint(matches, inTitle, first);
            if (coveredByPlace(matches, at, inTitle, first, t) || beforeRegion(matches, at, inTitle, tokens, t)) {
                continue;
            }
            final EntryMatch unit = new EntryMatch(
                    inTitle, first, t, tokens.start(first), tokens.end(t), unitEntry, unitReadings, false);
            matches.add(at, unit);
        }
    }

    /** Whether the text holds a unit word as a capitalised word is written: "County", not "COUNTY". */
    private static boolean mentionsUnitWord(final String source) {
        return source.contains(COUNTY) || source.contains(TOWNSHIP) || source.contains(PARISH);
    }

    private static boolean unitWord(final TokenizedText tokens, final int t) {
        final int start = tokens.start(t);
        final int length = tokens.end(t) - start;
        // compared in place: this runs on every token, and folding would allocate
        return tokens.is(t, TokenizedText.UPPER_FIRST)
                && (length == COUNTY.length() && tokens.source.regionMatches(start, COUNTY, 0, length)
                        || length == PARISH.length() && tokens.source.regionMatches(start, PARISH, 0, length)
                        || length == TOWNSHIP.length() && tokens.source.regionMatches(start, TOWNSHIP, 0, length));
    }

    /**
     * "Panola County, Texas": a unit followed by its state is a place in the state, which already
     * names the country; counting both would weigh one place twice.
     */
    private static boolean beforeRegion(
            final List<EntryMatch> matches,
            final int at,
            final boolean inTitle,
            final TokenizedText tokens,
            final int unitWord) {
        if (at >= matches.size()) {
            return false;
        }
        final EntryMatch next = matches.get(at);
        return next.inTitle == inTitle
                && next.firstToken == unitWord + 1
                && next.isLiveCountry()
                && (next.entry.has(Gazetteer.REGION) || next.entry.has(Gazetteer.DATELINE_ONLY))
                && commaThenSpace(tokens.source, tokens.end(unitWord), next.start);
    }

    /** Whether source[from, to) is a comma and white space: "Panola County,\nTexas" on a wire. */
    private static boolean commaThenSpace(final String source, final int from, final int to) {
        if (to - from < 2 || source.charAt(from) != ',') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            if (!Character.isWhitespace(source.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Where a match starting at the token goes among the matches, which run title first, then by token. */
    private static int insertionPoint(final List<EntryMatch> matches, final boolean inTitle, final int token) {
        int at = matches.size();
        while (at > 0) {
            final EntryMatch previous = matches.get(at - 1);
            if (previous.inTitle == inTitle && previous.firstToken < token || previous.inTitle && !inTitle) {
                break;
            }
            at--;
        }
        return at;
    }

    /** Whether a match the rules left standing lies in the unit's name: that place is what it names. */
    private static boolean coveredByPlace(
            final List<EntryMatch> matches, final int at, final boolean inTitle, final int first, final int last) {
        for (int k = Math.max(0, at - MAX_NAME_TOKENS); k < Math.min(matches.size(), at + MAX_NAME_TOKENS); k++) {
            final EntryMatch other = matches.get(k);
            if (other.inTitle == inTitle
                    && other.firstToken <= last
                    && other.lastToken >= first
                    && !other.dropped
                    && !other.entry.blocker()) {
                return true;
            }
        }
        return false;
    }
}
