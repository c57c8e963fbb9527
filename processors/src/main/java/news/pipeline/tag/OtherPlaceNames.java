package news.pipeline.tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules that read a country's or a capital's name as the name of something else named alike: a
 * county or township ("Lebanon County"), a town with schools of its own ("Jordan Elementary",
 * "Paris High School"), the last word of a longer place name ("Jersey" beside "New Jersey"), or a
 * saint's church or school ("St. Paul's"). The first two are settled by the next words, since a
 * country has no county or elementary school of its own name; a shortened name stands when the
 * article names its country another way too, and a saint's possessive counts only beside other
 * evidence of its country.
 */
final class OtherPlaceNames {
    /** First words of a place named after a saint ("St. Paul", "Saint-Denis"), folded. */
    private static final FoldedWords SAINTS = FoldedWords.of("st", "saint", "ste", "sainte");

    /**
     * Words after a name that make the phrase a body of a state's or a province's government: "the
     * Virginia Department of Education", "Georgia Bureau of Investigation", "the Virginia State Board
     * of Elections", "Virginia Gov. Tim Kaine", "the Ohio General Assembly". A town's bodies are its
     * council and its police, which every place has; these only a division has.
     */
    private static final FoldedWords DIVISION_BODIES = FoldedWords.of(
            "department",
            "dept",
            "bureau",
            "state",
            "legislature",
            "legislative",
            "general",
            "senate",
            "supreme",
            "attorney",
            "gov",
            "governor",
            "premier",
            "lt");

    /** Words after a place name that make it the name of a county or township elsewhere: "Lebanon County", "Jordan Township". */
    private static final FoldedWords LOCAL_UNITS = FoldedWords.of("county", "township", "parish", "borough");

    /**
     * Words after a town's name that a country's name is not followed by: its primary schools.
     * Residents are not among them: "Singapore residents" are a country's.
     */
    private static final Set<String> TOWN_SCHOOLS = Set.of("elementary");

    /**
     * Two words after a town's name that a country's or a capital's name is not followed by: its
     * middle and high schools, its junior and community colleges ("Paris High School", "Paris Junior
     * College" are in Texas, not France).
     */
    private static final Set<String> TOWN_SCHOOL_PAIRS = Set.of(
            "middle school",
            "middle schools",
            "independent school",
            "independent schools",
            "high school",
            "high schools",
            "junior high",
            "junior college",
            "community college");

    private OtherPlaceNames() {}

    /**
     * "Jersey" in an article that says "New Jersey", "Guinea" beside "Papua New Guinea", "Zealand"
     * (Denmark's) beside "New Zealand": a one-word name or region that ends a longer name of another
     * place in the same article is that place shortened,
     * unless the article also names its country another way ("Mexican" beside "New Mexico").
     */
    static void shortenedNames(final List<EntryMatch> matches, final TokenizedText title, final TokenizedText text) {
        // the longer names are few: each one-word name is compared with their last words in place,
        // with no map of folded words built for every article
        List<EntryMatch> longer = null;
        for (EntryMatch match : matches) {
            if (!match.dropped && match.lastToken > match.firstToken && !match.entry.org()) {
                if (longer == null) {
                    longer = new ArrayList<>();
                }
                longer.add(match);
            }
        }
        if (longer == null) {
            return;
        }
        final List<EntryMatch> shortened = new ArrayList<>();
        for (EntryMatch match : matches) {
            if (match.isLiveCountry()
                    && match.firstToken == match.lastToken
                    && (match.entry.kind() == MentionKind.NAME || match.entry.has(Gazetteer.REGION))
                    && !match.datelinePlace
                    && endsNameOfOtherPlace(match, match.inTitle ? title : text, longer, title, text)) {
                shortened.add(match);
            }
        }
        if (shortened.isEmpty()) {
            return;
        }
        // countries named by more than one surface form in the article
        final Map<Integer, String> firstSurface = new HashMap<>();
        final Set<Integer> severalSurfaces = new HashSet<>();
        for (EntryMatch match : matches) {
            if (match.isLiveCountry()) {
                final String seen = firstSurface.putIfAbsent(match.entry.target(), match.entry.surface());
                if (seen != null && !seen.equalsIgnoreCase(match.entry.surface())) {
                    severalSurfaces.add(match.entry.target());
                }
            }
        }
        for (EntryMatch match : shortened) {
            if (!severalSurfaces.contains(match.entry.target())) {
                match.drop(RejectionReason.SHORTENED_NAME);
            }
        }
    }

    /** Whether a longer name whose last word is the match's word names a place other than the match's. */
    private static boolean endsNameOfOtherPlace(
            final EntryMatch match,
            final TokenizedText tokens,
            final List<EntryMatch> longer,
            final TokenizedText title,
            final TokenizedText text) {
        for (EntryMatch name : longer) {
            final TokenizedText nameTokens = name.inTitle ? title : text;
            if (name.entry.target() != match.entry.target()
                    && FoldedWords.sameFolded(
                            nameTokens.source,
                            nameTokens.start(name.lastToken),
                            nameTokens.end(name.lastToken),
                            tokens.source,
                            match.start,
                            match.end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Lebanon County", "Guernsey County", "Jordan Township": a country's name or a capital's before
     * the word for a county or a township names that local unit, not the country.
     */
    static boolean localUnitName(final EntryMatch match, final TokenizedText tokens) {
        if (match.entry.kind() != MentionKind.NAME && match.entry.kind() != MentionKind.CAPITAL) {
            return false;
        }
        final int next = match.lastToken + 1;
        return next < tokens.size()
                && tokens.spaceBefore(next)
                && tokens.is(next, TokenizedText.UPPER_FIRST)
                && LOCAL_UNITS.contains(tokens, next);
    }

    /**
     * "Jordan Elementary", "Jordan middle school", "Palestine Independent School District": a
     * country's name before the words of a town's schools names a town (Jordan, Minnesota;
     * Palestine, Texas), and so it does elsewhere in the article. A country has no elementary or
     * middle school of its own name. So does a capital's name before the capitalised name of a
     * school, a college or a parks department that only a town has: "Paris High School", "Paris
     * Junior College", "Athens Parks and Recreation" (Paris, Texas; Athens, Tennessee).
     */
    static boolean townNamedLikeCountry(final EntryMatch match, final TokenizedText tokens) {
        if (match.entry.kind() != MentionKind.NAME && match.entry.kind() != MentionKind.CAPITAL) {
            return false;
        }
        final int next = match.lastToken + 1;
        if (next >= tokens.size() || !tokens.spaceBefore(next)) {
            return false;
        }
        if (match.entry.kind() == MentionKind.CAPITAL && !tokens.is(next, TokenizedText.UPPER_FIRST)) {
            // "a Paris high school" is one of the capital's; "Paris High School" is a town's own
            return false;
        }
        final int length = tokens.end(next) - tokens.start(next);
        // "elementary", "middle", "independent", "high", "junior", "community", "parks": most words
        // are ruled out before folding
        if (length != "elementary".length()
                && length != "middle".length()
                && length != "independent".length()
                && length != "high".length()
                && length != "community".length()
                && length != "parks".length()) {
            return false;
        }
        final String word = TokenizedText.fold(tokens.source, tokens.start(next), tokens.end(next));
        if (TOWN_SCHOOLS.contains(word)) {
            return true;
        }
        if (next + 1 >= tokens.size() || !tokens.spaceBefore(next + 1)) {
            return false;
        }
        final String then = TokenizedText.fold(tokens.source, tokens.start(next + 1), tokens.end(next + 1));
        if ("parks".equals(word)) {
            // "Athens Parks and Recreation": a town's department; a capital's parks have their own names
            return "and".equals(then)
                    && next + 2 < tokens.size()
                    && "recreation"
                            .equals(TokenizedText.fold(tokens.source, tokens.start(next + 2), tokens.end(next + 2)));
        }
        return TOWN_SCHOOL_PAIRS.contains(word + ' ' + then);
    }

    /** Whether token t, spaced and capitalised, opens the name of a division's body ("Department", "Gov."). */
    static boolean divisionBody(final TokenizedText tokens, final int t) {
        return t < tokens.size()
                && tokens.spaceBefore(t)
                && tokens.is(t, TokenizedText.UPPER_FIRST)
                && DIVISION_BODIES.contains(tokens, t);
    }

    /**
     * "The Virginia Department of Education": a name shared by a division and by towns or a country
     * abroad, before the name of a body that only a division has, is the division. Null when the
     * words after it say nothing, or when several of its readings are divisions ("Punjab": India's
     * and Pakistan's).
     */
    static Gazetteer.Entry governedDivision(final EntryMatch match, final TokenizedText tokens) {
        if (!divisionBody(tokens, match.lastToken + 1)) {
            return null;
        }
        Gazetteer.Entry division = null;
        for (Gazetteer.Entry reading : match.readings) {
            if (reading.has(Gazetteer.DIVISION) && !reading.org() && !reading.blocker()) {
                if (division != null) {
                    return null;
                }
                division = reading;
            }
        }
        return division;
    }

    /**
     * "St. Paul's Hospital", "officials at St. Paul's": a place named after a saint, in the
     * possessive, is as likely the saint's church, school or hospital, which are everywhere, as the
     * town's; like the saints' possessives the gazetteer lists ("St. John's"), it counts only
     * beside other evidence of its country.
     */
    static boolean saintsPossessive(final EntryMatch match, final TokenizedText tokens) {
        if (match.lastToken == match.firstToken
                || !SAINTS.contains(tokens.source, match.start, tokens.end(match.firstToken))) {
            return false;
        }
        final String source = tokens.source;
        final int end = match.end;
        return end + 1 < source.length()
                && (source.charAt(end) == '\'' || source.charAt(end) == '\u2019')
                && source.charAt(end + 1) == 's'
                && (end + 2 == source.length() || !Character.isLetterOrDigit(source.charAt(end + 2)));
    }
}
