package news.pipeline.tag;

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
 *
 * <p>This class runs the rules in their order, which matters: the first rule to drop a match gives
 * the reason, and the rules that weigh the places an article names together come after those that
 * judge each match from its own context. The rules themselves live by family: {@link PersonNames},
 * {@link FirmNames}, {@link OtherPlaceNames}, {@link Namesakes}, and {@link NonPlaceUses},
 * {@link WorkTitles} and {@link LocalUnits}.
 */
final class ContextRules {
    private final LocalUnits localUnits;
    private final PersonNames personNames;
    private final FirmNames firmNames;

    ContextRules(final Gazetteer gazetteer) {
        this.localUnits = new LocalUnits(gazetteer.countryIndex("US"));
        this.personNames = new PersonNames(gazetteer);
        this.firmNames = new FirmNames(gazetteer);
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
        // names seen as a firm's first word: other mentions of them are the firm unless they stand as a place
        final Set<String> firms = new HashSet<>();
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
                    && !EntryMatch.startsMatch(matches, k + 1, match.inTitle, after)) {
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
                firms.add(EntryMatch.key(match, tokens));
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
            if (WorkTitles.inTitleOfWork(match, tokens)) {
                match.drop(RejectionReason.TITLE_OF_WORK);
                continue;
            }
            if (OtherPlaceNames.localUnitName(match, tokens)) {
                match.drop(RejectionReason.LOCAL_UNIT);
                continue;
            }
            if (OtherPlaceNames.townNamedLikeCountry(match, tokens)) {
                match.drop(RejectionReason.TOWN_NAMED_LIKE_COUNTRY);
                personal.add(EntryMatch.key(match, tokens));
                continue;
            }
            if (PersonNames.byline(match, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(EntryMatch.key(match, tokens));
                continue;
            }
            if (personNames.afterNameParticle(match, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(EntryMatch.key(match, tokens));
                continue;
            }
            if (PersonNames.besideInitials(matches, k, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(EntryMatch.key(match, tokens));
                continue;
            }
            if (personNames.afterForenameAndInitial(match, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(EntryMatch.key(match, tokens));
                continue;
            }
            if (PersonNames.speakerOrOffice(match, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(EntryMatch.key(match, tokens));
                continue;
            }
            if (personNames.personContext(matches, k, tokens)) {
                match.drop(RejectionReason.PERSON_NAME);
                personal.add(EntryMatch.key(match, tokens));
            } else if (firmNames.firmContext(matches, k, tokens)) {
                match.drop(RejectionReason.FIRM_NAME);
                firms.add(EntryMatch.key(match, tokens));
            } else if (personNames.forenameContext(matches, k, tokens)) {
                // this mention only: "Israel Radio" may stand in an article that means Israel elsewhere
                match.drop(RejectionReason.FORENAME);
            }
        }
        if (!personal.isEmpty() || !firms.isEmpty()) {
            for (EntryMatch match : matches) {
                if (!match.isLiveCountry()
                        || !PersonNames.nameLike(match.entry)
                        || match.datelinePlace
                        || match.datelineRegion) {
                    continue;
                }
                final TokenizedText tokens = match.inTitle ? title : text;
                final String key = EntryMatch.key(match, tokens);
                // "Manitoba Underdogs Rescue" is a firm, and "in northern Manitoba" the province still;
                // a person's name has no such reading back ("passed to Jordan" may be the player)
                if (personal.contains(key) || firms.contains(key) && !firmNames.standsAsPlace(match, tokens)) {
                    match.drop(RejectionReason.NAMED_LIKE_PERSON_ELSEWHERE);
                }
            }
        }
        // after the rules above, which judge names, and before those that weigh the places the article names
        localUnits.find(title, true, titleCaps, matches);
        localUnits.find(text, false, false, matches);
        OtherPlaceNames.shortenedNames(matches, title, text);
        // a name shared with a region abroad ("Georgia") counts only beside other evidence
        // by country index: a set of small ints, with no boxing or hashing at every match
        final BitSet corroborated = new BitSet();
        for (EntryMatch match : matches) {
            if (match.isLiveCountry()
                    && !match.entry.has(Gazetteer.AMBIGUOUS)
                    && !OtherPlaceNames.saintsPossessive(match, match.inTitle ? title : text)) {
                corroborated.set(match.entry.target());
            }
        }
        for (EntryMatch match : matches) {
            if (!match.dropped
                    && (match.entry.has(Gazetteer.AMBIGUOUS)
                            || OtherPlaceNames.saintsPossessive(match, match.inTitle ? title : text))
                    && !match.entry.org()
                    && !names(corroborated, match.entry.target())) {
                // "Punjab" beside "Lahore" is Pakistan's, beside "Amritsar" India's
                Gazetteer.Entry reading = corroboratedReading(match, corroborated);
                if (reading == null) {
                    // "the Virginia Department of Education" says which reading by the words after it
                    reading = OtherPlaceNames.governedDivision(match, match.inTitle ? title : text);
                }
                if (reading == null) {
                    match.drop(RejectionReason.UNCORROBORATED);
                } else {
                    match.entry = reading;
                }
            }
        }
        final Map<String, Integer> townsOfRegions = new HashMap<>();
        Namesakes.regionOverPlace(matches, title, text, townsOfRegions);
        Namesakes.placeBeforeRegion(matches, title, text, townsOfRegions);
        Namesakes.sameTownElsewhere(matches, title, text, townsOfRegions);
        Namesakes.namesakesAtHome(matches, false);
        Namesakes.sharedNamesakes(matches);
        // small namesakes last: towns that share a namesake abroad are read there first (Campbell
        // and Edmonton near Cairns), which a smaller namesake elsewhere must not undo
        Namesakes.namesakesAtHome(matches, true);
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
}
