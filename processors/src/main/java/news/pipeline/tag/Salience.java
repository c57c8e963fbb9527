package news.pipeline.tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Weighs the evidence for each country the matches left standing name, and picks the focus: the
 * countries the story is about. Salience adds the title, the dateline, the lead paragraph,
 * frequency, the first position, sentence-subject position and a table of countries' figures;
 * incidental mentions (currencies, events, tickers, company names) count as mentions but not as
 * salience.
 *
 * <p>Where a mention stands in the story is read by {@link StoryLayout}, whether it is incidental by
 * {@link IncidentalMentions}; the rules that widen the focus to a story's lists and round-ups are
 * {@link WiderFocus}.
 */
final class Salience {
    /** A headline names what the story is about more than anything else; alone it reaches the focus threshold. */
    private static final double TITLE_WEIGHT = 0.4;
    /** The dateline is where the story happened; alone it reaches the focus threshold. */
    private static final double DATELINE_WEIGHT = 0.35;
    /** The lead paragraph states the story, but alone stays under the focus threshold: it often sets a scene. */
    private static final double LEAD_WEIGHT = 0.25;
    /**
     * A headline country the text never names, or names only in firms', currencies' or events' names,
     * weighs as the lead: headlines name firms ("ANGLO AMERICAN GOLD") and origins ("U.S.-BUILT
     * AIRLINERS") that the story does not take up. Alone it stays under the focus threshold; when no
     * country reaches it, the most salient one is still the focus.
     */
    private static final double UNECHOED_TITLE_WEIGHT = LEAD_WEIGHT;
    /**
     * Most that repetition adds: a country named four times or more reaches the focus threshold on
     * that alone, since a country the body alone names that often is more often than not what the
     * story is about (on reuters-dev 0.54-0.79 of such countries are labelled, outside the US).
     */
    private static final double FREQUENCY_WEIGHT = 0.35;
    /** Mentions beyond the first at which the frequency weight is full (four in all); one mention adds nothing. */
    private static final double FREQUENCY_FULL_AT = 3.0;
    /** A country opening a sentence is its subject; small, it breaks near-ties rather than decides. */
    private static final double SUBJECT_WEIGHT = 0.05;
    /**
     * A nationality in the lead that the story names this often in all is what the story is about
     * ("Japanese" news services, "Polish" suspects), not one person's origin, and weighs as the lead
     * even where a place sets the story.
     */
    private static final int MIN_REPEATED_NATIONALITY_MENTIONS = 3;
    /** Earlier first mention weighs more, linearly over the text; small, it orders otherwise equal countries. */
    private static final double POSITION_WEIGHT = 0.1;
    /**
     * Countries seen only through their towns are discounted: a town is often where someone is, not
     * what the story is about, and a town in the title alone then stays under the focus threshold.
     */
    private static final double ONLY_PLACES_FACTOR = 0.7;
    /**
     * A story with a table of countries' figures ("France 3.57 3.42" row after row: output, trade,
     * quotas) is a round-up, about every country it names, in the table or in its prose: each
     * reaches the focus. Lists in prose alone do not make a round-up: they as often name a story's
     * counterparts in passing (a country's export destinations).
     */
    private static final double ROUND_UP_WEIGHT = 0.35;
    /** Countries heading rows of figures that make a table; fewer may be prose that wraps at a country's name. */
    private static final int MIN_TABLE_COUNTRIES = 3;
    /** Focus is every country at or above this salience: the title, the dateline or four mentions alone reach it. */
    private static final double FOCUS_THRESHOLD = 0.35;
    /** Salience is rounded to three decimals: stable in records and comparisons, finer than any weight. */
    private static final double SALIENCE_ROUNDING = 1000;

    /**
     * The orders of the result, built once rather than for every article, and used only on lists
     * of two or more: most articles name no organisation and few countries.
     */
    private static final Comparator<CountryTagging> MOST_SALIENT_FIRST =
            Comparator.comparingDouble(CountryTagging::salience).reversed().thenComparing(CountryTagging::code);

    private static final Comparator<OrganizationTagging> BY_CODE = Comparator.comparing(OrganizationTagging::code);

    private final Gazetteer gazetteer;
    private final WiderFocus widerFocus;

    Salience(final Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.widerFocus = new WiderFocus(gazetteer);
    }

    /**
     * The countries and organisations of the matches not dropped, most salient first, and the focus.
     *
     * @param explanation where to record how each country's salience and focus were reached, or null
     */
    TaggedArticle rank(
            final List<EntryMatch> matches,
            final TokenizedText title,
            final TokenizedText text,
            final Dateline dateline,
            final TaggingExplanation explanation) {
        final int leadEnd = StoryLayout.leadEnd(text, dateline);
        // most articles name no organisation: the counts by organisation are made for the first one
        int[] orgMentions = null;
        final List<CountryEvidence> found = new ArrayList<>();
        for (EntryMatch match : matches) {
            if (match.dropped || match.entry.blocker()) {
                continue;
            }
            if (match.entry.org()) {
                if (orgMentions == null) {
                    orgMentions = new int[gazetteer.orgCodes.length];
                }
                orgMentions[match.entry.target()]++;
                continue;
            }
            CountryEvidence evidence = CountryEvidence.of(found, match.entry.target());
            if (evidence == null) {
                evidence = new CountryEvidence(match.entry.target());
                found.add(evidence);
            }
            final String source = match.inTitle ? title.source : text.source;
            final MentionSpan span = new MentionSpan(
                    match.inTitle,
                    match.start,
                    match.end,
                    source.substring(match.start, match.end),
                    match.entry.kind().name());
            evidence.spans.add(span);
            if (match.entry.kind() != MentionKind.CITY
                    || match.entry.has(Gazetteer.REGION)
                    || match.datelinePlace
                    || match.datelineRegion) {
                // a state or a province is what a story is about, a town often only where someone is
                evidence.onlyPlaces = false;
            }
            noteSeat(evidence, match);
            if (match.inTitle) {
                final boolean incidental = IncidentalMentions.isIncidental(match, title)
                        || IncidentalMentions.namesFirmOfText(match, title, matches, text);
                if (incidental) {
                    evidence.incidentalMentions++;
                } else {
                    evidence.titleMentions++;
                    if (match.entry.kind() == MentionKind.DEMONYM) {
                        evidence.titleDemonymMentions++;
                    }
                }
                if (explanation != null) {
                    explanation.evidence(
                            gazetteer.countryCodes[evidence.country],
                            span,
                            incidental ? TaggingExplanation.Role.TITLE_INCIDENTAL : TaggingExplanation.Role.TITLE,
                            false);
                }
                continue;
            }
            evidence.textMentions++;
            if (IncidentalMentions.isIncidental(match, text)) {
                // a currency, an event or a ticker says little about what the story is about
                evidence.incidentalMentions++;
                evidence.textIncidentalMentions++;
                if (explanation != null) {
                    explanation.evidence(
                            gazetteer.countryCodes[evidence.country], span, TaggingExplanation.Role.INCIDENTAL, false);
                }
                continue;
            }
            evidence.firstOffset = Math.min(evidence.firstOffset, match.start);
            if (evidence.lastTownEnd >= 0 && StoryLayout.address(text.source, evidence.lastTownEnd, match.start)) {
                evidence.addressMentions++;
            }
            evidence.lastTownEnd = match.entry.kind() == MentionKind.CITY ? match.end : -1;
            TaggingExplanation.Role role = TaggingExplanation.Role.BODY;
            if (match.datelinePlace || match.datelineRegion) {
                evidence.dateline = true;
                role = TaggingExplanation.Role.DATELINE;
            } else if (match.start < leadEnd) {
                if (match.entry.kind() == MentionKind.DEMONYM) {
                    evidence.leadDemonymMentions++;
                    role = TaggingExplanation.Role.LEAD_NATIONALITY;
                } else {
                    evidence.leadMentions++;
                    role = TaggingExplanation.Role.LEAD;
                }
            }
            if (StoryLayout.headsRowOfFigures(text.source, match.start, match.end)) {
                evidence.tableRows++;
            }
            final boolean subject = text.sentenceStart(match.firstToken);
            if (subject) {
                evidence.subjectMentions++;
            }
            if (explanation != null) {
                explanation.evidence(gazetteer.countryCodes[evidence.country], span, role, subject);
            }
        }
        for (CountryEvidence evidence : found) {
            // "BRITISH CALEDONIAN UNIT" over a text that names the country only in "British Caledonian
            // Group PLC": the title's nationality is part of the same company's name
            if (evidence.titleMentions > 0
                    && evidence.titleMentions == evidence.titleDemonymMentions
                    && evidence.textIncidentalMentions > 0
                    && evidence.textMentions == evidence.textIncidentalMentions) {
                evidence.incidentalMentions += evidence.titleMentions;
                evidence.titleMentions = 0;
                if (explanation != null) {
                    explanation.contribution(
                            gazetteer.countryCodes[evidence.country],
                            TaggingExplanation.Factor.TITLE,
                            0,
                            "nationality in the title, and the text names the country only in names of firms,"
                                    + " currencies or events");
                }
            }
        }
        // a place named in the title, the dateline or the lead sets the story there; nationalities
        // in the lead then describe people ("a Brazilian striker", "a French tourist") and weigh as
        // the lead only when no place does
        boolean placeSet = false;
        for (CountryEvidence evidence : found) {
            placeSet |= evidence.titleMentions > 0 || evidence.dateline || evidence.leadMentions > 0;
        }
        int tableCountries = 0;
        for (CountryEvidence evidence : found) {
            if (evidence.tableRows > 0) {
                tableCountries++;
            }
        }
        final boolean table = tableCountries >= MIN_TABLE_COUNTRIES;
        final List<CountryTagging> countries = new ArrayList<>(found.size());
        final double[] raw = new double[found.size()];
        for (int i = 0; i < found.size(); i++) {
            raw[i] = score(found.get(i), text.source.length(), placeSet, table, explanation);
        }

        for (int i = 0; i < found.size(); i++) {
            final CountryEvidence evidence = found.get(i);
            final double salience = Math.round(Math.min(1.0, raw[i]) * SALIENCE_ROUNDING) / SALIENCE_ROUNDING;
            if (explanation != null) {
                final String code = gazetteer.countryCodes[evidence.country];
                if (raw[i] > 1.0) {
                    explanation.contribution(code, TaggingExplanation.Factor.CAPPED, 1.0 - raw[i], "");
                }
                explanation.contribution(
                        code, TaggingExplanation.Factor.ROUNDED, salience - Math.min(1.0, raw[i]), "to 3 decimals");
            }
            countries.add(new CountryTagging(
                    gazetteer.countryCodes[evidence.country],
                    gazetteer.countryNames[evidence.country],
                    evidence.spans.size(),
                    salience,
                    List.copyOf(evidence.spans)));
        }
        if (countries.size() > 1) {
            countries.sort(MOST_SALIENT_FIRST);
        }
        // a country named only through its towns, beside a country named otherwise that reaches the
        // focus, is where someone is, a route's other end or a firm named like a town ("TOKYO TO ISSUE
        // BOND IN NEW YORK", "LUFTHANSA SETS WASHINGTON/FRANKFURT SERVICE"), not what the story is about
        final Set<String> onlyTowns = new HashSet<>();
        // a country named once, outside the title and the dateline, reaches the threshold only by
        // opening the story's first sentence ("Luxembourg's trade ...", "Sheikh Ali al-Sabah said"):
        // the lead alone weighs under it, and so does a single mention; the fallback below still makes
        // it the focus when no other country reaches it
        final Set<String> namedOnce = new HashSet<>();
        final Set<String> onlySeats = new HashSet<>();
        for (CountryEvidence evidence : found) {
            if (evidence.onlyPlaces) {
                onlyTowns.add(gazetteer.countryCodes[evidence.country]);
            }
            if (namedOnlyByItsCapital(evidence)) {
                onlySeats.add(gazetteer.countryCodes[evidence.country]);
            }
            if (namedOnceInText(evidence, table)) {
                namedOnce.add(gazetteer.countryCodes[evidence.country]);
            }
        }
        boolean namedOtherwiseInFocus = false;
        for (CountryTagging country : countries) {
            namedOtherwiseInFocus |= country.salience() >= FOCUS_THRESHOLD
                    && !onlyTowns.contains(country.code())
                    && !onlySeats.contains(country.code())
                    && !namedOnce.contains(country.code());
        }
        final List<String> focus = new ArrayList<>();
        for (CountryTagging country : countries) {
            if (country.salience() >= FOCUS_THRESHOLD && namedOnce.contains(country.code())) {
                if (explanation != null) {
                    explanation.focusRule(
                            country.code(), "not focus: named once, outside the title, the dateline and a table");
                }
            } else if (country.salience() >= FOCUS_THRESHOLD
                    && namedOtherwiseInFocus
                    && onlyTowns.contains(country.code())) {
                if (explanation != null) {
                    explanation.focusRule(
                            country.code(),
                            "not focus: named only through towns, beside a country named otherwise that reaches "
                                    + FOCUS_THRESHOLD);
                }
            } else if (country.salience() >= FOCUS_THRESHOLD
                    && namedOtherwiseInFocus
                    && onlySeats.contains(country.code())) {
                if (explanation != null) {
                    explanation.focusRule(
                            country.code(),
                            "not focus: named only through its capital in the text, beside a country named otherwise"
                                    + " that reaches " + FOCUS_THRESHOLD);
                }
            } else if (country.salience() >= FOCUS_THRESHOLD) {
                focus.add(country.code());
                if (explanation != null) {
                    explanation.focusRule(country.code(), "focus: salience at or above " + FOCUS_THRESHOLD);
                }
            } else if (explanation != null) {
                explanation.focusRule(country.code(), "not focus: salience under " + FOCUS_THRESHOLD);
            }
        }
        Enumerations.count(matches, text.source, found);
        widerFocus.addEnumeratedCountries(countries, found, focus, explanation);
        WiderFocus.addRoundUpCountries(countries, focus, explanation);
        // none at the threshold: the most salient country is the focus, unless the story only
        // mentions it in passing while being about something else
        if (focus.isEmpty() && !countries.isEmpty()) {
            final CountryTagging top = countries.get(0);
            for (CountryEvidence evidence : found) {
                if (gazetteer.countryCodes[evidence.country].equals(top.code())) {
                    final boolean passing = passingMention(evidence);
                    if (!passing) {
                        focus.add(top.code());
                    }
                    if (explanation != null) {
                        explanation.focusRule(
                                top.code(),
                                passing
                                        ? "not focus: the most salient, but a passing mention (once, outside the"
                                                + " title, the dateline and the lead)"
                                        : "focus: none reached " + FOCUS_THRESHOLD
                                                + ", and the most salient is more than a passing mention");
                    }
                }
            }
        }
        final List<OrganizationTagging> orgs = new ArrayList<>();
        for (int i = 0; orgMentions != null && i < orgMentions.length; i++) {
            if (orgMentions[i] > 0) {
                orgs.add(new OrganizationTagging(gazetteer.orgCodes[i], gazetteer.orgNames[i], orgMentions[i]));
            }
        }
        if (orgs.size() > 1) {
            orgs.sort(BY_CODE);
        }
        return new TaggedArticle(List.copyOf(countries), List.copyOf(focus), List.copyOf(orgs));
    }

    /** Records whether a mention keeps its country named only through its capital and towns in the text. */
    private static void noteSeat(final CountryEvidence evidence, final EntryMatch match) {
        final MentionKind kind = match.entry.kind();
        if (match.inTitle
                || match.datelinePlace
                || match.datelineRegion
                || match.entry.has(Gazetteer.REGION)
                || kind != MentionKind.CAPITAL && kind != MentionKind.CITY) {
            evidence.onlySeatsInText = false;
        }
        evidence.capital |= kind == MentionKind.CAPITAL;
    }

    /**
     * "talks in Washington", "trading in London", "a visit to Moscow": a country the text names only
     * through its capital (and towns), never in the title or the dateline, is where a meeting, a
     * market or a government is, seen from a story about another country.
     */
    private static boolean namedOnlyByItsCapital(final CountryEvidence evidence) {
        return evidence.onlySeatsInText && evidence.capital;
    }

    /** Named once in all, in the text but not in its dateline, and not in a round-up's table or prose. */
    private static boolean namedOnceInText(final CountryEvidence evidence, final boolean table) {
        return evidence.titleMentions == 0
                && !evidence.dateline
                && evidence.textMentions - evidence.textIncidentalMentions == 1
                && !table;
    }

    /**
     * A passing mention: named once, outside the title, the dateline and the lead, so the story is
     * about something else ("It had earlier opened an office in Brazil" at the end of a results story).
     */
    private static boolean passingMention(final CountryEvidence evidence) {
        return evidence.titleMentions == 0
                && !evidence.dateline
                && evidence.leadMentions == 0
                && evidence.leadDemonymMentions == 0
                && evidence.textMentions - evidence.incidentalMentions <= 1;
    }

    private double score(
            final CountryEvidence evidence,
            final int textLength,
            final boolean placeSet,
            final boolean table,
            final TaggingExplanation explanation) {
        final String code = explanation == null ? null : gazetteer.countryCodes[evidence.country];
        double score = 0;
        if (evidence.titleMentions > 0) {
            final boolean echoed = evidence.textMentions > evidence.textIncidentalMentions;
            final double title = echoed ? TITLE_WEIGHT : UNECHOED_TITLE_WEIGHT;
            score += title;
            if (explanation != null) {
                explanation.contribution(
                        code,
                        TaggingExplanation.Factor.TITLE,
                        title,
                        evidence.titleMentions
                                + " in the title"
                                + (echoed ? "" : ", which the text never names outside firms, currencies or events"));
            }
        }
        if (evidence.dateline) {
            score += DATELINE_WEIGHT;
            if (explanation != null) {
                explanation.contribution(code, TaggingExplanation.Factor.DATELINE, DATELINE_WEIGHT, "in the dateline");
            }
        }
        final int counted = evidence.textMentions - evidence.incidentalMentions + evidence.titleMentions;
        final boolean repeatedNationality = counted >= MIN_REPEATED_NATIONALITY_MENTIONS;
        if (evidence.leadMentions > 0 || evidence.leadDemonymMentions > 0 && (!placeSet || repeatedNationality)) {
            score += LEAD_WEIGHT;
            evidence.leadWeighed = true;
            if (explanation != null) {
                explanation.contribution(
                        code,
                        TaggingExplanation.Factor.LEAD,
                        LEAD_WEIGHT,
                        evidence.leadMentions > 0
                                ? evidence.leadMentions + " in the lead"
                                : placeSet
                                        ? "by nationality, named " + counted + " times in the story"
                                        : "by nationality, no place sets the story");
            }
        } else if (explanation != null && evidence.leadDemonymMentions > 0) {
            explanation.contribution(
                    code,
                    TaggingExplanation.Factor.LEAD,
                    0,
                    "nationality in the lead only, and a place in the title, dateline or lead sets the story");
        }
        if (table && evidence.textMentions > evidence.incidentalMentions) {
            score += ROUND_UP_WEIGHT;
            if (explanation != null) {
                explanation.contribution(
                        code,
                        TaggingExplanation.Factor.ROUND_UP,
                        ROUND_UP_WEIGHT,
                        (evidence.tableRows > 0 ? "heads a row of figures" : "named in the text")
                                + ", in a story with a table of " + MIN_TABLE_COUNTRIES
                                + " or more countries' figures");
            }
        }
        // "Dusseldorf, West Germany": a town and its country or region name one place
        final int mentions = counted - evidence.addressMentions;
        final double frequency = FREQUENCY_WEIGHT * Math.min(1.0, Math.max(0, mentions - 1) / FREQUENCY_FULL_AT);
        score += frequency;
        if (explanation != null) {
            explanation.contribution(
                    code,
                    TaggingExplanation.Factor.FREQUENCY,
                    frequency,
                    mentions
                            + " counted mention(s)"
                            + (evidence.addressMentions > 0 ? " (a town and its country or region count once)" : "")
                            + ", full at " + (int) FREQUENCY_FULL_AT + " beyond the first");
        }
        if (evidence.subjectMentions > 0) {
            score += SUBJECT_WEIGHT;
            if (explanation != null) {
                explanation.contribution(
                        code,
                        TaggingExplanation.Factor.SUBJECT,
                        SUBJECT_WEIGHT,
                        evidence.subjectMentions + " opening a sentence");
            }
        }
        if (textLength > 0 && evidence.firstOffset < Integer.MAX_VALUE) {
            final double position = POSITION_WEIGHT * (1.0 - Math.min(1.0, evidence.firstOffset / (double) textLength));
            score += position;
            if (explanation != null) {
                explanation.contribution(
                        code,
                        TaggingExplanation.Factor.FIRST_POSITION,
                        position,
                        "first counted in the text at " + evidence.firstOffset + " of " + textLength);
            }
        }
        if (evidence.onlyPlaces) {
            final double discounted = score * ONLY_PLACES_FACTOR;
            if (explanation != null) {
                explanation.contribution(
                        code,
                        TaggingExplanation.Factor.ONLY_TOWNS,
                        discounted - score,
                        "named only through towns: x" + ONLY_PLACES_FACTOR);
            }
            score = discounted;
        }
        return score;
    }
}
