package news.pipeline.tag;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops the matches whose context says they name something other than the country: firm names
 * ("Georgia-Pacific", "Piedmont Aviation", "Allied-Lyons"), surnames ("Jerry Jordan", then every
 * "Jordan" of the article), forenames ("Jordan Peterson"), shortened names ("Jersey" beside "New
 * Jersey"), names shared with a region abroad ("Georgia") without other evidence, and the
 * dateline's place when its region is known ("SAN JOSE, Calif."). Every rule is general: none
 * names a country.
 */
final class ContextRules {
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

    /** First words of a place named after a saint ("St. Paul", "Saint-Denis"), folded. */
    private static final FoldedWords SAINTS = FoldedWords.of("st", "saint", "ste", "sainte");

    /** Verbs of speech after a one-word town that make it a person: "Torres said". */
    private static final FoldedWords SPEECH_VERBS = FoldedWords.of("said", "says", "told");

    /** Words after a place name that make it the name of a county or township elsewhere: "Lebanon County", "Jordan Township". */
    private static final FoldedWords LOCAL_UNITS = FoldedWords.of("county", "township", "parish", "borough");

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

    /** Local units that American towns share their names with: "Jackson Township", "Madison County". */
    private static final Set<String> AMERICAN_LOCAL_UNITS = Set.of("county", "township", "twp", "parish");

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

    private final Gazetteer gazetteer;
    private final LocalUnits localUnits;

    ContextRules(final Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.localUnits = new LocalUnits(gazetteer.countryIndex("US"));
    }

    /** Whether a capitalised word, folded, qualifies the name after it rather than starts a name ("North", "The"). */
    static boolean isQualifier(final String folded) {
        return QUALIFIERS.contains(folded);
    }

    /**
     * Marks as dropped every match whose context says it is not the country, and adds the local
     * units of American news ({@link LocalUnits}).
     */
    void apply(
            final List<EntryMatch> matches,
            final TokenizedText title,
            final boolean titleCaps,
            final TokenizedText text) {
        final Set<String> personal = new HashSet<>();
        for (int k = 0; k < matches.size(); k++) {
            final EntryMatch match = matches.get(k);
            final TokenizedText tokens = match.inTitle ? title : text;
            if (match.entry.org() || match.entry.blocker()) {
                continue;
            }
            // "Georgia-Pacific": a name hyphenated to a capitalised word no entry knows is a firm's name
            final int after = match.lastToken + 1;
            if (!match.titleCaps
                    && tokens.hyphenBefore(after)
                    && tokens.is(after, TokenizedText.UPPER_FIRST)
                    && !startsMatch(matches, k + 1, match.inTitle, after)) {
                match.drop(RejectionReason.FIRM_HYPHENATED);
                continue;
            }
            // "Allied-Lyons": a town hyphenated after a capitalised word no entry knows ends a firm's name
            final int before = match.firstToken - 1;
            if (!match.titleCaps
                    && (match.entry.kind() == MentionKind.CITY || match.entry.kind() == MentionKind.CAPITAL)
                    && tokens.hyphenBefore(match.firstToken)
                    && tokens.is(before, TokenizedText.UPPER_FIRST)
                    && !(k > 0
                            && matches.get(k - 1).inTitle == match.inTitle
                            && matches.get(k - 1).lastToken == before)) {
                match.drop(RejectionReason.FIRM_HYPHENATED_END);
                personal.add(key(match, tokens));
                continue;
            }
            // a currency's sign or a disease's name, whatever the case of the words around it
            if (NonPlaceUses.currencySign(match, tokens)) {
                match.drop(RejectionReason.CURRENCY_SIGN);
                continue;
            }
            if (NonPlaceUses.diseaseName(match, tokens)) {
                match.drop(RejectionReason.DISEASE_NAME);
                continue;
            }
            if (NonPlaceUses.language(matches, k, tokens)) {
                match.drop(RejectionReason.LANGUAGE);
                continue;
            }
            if (NonPlaceUses.cuisineOrAncestry(match, tokens)) {
                match.drop(RejectionReason.CUISINE_OR_ANCESTRY);
                continue;
            }
            if (match.titleCaps || match.datelinePlace || match.datelineRegion) {
                continue;
            }
            if (WorkTitles.inTitleOfWork(match, tokens, WORK_NOUNS)) {
                match.drop(RejectionReason.TITLE_OF_WORK);
                continue;
            }
            if (localUnitName(match, tokens)) {
                match.drop(RejectionReason.LOCAL_UNIT);
                continue;
            }
            if (townNamedLikeCountry(match, tokens)) {
                match.drop(RejectionReason.TOWN_NAMED_LIKE_COUNTRY);
                personal.add(key(match, tokens));
                continue;
            }
            if (byline(match, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(key(match, tokens));
                continue;
            }
            if (afterNameParticle(match, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(key(match, tokens));
                continue;
            }
            if (besideInitials(matches, k, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(key(match, tokens));
                continue;
            }
            if (afterForenameAndInitial(match, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(key(match, tokens));
                continue;
            }
            if (speakerOrOffice(match, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(key(match, tokens));
                continue;
            }
            if (personContext(matches, k, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(key(match, tokens));
            } else if (firmContext(matches, k, tokens)) {
                match.drop(RejectionReason.FIRM_NAME);
                personal.add(key(match, tokens));
            } else if (forenameContext(matches, k, tokens)) {
                // this mention only: "Israel Radio" may stand in an article that means Israel elsewhere
                match.drop(RejectionReason.FORENAME);
            }
        }
        if (!personal.isEmpty()) {
            for (EntryMatch match : matches) {
                if (match.isLiveCountry()
                        && nameLike(match.entry)
                        && !match.datelinePlace
                        && !match.datelineRegion
                        && personal.contains(key(match, match.inTitle ? title : text))) {
                    match.drop(RejectionReason.NAMED_LIKE_PERSON_ELSEWHERE);
                }
            }
        }
        // after the rules above, which judge names, and before those that weigh the places the article names
        localUnits.find(title, true, titleCaps, matches);
        localUnits.find(text, false, false, matches);
        shortenedNames(matches, title, text);
        // a name shared with a region abroad ("Georgia") counts only beside other evidence
        // by country index: a set of small ints, with no boxing or hashing at every match
        final BitSet corroborated = new BitSet();
        for (EntryMatch match : matches) {
            if (match.isLiveCountry()
                    && !match.entry.has(Gazetteer.AMBIGUOUS)
                    && !saintsPossessive(match, match.inTitle ? title : text)) {
                corroborated.set(match.entry.target());
            }
        }
        for (EntryMatch match : matches) {
            if (!match.dropped
                    && (match.entry.has(Gazetteer.AMBIGUOUS) || saintsPossessive(match, match.inTitle ? title : text))
                    && !match.entry.org()
                    && !names(corroborated, match.entry.target())) {
                // "Punjab" beside "Lahore" is Pakistan's, beside "Amritsar" India's
                final Gazetteer.Entry reading = corroboratedReading(match, corroborated);
                if (reading == null) {
                    match.drop(RejectionReason.UNCORROBORATED);
                } else {
                    match.entry = reading;
                }
            }
        }
        final Map<String, Integer> townsOfRegions = new HashMap<>();
        regionOverPlace(matches, title, text, townsOfRegions);
        placeBeforeRegion(matches, title, text, townsOfRegions);
        sameTownElsewhere(matches, title, text, townsOfRegions);
        namesakesAtHome(matches, false);
        sharedNamesakes(matches);
        // small namesakes last: towns that share a namesake abroad are read there first (Campbell
        // and Edmonton near Cairns), which a smaller namesake elsewhere must not undo
        namesakesAtHome(matches, true);
    }

    /**
     * "Enfield" (Connecticut's, by size) and "Edmonton" (Alberta's) in one story are the two towns
     * of north London: when the towns an article names belong to two or more countries and each
     * has a namesake in one same other country, that country is where they all are, and each is
     * read as its namesake there. Towns only; capitals and regions keep their own reading, and so
     * does a town whose country the article names another way.
     */
    private static void sharedNamesakes(final List<EntryMatch> matches) {
        int firstTarget = -1;
        boolean severalTargets = false;
        int[] common = null;
        int towns = 0;
        for (EntryMatch match : matches) {
            if (!match.isLiveCountry() || match.entry.kind() != MentionKind.CITY || match.entry.has(Gazetteer.REGION)) {
                continue;
            }
            if (match.entry.namesakes().length == 0 || match.datelinePlace) {
                return;
            }
            towns++;
            if (firstTarget < 0) {
                firstTarget = match.entry.target();
            } else if (match.entry.target() != firstTarget) {
                severalTargets = true;
            }
            common = common == null ? match.entry.namesakes().clone() : intersect(common, match.entry);
        }
        if (!severalTargets || common == null || towns < 2) {
            return;
        }
        int shared = -1;
        for (int country : common) {
            if (country >= 0) {
                if (shared >= 0) {
                    // two countries would do: the article does not say which
                    return;
                }
                shared = country;
            }
        }
        if (shared < 0) {
            return;
        }
        for (EntryMatch match : matches) {
            if (match.isLiveCountry()
                    && match.entry.kind() == MentionKind.CITY
                    && !match.entry.has(Gazetteer.REGION)
                    && namedOtherwise(matches, match)) {
                return;
            }
        }
        for (EntryMatch match : matches) {
            if (match.isLiveCountry() && match.entry.kind() == MentionKind.CITY && !match.entry.has(Gazetteer.REGION)) {
                final Gazetteer.Entry own = match.entry;
                match.entry = new Gazetteer.Entry(
                        own.surface(),
                        own.letters(),
                        shared,
                        false,
                        false,
                        MentionKind.CITY,
                        0,
                        new int[0],
                        new int[0]);
            }
        }
    }

    /** The countries of common that are namesakes of the entry and not its own, the others set to -1. */
    private static int[] intersect(final int[] common, final Gazetteer.Entry entry) {
        for (int i = 0; i < common.length; i++) {
            if (common[i] == entry.target() || !entry.hasNamesake(common[i])) {
                common[i] = -1;
            }
        }
        return common;
    }

    /** Another ambiguous reading of the match's surface whose country the article names another way, or null. */
    private static Gazetteer.Entry corroboratedReading(final EntryMatch match, final BitSet corroborated) {
        for (Gazetteer.Entry reading : match.readings) {
            if (reading != match.entry
                    && reading.has(Gazetteer.AMBIGUOUS)
                    && !reading.org()
                    && !reading.blocker()
                    && names(corroborated, reading.target())) {
                return reading;
            }
        }
        return null;
    }

    /** Whether the set of countries holds the target, which is -1 for a blocker. */
    private static boolean names(final BitSet countries, final int target) {
        return target >= 0 && countries.get(target);
    }

    /**
     * "Paris, Texas", "Belgrade, Minn.": a place followed by a comma and a region of another country
     * is a town of that region, so the place's own country goes, as in a dateline.
     */
    private static void placeBeforeRegion(
            final List<EntryMatch> matches,
            final TokenizedText title,
            final TokenizedText text,
            final Map<String, Integer> townsOfRegions) {
        for (int k = 0; k + 1 < matches.size(); k++) {
            final EntryMatch place = matches.get(k);
            final EntryMatch region = matches.get(k + 1);
            if (!place.isLiveCountry()
                    || !region.isLiveCountry()
                    || place.inTitle != region.inTitle
                    || region.firstToken != place.lastToken + 1
                    || place.entry.target() == region.entry.target()
                    || !(region.entry.has(Gazetteer.REGION) || region.entry.has(Gazetteer.DATELINE_ONLY))) {
                continue;
            }
            final TokenizedText tokens = place.inTitle ? title : text;
            if (tokens.source.substring(place.end, region.start).equals(", ")) {
                place.drop(RejectionReason.TOWN_OF_REGION);
                townsOfRegions.put(key(place, tokens), region.entry.target());
            }
        }
    }

    /**
     * "Edmonton, Ky. ... Herbert Lattin, of Edmonton": once a region after a town's name, in the
     * text or in the dateline, has said which town the name is, its other mentions in the article
     * are that town too, unless the article names their own country another way ("Paris, Texas,
     * and Paris, France").
     */
    private static void sameTownElsewhere(
            final List<EntryMatch> matches,
            final TokenizedText title,
            final TokenizedText text,
            final Map<String, Integer> townsOfRegions) {
        if (townsOfRegions.isEmpty()) {
            return;
        }
        final List<EntryMatch> same = new ArrayList<>();
        for (EntryMatch match : matches) {
            if (!match.isLiveCountry() || match.entry.has(Gazetteer.REGION)) {
                continue;
            }
            final Integer country = townsOfRegions.get(key(match, match.inTitle ? title : text));
            if (country != null && country != match.entry.target() && !namedOtherwise(matches, match)) {
                same.add(match);
            }
        }
        for (EntryMatch match : same) {
            match.drop(RejectionReason.TOWN_OF_REGION_ELSEWHERE);
        }
    }

    /**
     * "Paris" in a story set among the towns of Texas: a place named like a town of a country whose
     * own towns or regions the article names, when the article names the place's country no other
     * way, is read as that town ("Athens", Georgia; "Lebanon", Pennsylvania) and dropped, since that
     * country is already found through its other places.
     *
     * @param anySize also count the namesakes too small to be listed as such, which the gazetteer
     *                gives towns only: "Malakoff" in a story among the towns of Texas is Malakoff,
     *                Texas (2,000 people), not the Paris suburb (30,000); a city of 100,000 or more
     *                keeps its reading ("Toronto" in an American story is not Toronto, Ohio)
     */
    private static void namesakesAtHome(final List<EntryMatch> matches, final boolean anySize) {
        // the countries of the article's towns, by index
        BitSet local = null;
        for (EntryMatch match : matches) {
            if (match.isLiveCountry() && match.entry.kind() == MentionKind.CITY) {
                if (local == null) {
                    local = new BitSet();
                }
                local.set(match.entry.target());
            }
        }
        if (local == null) {
            return;
        }
        final List<EntryMatch> dropped = new ArrayList<>();
        for (EntryMatch match : matches) {
            if (!match.isLiveCountry()
                    || match.entry.namesakes().length == 0 && match.entry.smallNamesakes().length == 0
                    || match.datelinePlace) {
                continue;
            }
            // a match has few namesakes, an article may have many towns: the namesakes are walked
            final boolean atHome = namesakeAtHome(matches, match, match.entry.namesakes(), local)
                    || anySize && namesakeAtHome(matches, match, match.entry.smallNamesakes(), local);
            if (atHome && !namedOtherwise(matches, match)) {
                dropped.add(match);
            }
        }
        for (EntryMatch match : dropped) {
            match.drop(RejectionReason.NAMESAKE_AT_HOME);
        }
    }

    /**
     * Whether one of the countries, namesakes of the match, is one whose towns the article names,
     * other than the match's own, and sets the story there.
     */
    private static boolean namesakeAtHome(
            final List<EntryMatch> matches, final EntryMatch match, final int[] namesakes, final BitSet local) {
        for (int country : namesakes) {
            if (local.get(country)
                    && country != match.entry.target()
                    && settlesStoryFor(matches, country, match.entry.target())
                    && (match.entry.kind() != MentionKind.NAME || namesRegionOf(matches, country))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A country's own name ("Lebanon", "Jamaica") is a town of the story's country only when the
     * article names a region of that country too ("Lebanon" beside "Pennsylvania" or "Pa."): towns alone,
     * such as a Washington dateline, say where the story was filed, not that the country's name is
     * a town there.
     */
    private static boolean namesRegionOf(final List<EntryMatch> matches, final int country) {
        for (EntryMatch place : matches) {
            if (place.isLiveCountry()
                    && place.entry.target() == country
                    && (place.entry.has(Gazetteer.REGION) || place.entry.has(Gazetteer.DATELINE_ONLY))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a town of the country sets the story there for a namesake of another country: not when
     * each of its towns is itself named like a town of that other country ("Toronto" and "Sydney"
     * each have a namesake in the other's country, so neither says where the story is).
     */
    private static boolean settlesStoryFor(final List<EntryMatch> matches, final int country, final int other) {
        for (EntryMatch place : matches) {
            if (place.isLiveCountry()
                    && place.entry.kind() == MentionKind.CITY
                    && place.entry.target() == country
                    && !place.entry.hasNamesake(other)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the article names the match's country by another surface form. */
    private static boolean namedOtherwise(final List<EntryMatch> matches, final EntryMatch match) {
        for (EntryMatch other : matches) {
            if (other.isLiveCountry()
                    && other.entry.target() == match.entry.target()
                    && !other.entry.surface().equalsIgnoreCase(match.entry.surface())) {
                return true;
            }
        }
        return false;
    }

    /** "SAN JOSE, Calif.": a known region in the dateline says which place it names, so the place's own match goes. */
    private static void regionOverPlace(
            final List<EntryMatch> matches,
            final TokenizedText title,
            final TokenizedText text,
            final Map<String, Integer> townsOfRegions) {
        int region = -1;
        for (EntryMatch match : matches) {
            if (match.datelineRegion && match.isLiveCountry()) {
                region = match.entry.target();
            }
        }
        if (region >= 0) {
            for (EntryMatch match : matches) {
                if (match.datelinePlace) {
                    if (match.isLiveCountry()) {
                        townsOfRegions.put(key(match, match.inTitle ? title : text), region);
                    }
                    match.drop(RejectionReason.DATELINE_REGION);
                }
            }
        }
    }

    /**
     * "Jersey" in an article that says "New Jersey", "Guinea" beside "Papua New Guinea", "Zealand"
     * (Denmark's) beside "New Zealand": a one-word name or region that ends a longer name of another
     * place in the same article is that place shortened,
     * unless the article also names its country another way ("Mexican" beside "New Mexico").
     */
    private static void shortenedNames(
            final List<EntryMatch> matches, final TokenizedText title, final TokenizedText text) {
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
    private static boolean localUnitName(final EntryMatch match, final TokenizedText tokens) {
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
    private static boolean townNamedLikeCountry(final EntryMatch match, final TokenizedText tokens) {
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

    /**
     * "St. Paul's Hospital", "officials at St. Paul's": a place named after a saint, in the
     * possessive, is as likely the saint's church, school or hospital, which are everywhere, as the
     * town's; like the saints' possessives the gazetteer lists ("St. John's"), it counts only
     * beside other evidence of its country.
     */
    private static boolean saintsPossessive(final EntryMatch match, final TokenizedText tokens) {
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

    /** Kinds of name a person or a firm may also bear; demonyms and abbreviations are not. */
    private static boolean nameLike(final Gazetteer.Entry entry) {
        return switch (entry.kind()) {
            case NAME, CAPITAL, CITY, HISTORICAL -> true;
            default -> false;
        };
    }

    /** The match's words, folded: how its other mentions in the article are recognised. */
    private static String key(final EntryMatch match, final TokenizedText tokens) {
        return TokenizedText.fold(tokens.source, match.start, match.end);
    }

    /** Whether matches[k] exists, lies in the same part (title or text) and starts at the token. */
    private static boolean startsMatch(
            final List<EntryMatch> matches, final int k, final boolean inTitle, final int token) {
        return k < matches.size() && matches.get(k).inTitle == inTitle && matches.get(k).firstToken == token;
    }

    /**
     * "Jerry Jordan", "Morgan Stanley", "Mr. Jordan": a name after an honorific, or a name that is
     * also a first name (Jordan, Georgia, Stanley) after a capitalised word that is no qualifier
     * and no entry, is a person's surname or part of a firm's name. A first name before it
     * settles it even at a sentence's start.
     */
    private boolean personContext(final List<EntryMatch> matches, final int k, final TokenizedText tokens) {
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
    private static boolean byline(final EntryMatch match, final TokenizedText tokens) {
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
    private static boolean besideInitials(final List<EntryMatch> matches, final int k, final TokenizedText tokens) {
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
    private boolean afterForenameAndInitial(final EntryMatch match, final TokenizedText tokens) {
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
    private boolean afterNameParticle(final EntryMatch match, final TokenizedText tokens) {
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
    private static boolean speakerOrOffice(final EntryMatch match, final TokenizedText tokens) {
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
    private boolean forenameContext(final List<EntryMatch> matches, final int k, final TokenizedText tokens) {
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
                && !startsMatch(matches, k + 1, match.inTitle, next)
                && !tokens.sentenceStart(next)
                && !IncidentalMentions.isCompanySuffix(
                        TokenizedText.fold(tokens.source, tokens.start(next), tokens.end(next)));
    }

    /**
     * "Piedmont Aviation", "Sapporo Breweries", "Paris Hilton": a town or region right before a
     * capitalised word that no entry starts is the first word of a firm's name. Country names are
     * not judged so ("Ford Canada", "Japan Air Lines" still point at the country).
     */
    private boolean firmContext(final List<EntryMatch> matches, final int k, final TokenizedText tokens) {
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
                || startsMatch(matches, k + 1, match.inTitle, next)
                || publicBodyOf(match, TokenizedText.fold(tokens.source, tokens.start(next), tokens.end(next)))) {
            return false;
        }
        return !tokens.sentenceStart(next);
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
