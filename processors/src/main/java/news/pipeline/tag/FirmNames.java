package news.pipeline.tag;

import java.util.List;
import java.util.Set;

/**
 * The rule that reads a town or region as the first word of a firm's name ("Piedmont Aviation",
 * "Sapporo Breweries"), and the words that keep a town's public bodies, office-holders and
 * newspapers ("Gainesville Police", "the Seattle Times") as evidence of the place instead.
 * Firm names hyphenated to a place ("Georgia-Pacific", "Allied-Lyons") are judged in
 * {@link ContextRules#apply} itself, ahead of every other rule.
 */
final class FirmNames {
    /**
     * Words after a town or region that make the phrase one of its public bodies or places, not a
     * firm: "Gainesville Police", "Indiana State Police", "Richmond Fire Department", "Akron City
     * Council", "Texas Department of Transportation", "Huntsville Memorial Hospital", "Texas Gov.
     * Rick Perry", "Manitoba Premier", "Ontario Provincial Police", "the Seattle Times". Such a phrase is in the place, or is its
     * office-holder or its newspaper, so it is evidence of the place's country. Streets are not
     * among them: a London Street may be anywhere. "County" is not among them: "Orange
     * County" or "Lancaster County" is elsewhere than the town of that name abroad (see {@link
     * #countyOfTheSameCountry}).
     */
    private static final Set<String> PUBLIC_BODIES = Set.of(
            "police",
            "sheriff",
            "fire",
            "city",
            "state",
            "provincial",
            "council",
            "mayor",
            "municipal",
            "public",
            "school",
            "schools",
            "district",
            "court",
            "courthouse",
            "hospital",
            "airport",
            "university",
            "college",
            "library",
            "museum",
            "zoo",
            "chamber",
            "housing",
            "transit",
            "utilities",
            "department",
            "memorial",
            "ranger",
            "rangers",
            "gov",
            "governor",
            "premier",
            "legislature",
            "senate",
            "assembly",
            "capitol",
            "national",
            "highway",
            "community",
            "regional",
            "academy",
            "health",
            "water",
            "civic",
            "village",
            "international",
            "times",
            "post",
            "herald",
            "tribune",
            "journal",
            "gazette",
            "house",
            "commission",
            "labour",
            "volunteer",
            "democrat",
            "democrats",
            "republican",
            "republicans",
            "environmental",
            "coastal",
            "parks",
            "area");

    /**
     * Words right before a name that make it a place, not a firm named after it: a preposition of
     * place or motion ("in Winnipeg", "drove to Winnipeg") or a compass point ("northern Manitoba").
     * "At" and "of" are not among them: "at Jordan Marsh", "shares of Jordan" are the firm.
     */
    private static final FoldedWords PLACE_BEFORE = FoldedWords.of(
            "in",
            "to",
            "from",
            "near",
            "into",
            "across",
            "throughout",
            "around",
            "outside",
            "within",
            "northern",
            "southern",
            "eastern",
            "western",
            "central",
            "northeastern",
            "northwestern",
            "southeastern",
            "southwestern",
            "rural",
            "downtown");

    /** Local units that American towns share their names with: "Jackson Township", "Madison County". */
    private static final Set<String> AMERICAN_LOCAL_UNITS = Set.of("county", "township", "twp", "parish");

    private final Gazetteer gazetteer;

    FirmNames(final Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /**
     * "Piedmont Aviation", "Sapporo Breweries", "Paris Hilton": a town or region right before a
     * capitalised word that no entry starts is the first word of a firm's name. Country names are
     * not judged so ("Ford Canada", "Japan Air Lines" still point at the country).
     */
    boolean firmContext(final List<EntryMatch> matches, final int k, final TokenizedText tokens) {
        final EntryMatch match = matches.get(k);
        // a capital named like a person ("Paris Hilton", "Sofia Coppola") too
        if (match.entry.kind() != MentionKind.CITY
                && !(match.entry.kind() == MentionKind.CAPITAL && namedLikePerson(match, tokens))) {
            return false;
        }
        final int next = match.lastToken + 1;
        if (next >= tokens.size()
                || !tokens.spaceBefore(next)
                || !tokens.is(next, TokenizedText.UPPER_FIRST)
                || tokens.is(next, TokenizedText.ALL_UPPER)
                || EntryMatch.startsMatch(matches, k + 1, match.inTitle, next)
                || publicBodyOf(match, TokenizedText.fold(tokens.source, tokens.start(next), tokens.end(next)))) {
            return false;
        }
        return !tokens.sentenceStart(next);
    }

    /**
     * Whether a mention stands as a place by the word right before it ("in Winnipeg", "northern
     * Manitoba") or by the body of the place after it ("Winnipeg Police", "the Virginia Department of
     * Education"), so that a firm named after the place elsewhere in the article ("Winnipeg Animal
     * Emergency Hospital") does not make it the firm.
     */
    boolean standsAsPlace(final EntryMatch match, final TokenizedText tokens) {
        final int prev = match.firstToken - 1;
        if (prev >= 0
                && tokens.spaceBefore(match.firstToken)
                && !tokens.is(prev, TokenizedText.ALL_UPPER)
                && PLACE_BEFORE.contains(tokens, prev)) {
            return true;
        }
        final int next = match.lastToken + 1;
        return next < tokens.size()
                && tokens.spaceBefore(next)
                && tokens.is(next, TokenizedText.UPPER_FIRST)
                && (OtherPlaceNames.divisionBody(tokens, next)
                        || publicBodyOf(
                                match, TokenizedText.fold(tokens.source, tokens.start(next), tokens.end(next))));
    }

    /** Whether the match's words are a first name; a one-word match asks its token, hashed once. */
    private boolean namedLikePerson(final EntryMatch match, final TokenizedText tokens) {
        return match.firstToken == match.lastToken
                ? gazetteer.isFirstName(tokens, match.firstToken)
                : gazetteer.isFirstName(tokens.source, match.start, match.end);
    }

    private boolean publicBodyOf(final EntryMatch match, final String nextWord) {
        return PUBLIC_BODIES.contains(nextWord)
                || AMERICAN_LOCAL_UNITS.contains(nextWord)
                        && (countyOfTheSameCountry(match) || match.entry.has(Gazetteer.REGION));
    }

    /**
     * "Madison County", "Jackson Township": most American towns share their name with a county or a
     * township, often of the same state, and these are the units of American local news; an American
     * town's name before "County" is American either way. A town abroad is not ("Lancaster County" is in
     * Pennsylvania, not Lancashire), but a region abroad is its own county ("Lancashire County Council").
     */
    private boolean countyOfTheSameCountry(final EntryMatch match) {
        return "US".equals(gazetteer.countryCodes[match.entry.target()]);
    }
}
