package news.pipeline.tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules that add to the focus countries the salience alone leaves under the threshold, because of
 * the kind of story: a country listed with others in a story about several ("Chile, Peru and
 * Ecuador"), and every country of a round-up or a survey (a levy table, export sales by
 * destination). {@link Salience} runs them after the threshold has picked the focus, and before its
 * fallback to the most salient country.
 */
final class WiderFocus {
    /** A story already about this many countries treats a country it lists with others as one more of them. */
    private static final int MIN_FOCUS_FOR_ENUMERATION = 2;
    /**
     * A story naming this many countries with none standing out is a round-up (a levy table, a
     * producers' meeting, an aid package for a region's states): it is about every country it names.
     */
    private static final int MIN_ROUND_UP_COUNTRIES = 10;
    /** "None standing out": no country's salience above this, so no title-and-dateline country leads the story. */
    private static final double MAX_ROUND_UP_TOP_SALIENCE = 0.65;
    /**
     * A story already about this many countries that names this many more in all is a survey (export
     * sales by destination, crop weather by region, a commodity pact's members), about every one of them.
     */
    private static final int MIN_SURVEY_FOCUS = 4;
    /** Countries a story about {@link #MIN_SURVEY_FOCUS} or more must name to be such a survey. */
    private static final int MIN_SURVEY_COUNTRIES = 14;

    private final Gazetteer gazetteer;

    WiderFocus(final Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /**
     * A story about two or more countries that lists a third with others ("Chile, Peru and Ecuador")
     * and names it again or in its lead treats it as one of the countries it is about (members at a
     * meeting, producers, markets of a trade); so does any story that lists the same country in two
     * such enumerations. A list in a story about one country more often names its counterparts in
     * passing (a country's export destinations), and stays out.
     */
    void addEnumeratedCountries(
            final List<CountryTagging> countries,
            final List<CountryEvidence> found,
            final List<String> focus,
            final TaggingExplanation explanation) {
        final int focusBefore = focus.size();
        final Set<String> added = new HashSet<>();
        for (CountryEvidence evidence : found) {
            final String code = gazetteer.countryCodes[evidence.country];
            final int lists = evidence.enumerations;
            if (lists == 0 || focus.contains(code)) {
                continue;
            }
            final int counted = evidence.textMentions - evidence.incidentalMentions + evidence.titleMentions;
            final boolean inAboutSeveral =
                    focusBefore >= MIN_FOCUS_FOR_ENUMERATION && (evidence.leadWeighed || counted >= 2);
            if (lists >= 2 || inAboutSeveral) {
                added.add(code);
                if (explanation != null) {
                    explanation.focusRule(
                            code,
                            lists >= 2
                                    ? "focus: named in " + lists + " lists of " + Enumerations.MIN_COUNTRIES
                                            + " or more countries"
                                    : "focus: named in a list of " + Enumerations.MIN_COUNTRIES
                                            + " or more countries, and again or in the lead, in a story about "
                                            + focusBefore + " countries");
                }
            }
        }
        if (!added.isEmpty()) {
            // the focus keeps the countries' order, most salient first
            final List<String> ordered = new ArrayList<>();
            for (CountryTagging country : countries) {
                if (focus.contains(country.code()) || added.contains(country.code())) {
                    ordered.add(country.code());
                }
            }
            focus.clear();
            focus.addAll(ordered);
        }
    }

    /**
     * A story that names many countries is a round-up about all of them, not one country's story with
     * others in passing, when none of them stands out (a weekly levy table, an aid package for a
     * region's states, a producers' meeting) or when it is already about several of them (export
     * sales by destination, crop weather, a commodity pact's talks): every country it names is then
     * in the focus, each of which the salience alone leaves out as named once or twice.
     */
    static void addRoundUpCountries(
            final List<CountryTagging> countries, final List<String> focus, final TaggingExplanation explanation) {
        if (countries.isEmpty()) {
            return;
        }
        final boolean noneStandsOut =
                countries.size() >= MIN_ROUND_UP_COUNTRIES && countries.get(0).salience() <= MAX_ROUND_UP_TOP_SALIENCE;
        final boolean survey = focus.size() >= MIN_SURVEY_FOCUS && countries.size() >= MIN_SURVEY_COUNTRIES;
        if (!noneStandsOut && !survey) {
            return;
        }
        final List<String> ordered = new ArrayList<>();
        for (CountryTagging country : countries) {
            ordered.add(country.code());
            if (!focus.contains(country.code()) && explanation != null) {
                explanation.focusRule(
                        country.code(),
                        noneStandsOut
                                ? "focus: one of " + countries.size() + " countries in a round-up where none"
                                        + " exceeds salience " + MAX_ROUND_UP_TOP_SALIENCE
                                : "focus: one of " + countries.size() + " countries in a story already about "
                                        + focus.size());
            }
        }
        // the focus keeps the countries' order, most salient first
        focus.clear();
        focus.addAll(ordered);
    }
}
