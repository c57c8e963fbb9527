package news.pipeline.tag;

import java.util.List;

/**
 * Rules that read a match as part of a person's name: a surname after a first name, an honorific
 * or initials ("Jerry Jordan", "Mr. Jordan", "J.M. Barrie"), the rest of a name after a particle
 * ("Mario de Santiago"), a writer in a byline ("By Jordan Smith"), a speaker ("Torres said"), or a
 * forename before a surname ("Jordan Peterson"). Places far outnumber the names a first-name list
 * holds, so the rules read the shape of a name around the match (a capitalised word before it,
 * initials, a particle, a verb of speech) and not the list alone. The words that qualify a name
 * rather than start one ("North", "The") are here too, since {@link LocalUnits} asks them as well.
 */
final class PersonNames {
    /** Capitalised words that qualify a country name rather than make it part of another name. */
    private static final FoldedWords QUALIFIERS = FoldedWords.of(
            "north",
            "south",
            "east",
            "west",
            "northern",
            "southern",
            "eastern",
            "western",
            "central",
            "upper",
            "lower",
            "greater",
            "mainland",
            "communist",
            "nationalist",
            "red",
            "free",
            "democratic",
            "federal",
            "islamic",
            "socialist",
            "republican",
            "royal",
            "imperial",
            "neighbouring",
            "neighboring",
            "rural",
            "coastal",
            "northeastern",
            "northwestern",
            "southeastern",
            "southwestern",
            "northeast",
            "northwest",
            "southeast",
            "southwest",
            "the",
            "in",
            "and",
            "or",
            "of",
            "for",
            "to",
            "from",
            "with",
            "by",
            "on",
            "at",
            "as",
            "but",
            "both",
            "between",
            "against",
            "including",
            "said",
            "says",
            "like",
            "than",
            "via",
            "into",
            "over",
            "after",
            "before",
            "while",
            "when",
            "if",
            "that",
            "which",
            "where",
            "not",
            "all",
            "only",
            "also",
            "even",
            "unlike",
            "besides",
            "outside",
            "inside",
            "within",
            "across",
            "toward",
            "towards",
            "among",
            "amid",
            "despite",
            "about",
            "under",
            "versus",
            "vs");

    /**
     * Titles before a surname, kin before a given name ("his wife Nancy"), and a saint's before a
     * given name: "St. Mary's" names a saint (a
     * church, a school), not the town of Mary; the dot after "St" would otherwise read as a
     * sentence's end. A place named after the saint is an entry of its own, which covers the title
     * ("St. Petersburg", "Saint Lucia").
     */
    private static final FoldedWords HONORIFICS = FoldedWords.of(
            "st",
            "saint",
            "ste",
            "mr",
            "mrs",
            "ms",
            "miss",
            "dr",
            "sir",
            "lady",
            "lord",
            "gen",
            "sen",
            "rep",
            "gov",
            "lt",
            "col",
            "capt",
            "prof",
            "rev",
            "president",
            "senator",
            "governor",
            "minister",
            "chairman",
            "judge",
            "justice",
            "father",
            "brother",
            "sister",
            "uncle",
            "aunt",
            // kin before a given name ("his wife Nancy", "daughter Georgia"); not "mother", as in "Mother Russia"
            "wife",
            "husband",
            "son",
            "daughter",
            "grandson",
            "granddaughter",
            "nephew",
            "niece",
            "cousin",
            "widow");

    /** Particles in lower case between a first name and the rest of a surname: "Mario de Santiago". */
    private static final FoldedWords NAME_PARTICLES =
            FoldedWords.of("de", "da", "di", "del", "della", "dos", "das", "do", "du", "van", "von", "der");

    /** Verbs of speech after a one-word town that make it a person: "Torres said". */
    private static final FoldedWords SPEECH_VERBS = FoldedWords.of("said", "says", "told");

    private final Gazetteer gazetteer;

    PersonNames(final Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** Whether a capitalised word, folded, qualifies the name after it rather than starts a name ("North", "The"). */
    static boolean isQualifier(final String folded) {
        return QUALIFIERS.contains(folded);
    }

    /** Kinds of name a person or a firm may also bear; demonyms and abbreviations are not. */
    static boolean nameLike(final Gazetteer.Entry entry) {
        return switch (entry.kind()) {
            case NAME, CAPITAL, CITY, HISTORICAL -> true;
            default -> false;
        };
    }

    /**
     * "Jerry Jordan", "Morgan Stanley", "Mr. Jordan": a name after an honorific, or a name that is
     * also a first name (Jordan, Georgia, Stanley) after a capitalised word that is no qualifier
     * and no entry, is a person's surname or part of a firm's name. A first name before it
     * settles it even at a sentence's start.
     */
    boolean personContext(final List<EntryMatch> matches, final int k, final TokenizedText tokens) {
        final EntryMatch match = matches.get(k);
        if (!nameLike(match.entry)) {
            return false;
        }
        final int prev = match.firstToken - 1;
        if (prev < 0) {
            return false;
        }
        if (k > 0
                && matches.get(k - 1).inTitle == match.inTitle
                && matches.get(k - 1).lastToken == prev
                && !matches.get(k - 1).dropped) {
            return false;
        }
        final boolean dotted =
                tokens.end(prev) < tokens.source.length() && tokens.source.charAt(tokens.end(prev)) == '.';
        if (HONORIFICS.contains(tokens, prev) && (tokens.spaceBefore(match.firstToken) || dotted)) {
            return true;
        }
        final boolean afterFirstName = gazetteer.isFirstName(tokens, prev);
        if (afterFirstName
                && match.entry.kind() != MentionKind.NAME
                && tokens.spaceBefore(match.firstToken)
                && tokens.is(prev, TokenizedText.UPPER_FIRST)
                && !tokens.is(prev, TokenizedText.ALL_UPPER)) {
            // "Jose Concepcion", "Morgan Stanley": a town after a first name is a surname
            return true;
        }
        if (townAfterName(match, tokens, prev)) {
            return true;
        }
        if (match.firstToken != match.lastToken || !gazetteer.isFirstName(tokens, match.firstToken)) {
            return false;
        }
        if (!tokens.spaceBefore(match.firstToken)
                || !tokens.is(prev, TokenizedText.UPPER_FIRST)
                || tokens.is(prev, TokenizedText.ALL_UPPER)
                || QUALIFIERS.contains(tokens, prev)
                || Character.isDigit(tokens.source.charAt(tokens.start(prev)))) {
            return false;
        }
        return !tokens.sentenceStart(prev) || afterFirstName;
    }

    /**
     * "BY CHAD KLIMACK", "By Jordan Smith": a one-word name right after "By" that opens a sentence
     * and right before another capitalised word is the writer's first name in a byline.
     */
    static boolean byline(final EntryMatch match, final TokenizedText tokens) {
        final int prev = match.firstToken - 1;
        final int next = match.lastToken + 1;
        return nameLike(match.entry)
                && match.firstToken == match.lastToken
                && prev >= 0
                && next < tokens.size()
                && tokens.sentenceStart(prev)
                && FoldedWords.is(tokens, prev, "by")
                && tokens.spaceBefore(match.firstToken)
                && tokens.spaceBefore(next)
                && tokens.is(next, TokenizedText.UPPER_FIRST);
    }

    /**
     * "J.M. Barrie", "Mary Z. Connaughton": a one-word town or capital right after a person's
     * initials, or right before a middle initial and a capitalised word, is a surname or a forename.
     * An initial is one capital letter and its dot; initials that form a known name ("U.S.") are not.
     */
    static boolean besideInitials(final List<EntryMatch> matches, final int k, final TokenizedText tokens) {
        final EntryMatch match = matches.get(k);
        if ((match.entry.kind() != MentionKind.CITY && match.entry.kind() != MentionKind.CAPITAL)
                || match.entry.has(Gazetteer.REGION)
                || match.firstToken != match.lastToken
                || tokens.is(match.firstToken, TokenizedText.ALL_UPPER)) {
            return false;
        }
        final int prev = match.firstToken - 1;
        final boolean afterInitials = prev >= 0
                && dotAndSpaceBefore(tokens, match.firstToken)
                && initials(tokens, prev)
                && !(k > 0 && matches.get(k - 1).inTitle == match.inTitle && matches.get(k - 1).lastToken == prev);
        final int next = match.lastToken + 1;
        final boolean beforeInitial = next + 1 < tokens.size()
                && tokens.spaceBefore(next)
                && tokens.end(next) - tokens.start(next) == 1
                && initials(tokens, next)
                && dotAndSpaceBefore(tokens, next + 1)
                && tokens.is(next + 1, TokenizedText.UPPER_FIRST);
        return afterInitials || beforeInitial;
    }

    /**
     * "David M. Holland", "Ann K. Jordan": a country's own name after a first name and a middle
     * initial is a surname. Towns have their own, wider rule ({@link #besideInitials}); a country's
     * name needs the first name too, since "U.K. Britain" or "M. Chad" say too little.
     */
    boolean afterForenameAndInitial(final EntryMatch match, final TokenizedText tokens) {
        final int initial = match.firstToken - 1;
        final int forename = initial - 1;
        return match.entry.kind() == MentionKind.NAME
                && match.firstToken == match.lastToken
                && forename >= 0
                && !tokens.is(match.firstToken, TokenizedText.ALL_UPPER)
                && tokens.end(initial) - tokens.start(initial) == 1
                && initials(tokens, initial)
                && dotAndSpaceBefore(tokens, match.firstToken)
                && tokens.spaceBefore(initial)
                && tokens.is(forename, TokenizedText.UPPER_FIRST)
                && !tokens.is(forename, TokenizedText.ALL_UPPER)
                && gazetteer.isFirstName(tokens, forename);
    }

    /**
     * "Mario de Santiago", "Leonardo da Vinci", "Anna van Delft": a town or capital after a surname
     * particle in lower case that follows a first name is the rest of a person's name.
     */
    boolean afterNameParticle(final EntryMatch match, final TokenizedText tokens) {
        final int particle = match.firstToken - 1;
        if (match.entry.kind() != MentionKind.CITY && match.entry.kind() != MentionKind.CAPITAL
                || match.entry.has(Gazetteer.REGION)
                || particle < 1
                || !tokens.spaceBefore(match.firstToken)
                || !tokens.spaceBefore(particle)
                || tokens.is(particle, TokenizedText.UPPER_FIRST)
                || !NAME_PARTICLES.contains(tokens, particle)) {
            return false;
        }
        final int first = particle - 1;
        return tokens.is(first, TokenizedText.UPPER_FIRST)
                && !tokens.is(first, TokenizedText.ALL_UPPER)
                && gazetteer.isFirstName(tokens, first);
    }

    /** Whether a space, after at most a dot, separates tokens t-1 and t ("J.M. Barrie", the dot in or out of the token). */
    private static boolean dotAndSpaceBefore(final TokenizedText tokens, final int t) {
        final String gap = tokens.source.substring(tokens.end(t - 1), tokens.start(t));
        return gap.equals(" ") || gap.equals(". ");
    }

    /** Whether token t is initials: capital letters each followed by a dot ("J.M.", "Z."). */
    private static boolean initials(final TokenizedText tokens, final int t) {
        final String source = tokens.source;
        int i = tokens.start(t);
        final int end = tokens.end(t);
        while (i < end) {
            if (!Character.isUpperCase(source.charAt(i)) || i + 1 >= source.length() || source.charAt(i + 1) != '.') {
                return false;
            }
            i += 2;
        }
        return i > tokens.start(t);
    }

    /**
     * "Torres said", "the Obama administration": a one-word town right before a verb of speech, at
     * a sentence's start or after another capitalised word, or before the word for a government,
     * names a person, who speaks and governs; a town does neither, and a capital or a country that
     * does ("Moscow said") is not judged so. Every other mention of the word in the article is that
     * person too.
     */
    static boolean speakerOrOffice(final EntryMatch match, final TokenizedText tokens) {
        final int next = match.lastToken + 1;
        return match.entry.kind() == MentionKind.CITY
                && !match.entry.has(Gazetteer.REGION)
                && match.firstToken == match.lastToken
                && !tokens.is(match.firstToken, TokenizedText.ALL_UPPER)
                && next < tokens.size()
                && tokens.spaceBefore(next)
                && (FoldedWords.is(tokens, next, "administration")
                        // "Qintex of Brisbane said", "that Gainesville says no": a firm's seat, or a town's people
                        || SPEECH_VERBS.contains(tokens, next)
                                && (tokens.sentenceStart(match.firstToken)
                                        || tokens.is(match.firstToken - 1, TokenizedText.UPPER_FIRST)));
    }

    /**
     * "Barack Obama", "Jennifer Lopez": a one-word town right after a capitalised word inside a
     * sentence, with no qualifier ("Greater", "of") and no place between them, is a surname; towns
     * far outnumber the names a first-name list holds. Regions and capitals are left to the other
     * rules: "Central London" and "Midland Bank London" still name the city.
     */
    private static boolean townAfterName(final EntryMatch match, final TokenizedText tokens, final int prev) {
        return match.entry.kind() == MentionKind.CITY
                && !match.entry.has(Gazetteer.REGION)
                && !match.entry.has(Gazetteer.DATELINE_ONLY)
                && match.firstToken == match.lastToken
                && tokens.spaceBefore(match.firstToken)
                && tokens.is(prev, TokenizedText.UPPER_FIRST)
                && !tokens.is(prev, TokenizedText.ALL_UPPER)
                && !tokens.is(match.firstToken, TokenizedText.ALL_UPPER)
                && !QUALIFIERS.contains(tokens, prev)
                && !tokens.sentenceStart(prev)
                && !HONORIFICS.contains(tokens, prev)
                && tokens.source.charAt(tokens.end(prev)) == ' ';
    }

    /**
     * "Jordan Peterson", "Chad Smith": a country named like a person, right before a capitalised word
     * that no entry starts and that does not open a sentence, is a forename.
     */
    boolean forenameContext(final List<EntryMatch> matches, final int k, final TokenizedText tokens) {
        final EntryMatch match = matches.get(k);
        if (match.entry.kind() != MentionKind.NAME
                || match.firstToken != match.lastToken
                || !gazetteer.isFirstName(tokens, match.firstToken)) {
            return false;
        }
        final int next = match.lastToken + 1;
        return next < tokens.size()
                && tokens.spaceBefore(next)
                && tokens.is(next, TokenizedText.UPPER_FIRST)
                && !tokens.is(next, TokenizedText.ALL_UPPER)
                && !EntryMatch.startsMatch(matches, k + 1, match.inTitle, next)
                && !tokens.sentenceStart(next)
                // "Georgia Bureau of Investigation" is a state's body, not Georgia Smith
                && !OtherPlaceNames.divisionBody(tokens, next)
                && !IncidentalMentions.isCompanySuffix(
                        TokenizedText.fold(tokens.source, tokens.start(next), tokens.end(next)));
    }
}
