package news.pipeline.tag;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Rules that choose among places of the same name: a town followed by a region of another country
 * ("Paris, Texas"), a dateline's region over its place ("SAN JOSE, Calif."), the other mentions of
 * a town once a region has said which it is, and a town read as its namesake in the country whose
 * other towns the article names ("Paris" among the towns of Texas; "Enfield" beside "Edmonton").
 * They weigh the places the article names together, so they run after the rules that judge each
 * match from the words around it.
 */
final class Namesakes {
    private Namesakes() {}

    /**
     * "Enfield" (Connecticut's, by size) and "Edmonton" (Alberta's) in one story are the two towns
     * of north London: when the towns an article names belong to two or more countries and each
     * has a namesake in one same other country, that country is where they all are, and each is
     * read as its namesake there. Towns only; capitals and regions keep their own reading, and so
     * does a town whose country the article names another way.
     */
    static void sharedNamesakes(final List<EntryMatch> matches) {
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

    /**
     * "Paris, Texas", "Belgrade, Minn.": a place followed by a comma and a region of another country
     * is a town of that region, so the place's own country goes, as in a dateline.
     */
    static void placeBeforeRegion(
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
                townsOfRegions.put(EntryMatch.key(place, tokens), region.entry.target());
            }
        }
    }

    /**
     * "Edmonton, Ky. ... Herbert Lattin, of Edmonton": once a region after a town's name, in the
     * text or in the dateline, has said which town the name is, its other mentions in the article
     * are that town too, unless the article names their own country another way ("Paris, Texas,
     * and Paris, France").
     */
    static void sameTownElsewhere(
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
            final Integer country = townsOfRegions.get(EntryMatch.key(match, match.inTitle ? title : text));
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
    static void namesakesAtHome(final List<EntryMatch> matches, final boolean anySize) {
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
    static void regionOverPlace(
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
                        townsOfRegions.put(EntryMatch.key(match, match.inTitle ? title : text), region);
                    }
                    match.drop(RejectionReason.DATELINE_REGION);
                }
            }
        }
    }
}
