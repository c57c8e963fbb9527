package news.pipeline.tag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the countries an article involves and those it is about. Thread-safe, immutable and
 * deterministic: no clock, no randomness, stable ordering.
 *
 * <p>One pass over the title's and the text's tokens walks the gazetteer's token trie and keeps the
 * longest entry starting at each capitalised token, so known multi-word names win over the
 * country words inside them ("Gulf of Mexico", "New Jersey", "OSCE Minsk Group"). The matches then
 * go through a few context rules that need no per-country code (see {@code package-info}): exact
 * case for short forms, combining forms only before a hyphen, firm names ("Georgia-Pacific",
 * "Piedmont Aviation"), surnames ("Jerry Jordan", then every "Jordan" of the article), shortened
 * names ("Jersey" beside "New Jersey"), names shared with a region abroad ("Georgia") only with
 * other evidence, and the dateline's region over its place ("SAN JOSE, Calif."). Salience weighs
 * the title, the dateline, the lead paragraph, frequency, first position and subject position.
 */
public final class CountryTagger {
    /** Version of the tagging logic; part of every enriched record. */
    public static final String VERSION = "1.0.0";

    private static final class Holder {
        static final CountryTagger DEFAULT = new CountryTagger(Gazetteer.loadResource());
    }

    /** Capitalised words that qualify a country name rather than make it part of another name. */
    private static final Set<String> QUALIFIERS = Set.of("north", "south", "east", "west", "northern", "southern",
        "eastern", "western", "central", "upper", "lower", "greater", "mainland", "communist", "nationalist", "red",
        "free", "democratic", "federal", "islamic", "socialist", "republican", "royal", "imperial", "neighbouring",
        "neighboring", "rural", "coastal", "northeastern", "northwestern", "southeastern", "southwestern",
        "northeast", "northwest", "southeast", "southwest", "the", "in", "and", "or", "of", "for", "to", "from",
        "with", "by", "on", "at", "as", "but", "both", "between", "against", "including", "said", "says", "like",
        "than", "via", "into", "over", "after", "before", "while", "when", "if", "that", "which", "where", "not",
        "all", "only", "also", "even", "unlike", "besides", "outside", "inside", "within", "across", "toward",
        "towards", "among", "amid", "despite", "about", "under", "versus", "vs");
    /** Titles before a surname. */
    private static final Set<String> HONORIFICS = Set.of("mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord",
        "gen", "sen", "rep", "gov", "lt", "col", "capt", "prof", "rev", "president", "senator", "governor",
        "minister", "chairman", "judge", "justice", "father", "brother", "sister", "uncle", "aunt");

    private final Gazetteer gazetteer;

    private CountryTagger(final Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** The tagger with the gazetteer bundled in the jar. */
    public static CountryTagger loadDefault() {
        return Holder.DEFAULT;
    }

    /** Version of the gazetteer data in use; part of every enriched record. */
    public String gazetteerVersion() {
        return gazetteer.version;
    }

    /** Tags one article. Null title or text count as empty. */
    public TaggedArticle tag(final String title, final String text) {
        final String t = title == null ? "" : title;
        final String x = text == null ? "" : text;
        final TokenizedText titleTokens = TokenizedText.tokenize(t);
        final TokenizedText textTokens = TokenizedText.tokenize(x);
        final Dateline dateline = Dateline.find(x);
        final List<Match> matches = new ArrayList<>();
        scan(titleTokens, true, capitalisedThroughout(titleTokens), Dateline.NONE, matches);
        scan(textTokens, false, false, dateline, matches);
        filter(matches, titleTokens, textTokens);
        return aggregate(matches, titleTokens, textTokens, dateline);
    }

    // ---------------------------------------------------------------- matching

    /** One entry found at a place in the title or the text. */
    private static final class Match {
        final boolean inTitle;
        final int firstToken;
        final int lastToken;
        final int start;
        final int end;
        final Gazetteer.Entry entry;
        final boolean titleCaps;
        boolean dropped;
        boolean datelinePlace;
        boolean datelineRegion;

        Match(final boolean inTitle, final int firstToken, final int lastToken, final int start, final int end,
              final Gazetteer.Entry entry, final boolean titleCaps) {
            this.inTitle = inTitle;
            this.firstToken = firstToken;
            this.lastToken = lastToken;
            this.start = start;
            this.end = end;
            this.entry = entry;
            this.titleCaps = titleCaps;
        }
    }

    private void scan(final TokenizedText tokens, final boolean inTitle, final boolean caps, final Dateline dateline,
                      final List<Match> out) {
        final String s = tokens.source;
        final int n = tokens.size();
        int i = 0;
        while (i < n) {
            if (!tokens.is(i, TokenizedText.UPPER_FIRST)) {
                i++;
                continue;
            }
            int node = 0;
            Gazetteer.Entry best = null;
            int bestLast = -1;
            for (int j = i; j < n && j - i < 10; j++) {
                if (j > i && !tokens.joinable(j)) {
                    break;
                }
                final int id = gazetteer.tokenId(s, tokens.start(j), tokens.end(j));
                if (id < 0) {
                    break;
                }
                node = gazetteer.child(node, id);
                if (node < 0) {
                    break;
                }
                final Gazetteer.Entry[] entries = gazetteer.entriesAt(node);
                if (entries != null) {
                    final Gazetteer.Entry e = pick(entries, tokens, i, j, dateline);
                    if (e != null) {
                        best = e;
                        bestLast = j;
                    }
                }
            }
            if (best == null) {
                i++;
                continue;
            }
            final Match m = new Match(inTitle, i, bestLast, tokens.start(i), tokens.end(bestLast), best, caps);
            m.datelinePlace = dateline.present() && dateline.inPlace(m.start, m.end);
            m.datelineRegion = dateline.present() && dateline.inRegion(m.start, m.end);
            out.add(m);
            i = bestLast + 1;
        }
    }

    private static Gazetteer.Entry pick(final Gazetteer.Entry[] entries, final TokenizedText tokens, final int first,
                                        final int last, final Dateline dateline) {
        for (Gazetteer.Entry e : entries) {
            if (e.has(Gazetteer.CASE_EXACT) && !sameLetters(tokens, first, last, e.letters())) {
                continue;
            }
            if (e.has(Gazetteer.DATELINE_ONLY)
                    && !(dateline.present() && tokens.end(last) <= dateline.end())) {
                continue;
            }
            if (e.has(Gazetteer.PREFIX) && !tokens.hyphenBefore(last + 1)) {
                continue;
            }
            return e;
        }
        return null;
    }

    private static boolean sameLetters(final TokenizedText tokens, final int first, final int last, final char[] letters) {
        final String s = tokens.source;
        int k = 0;
        for (int i = tokens.start(first); i < tokens.end(last); i++) {
            final char c = s.charAt(i);
            if (!TokenizedText.isWord(c)) {
                continue;
            }
            if (k >= letters.length || letters[k] != c) {
                return false;
            }
            k++;
        }
        return k == letters.length;
    }

    /** A title in capitals or title case gives no case clues. */
    private static boolean capitalisedThroughout(final TokenizedText tokens) {
        int words = 0;
        int capitalised = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.end(i) - tokens.start(i) > 3) {
                words++;
                if (tokens.is(i, TokenizedText.UPPER_FIRST)) {
                    capitalised++;
                }
            }
        }
        return words > 0 && capitalised * 10 >= words * 7;
    }

    // ---------------------------------------------------------------- context rules

    private void filter(final List<Match> matches, final TokenizedText title, final TokenizedText text) {
        final Set<String> personal = new HashSet<>();
        for (int k = 0; k < matches.size(); k++) {
            final Match m = matches.get(k);
            final TokenizedText tokens = m.inTitle ? title : text;
            if (m.entry.org() || m.entry.blocker()) {
                continue;
            }
            // "Georgia-Pacific": a name hyphenated to a capitalised word no entry knows is a firm's name
            final int after = m.lastToken + 1;
            if (!m.titleCaps && tokens.hyphenBefore(after) && tokens.is(after, TokenizedText.UPPER_FIRST)
                    && !startsMatch(matches, k + 1, m.inTitle, after)) {
                m.dropped = true;
                continue;
            }
            // "Allied-Lyons": a town hyphenated after a capitalised word no entry knows ends a firm's name
            final int before = m.firstToken - 1;
            if (!m.titleCaps && (m.entry.kind() == MentionKind.CITY || m.entry.kind() == MentionKind.CAPITAL)
                    && tokens.hyphenBefore(m.firstToken) && tokens.is(before, TokenizedText.UPPER_FIRST)
                    && !(k > 0 && matches.get(k - 1).inTitle == m.inTitle && matches.get(k - 1).lastToken == before)) {
                m.dropped = true;
                personal.add(key(m, tokens));
                continue;
            }
            if (m.titleCaps || m.datelinePlace || m.datelineRegion) {
                continue;
            }
            if (personContext(matches, k, tokens) || firmContext(matches, k, tokens)) {
                m.dropped = true;
                personal.add(key(m, tokens));
            } else if (forenameContext(matches, k, tokens)) {
                // this mention only: "Israel Radio" may stand in an article that means Israel elsewhere
                m.dropped = true;
            }
        }
        if (!personal.isEmpty()) {
            for (Match m : matches) {
                if (!m.dropped && !m.entry.org() && !m.entry.blocker() && nameLike(m.entry) && !m.datelinePlace
                        && personal.contains(key(m, m.inTitle ? title : text))) {
                    m.dropped = true;
                }
            }
        }
        shortenedNames(matches, title, text);
        // a name shared with a region abroad ("Georgia") counts only beside other evidence
        final Set<Integer> corroborated = new HashSet<>();
        for (Match m : matches) {
            if (!m.dropped && !m.entry.org() && !m.entry.blocker() && !m.entry.has(Gazetteer.AMBIGUOUS)) {
                corroborated.add(m.entry.target());
            }
        }
        for (Match m : matches) {
            if (!m.dropped && m.entry.has(Gazetteer.AMBIGUOUS) && !m.entry.org()
                    && !corroborated.contains(m.entry.target())) {
                m.dropped = true;
            }
        }
    }

    /**
     * "Jersey" in an article that says "New Jersey", "Guinea" beside "Papua New Guinea": a one-word
     * name that ends a longer name of another place in the same article is that place shortened,
     * unless the article also names its country another way ("Mexican" beside "New Mexico").
     */
    private static void shortenedNames(final List<Match> matches, final TokenizedText title, final TokenizedText text) {
        Map<String, Set<Integer>> tails = null;
        for (Match m : matches) {
            if (!m.dropped && m.lastToken > m.firstToken && !m.entry.org()) {
                final TokenizedText tokens = m.inTitle ? title : text;
                if (tails == null) {
                    tails = new HashMap<>();
                }
                tails.computeIfAbsent(TokenizedText.fold(tokens.source, tokens.start(m.lastToken), tokens.end(m.lastToken)),
                    x -> new HashSet<>()).add(m.entry.target());
            }
        }
        if (tails == null) {
            return;
        }
        final List<Match> shortened = new ArrayList<>();
        for (Match m : matches) {
            if (!m.dropped && m.firstToken == m.lastToken && !m.entry.org() && !m.entry.blocker()
                    && m.entry.kind() == MentionKind.NAME && !m.datelinePlace) {
                final Set<Integer> targets = tails.get(key(m, m.inTitle ? title : text));
                if (targets != null && !(targets.size() == 1 && targets.contains(m.entry.target()))) {
                    shortened.add(m);
                }
            }
        }
        if (shortened.isEmpty()) {
            return;
        }
        // countries named by more than one surface form in the article
        final Map<Integer, String> firstSurface = new HashMap<>();
        final Set<Integer> severalSurfaces = new HashSet<>();
        for (Match m : matches) {
            if (!m.dropped && !m.entry.org() && !m.entry.blocker()) {
                final String seen = firstSurface.putIfAbsent(m.entry.target(), m.entry.surface());
                if (seen != null && !seen.equalsIgnoreCase(m.entry.surface())) {
                    severalSurfaces.add(m.entry.target());
                }
            }
        }
        for (Match s : shortened) {
            if (!severalSurfaces.contains(s.entry.target())) {
                s.dropped = true;
            }
        }
    }

    private static boolean nameLike(final Gazetteer.Entry e) {
        return switch (e.kind()) {
            case NAME, CAPITAL, CITY, HISTORICAL -> true;
            default -> false;
        };
    }

    private static String key(final Match m, final TokenizedText tokens) {
        return TokenizedText.fold(tokens.source, m.start, m.end);
    }

    private static boolean startsMatch(final List<Match> matches, final int k, final boolean inTitle,
                                       final int token) {
        return k < matches.size() && matches.get(k).inTitle == inTitle && matches.get(k).firstToken == token;
    }

    /**
     * "Jerry Jordan", "Morgan Stanley", "Mr. Jordan": a name after an honorific, or a name that is
     * also a first name (Jordan, Georgia, Stanley) after a capitalised word that is no qualifier
     * and no entry, is a person's surname or part of a firm's name. A first name before it
     * settles it even at a sentence's start.
     */
    private boolean personContext(final List<Match> matches, final int k, final TokenizedText tokens) {
        final Match m = matches.get(k);
        if (!nameLike(m.entry)) {
            return false;
        }
        final int prev = m.firstToken - 1;
        if (prev < 0) {
            return false;
        }
        if (k > 0 && matches.get(k - 1).inTitle == m.inTitle && matches.get(k - 1).lastToken == prev
                && !matches.get(k - 1).dropped) {
            return false;
        }
        final String word = TokenizedText.fold(tokens.source, tokens.start(prev), tokens.end(prev));
        final boolean dotted = tokens.end(prev) < tokens.source.length() && tokens.source.charAt(tokens.end(prev)) == '.';
        if (HONORIFICS.contains(word) && (tokens.spaceBefore(m.firstToken) || dotted)) {
            return true;
        }
        final boolean afterFirstName = gazetteer.isFirstName(tokens.source, tokens.start(prev), tokens.end(prev));
        if (afterFirstName && m.entry.kind() != MentionKind.NAME && tokens.spaceBefore(m.firstToken)
                && tokens.is(prev, TokenizedText.UPPER_FIRST) && !tokens.is(prev, TokenizedText.ALL_UPPER)) {
            // "Jose Concepcion", "Morgan Stanley": a town after a first name is a surname
            return true;
        }
        if (m.firstToken != m.lastToken || !gazetteer.isFirstName(tokens.source, m.start, m.end)) {
            return false;
        }
        if (!tokens.spaceBefore(m.firstToken) || !tokens.is(prev, TokenizedText.UPPER_FIRST) || tokens.is(prev, TokenizedText.ALL_UPPER)
                || QUALIFIERS.contains(word) || Character.isDigit(tokens.source.charAt(tokens.start(prev)))) {
            return false;
        }
        return !tokens.sentenceStart(prev) || afterFirstName;
    }

    /**
     * "Jordan Peterson", "Chad Smith": a country named like a person, right before a capitalised word
     * that no entry starts and that does not open a sentence, is a forename.
     */
    private boolean forenameContext(final List<Match> matches, final int k, final TokenizedText tokens) {
        final Match m = matches.get(k);
        if (m.entry.kind() != MentionKind.NAME || m.firstToken != m.lastToken
                || !gazetteer.isFirstName(tokens.source, m.start, m.end)) {
            return false;
        }
        final int next = m.lastToken + 1;
        return next < tokens.size() && tokens.spaceBefore(next) && tokens.is(next, TokenizedText.UPPER_FIRST)
            && !tokens.is(next, TokenizedText.ALL_UPPER) && !startsMatch(matches, k + 1, m.inTitle, next)
            && !tokens.sentenceStart(next)
            && !COMPANY_SUFFIXES.contains(TokenizedText.fold(tokens.source, tokens.start(next), tokens.end(next)));
    }

    /**
     * "Piedmont Aviation", "Sapporo Breweries", "Paris Hilton": a town or region right before a
     * capitalised word that no entry starts is the first word of a firm's name. Country names are
     * not judged so ("Ford Canada", "Japan Air Lines" still point at the country).
     */
    private boolean firmContext(final List<Match> matches, final int k, final TokenizedText tokens) {
        final Match m = matches.get(k);
        // a capital named like a person ("Paris Hilton", "Sofia Coppola") too
        if (m.entry.kind() != MentionKind.CITY && !(m.entry.kind() == MentionKind.CAPITAL
                && gazetteer.isFirstName(tokens.source, m.start, m.end))) {
            return false;
        }
        final int next = m.lastToken + 1;
        if (next >= tokens.size() || !tokens.spaceBefore(next) || !tokens.is(next, TokenizedText.UPPER_FIRST)
                || tokens.is(next, TokenizedText.ALL_UPPER) || startsMatch(matches, k + 1, m.inTitle, next)) {
            return false;
        }
        return !tokens.sentenceStart(next);
    }

    // ---------------------------------------------------------------- salience and focus

    private static final class Evidence {
        final int country;
        final List<MentionSpan> spans = new ArrayList<>();
        int titleMentions;
        int leadMentions;
        int textMentions;
        int subjectMentions;
        int currencyMentions;
        boolean dateline;
        boolean onlyPlaces = true;
        int firstOffset = Integer.MAX_VALUE;

        Evidence(final int country) {
            this.country = country;
        }
    }

    private TaggedArticle aggregate(final List<Match> matches, final TokenizedText title, final TokenizedText text,
                                    final Dateline dateline) {
        // the dateline's region ("Calif.") says which place the dateline names
        boolean regionKnown = false;
        for (Match m : matches) {
            if (!m.dropped && m.datelineRegion && !m.entry.org() && !m.entry.blocker()) {
                regionKnown = true;
            }
        }
        if (regionKnown) {
            for (Match m : matches) {
                if (m.datelinePlace) {
                    m.dropped = true;
                }
            }
        }
        final int leadEnd = leadEnd(text, dateline);
        final Evidence[] byCountry = new Evidence[gazetteer.countryCodes.length];
        final int[] orgMentions = new int[gazetteer.orgCodes.length];
        final List<Evidence> found = new ArrayList<>();
        for (Match m : matches) {
            if (m.dropped || m.entry.blocker()) {
                continue;
            }
            if (m.entry.org()) {
                orgMentions[m.entry.target()]++;
                continue;
            }
            Evidence ev = byCountry[m.entry.target()];
            if (ev == null) {
                ev = new Evidence(m.entry.target());
                byCountry[m.entry.target()] = ev;
                found.add(ev);
            }
            final String source = m.inTitle ? title.source : text.source;
            ev.spans.add(new MentionSpan(m.inTitle, m.start, m.end, source.substring(m.start, m.end),
                m.entry.kind().name()));
            if (m.entry.kind() != MentionKind.CITY || m.datelinePlace || m.datelineRegion) {
                ev.onlyPlaces = false;
            }
            if (m.inTitle) {
                if (passing(m, title)) {
                    ev.currencyMentions++;
                } else {
                    ev.titleMentions++;
                }
                continue;
            }
            ev.textMentions++;
            if (passing(m, text)) {
                // a currency, an event or a ticker says little about what the story is about
                ev.currencyMentions++;
                continue;
            }
            ev.firstOffset = Math.min(ev.firstOffset, m.start);
            if (m.datelinePlace || m.datelineRegion) {
                ev.dateline = true;
            } else if (m.start < leadEnd) {
                ev.leadMentions++;
            }
            if (text.sentenceStart(m.firstToken)) {
                ev.subjectMentions++;
            }
        }
        final List<CountryTagging> countries = new ArrayList<>(found.size());
        final double[] raw = new double[found.size()];
        for (int i = 0; i < found.size(); i++) {
            raw[i] = score(found.get(i), text.source.length());
        }
        for (int i = 0; i < found.size(); i++) {
            final Evidence ev = found.get(i);
            final double salience = Math.round(Math.min(1.0, raw[i]) * 1000) / 1000.0;
            countries.add(new CountryTagging(gazetteer.countryCodes[ev.country], gazetteer.countryNames[ev.country],
                ev.spans.size(), salience, List.copyOf(ev.spans)));
        }
        countries.sort(Comparator.comparingDouble(CountryTagging::salience).reversed()
            .thenComparing(CountryTagging::code));
        final List<String> focus = new ArrayList<>();
        for (CountryTagging c : countries) {
            if (c.salience() >= FOCUS_THRESHOLD || focus.isEmpty() && c.salience() >= FOCUS_FLOOR) {
                focus.add(c.code());
            }
        }
        final List<OrganizationTagging> orgs = new ArrayList<>();
        for (int i = 0; i < orgMentions.length; i++) {
            if (orgMentions[i] > 0) {
                orgs.add(new OrganizationTagging(gazetteer.orgCodes[i], gazetteer.orgNames[i], orgMentions[i]));
            }
        }
        orgs.sort(Comparator.comparing(OrganizationTagging::code));
        return new TaggedArticle(List.copyOf(countries), List.copyOf(focus), List.copyOf(orgs));
    }

    static final double FOCUS_THRESHOLD = 0.35;
    static final double FOCUS_FLOOR = 0.1;

    private static double score(final Evidence ev, final int textLength) {
        double s = 0;
        if (ev.titleMentions > 0) {
            s += 0.4;
        }
        if (ev.dateline) {
            s += 0.35;
        }
        if (ev.leadMentions > 0) {
            s += 0.25;
        }
        final int mentions = ev.textMentions - ev.currencyMentions + ev.titleMentions;
        s += 0.3 * Math.min(1.0, Math.max(0, mentions - 1) / 4.0);
        if (ev.subjectMentions > 0) {
            s += 0.05;
        }
        if (textLength > 0 && ev.firstOffset < Integer.MAX_VALUE) {
            s += 0.1 * (1.0 - Math.min(1.0, ev.firstOffset / (double) textLength));
        }
        if (ev.onlyPlaces) {
            s *= 0.7;
        }
        return s;
    }

    /** Words that make a country word name a currency: "U.S. dollar", "Swiss francs", "billion U.S. Dlrs". */
    private static final Set<String> CURRENCIES = Set.of("dollar", "dollars", "dlr", "dlrs", "franc", "francs", "mark",
        "marks", "pound", "pounds", "yen", "lira", "lire", "peso", "pesos", "crown", "crowns", "krona", "kronor", "krone",
        "kroner", "guilder", "guilders", "schilling", "schillings", "rand", "rupee", "rupees", "cruzado", "cruzados",
        "riyal", "riyals", "dinar", "dinars", "drachma", "drachmas", "escudo", "escudos", "peseta", "pesetas", "won",
        "yuan", "renminbi", "ringgit", "baht", "rouble", "roubles", "ruble", "rubles", "shekel", "shekels", "zloty",
        "forint", "euro", "euros", "cents", "cts");

    /** Words that make a place name an event or a forum: "Paris accord", "Uruguay Round", "Paris Club". */
    private static final Set<String> EVENTS = Set.of("accord", "accords", "agreement", "agreements", "pact", "treaty",
        "summit", "club", "conference", "talks", "round", "declaration", "protocol", "convention", "process",
        "communique", "consensus", "initiative", "format", "meeting", "meetings", "negotiations");

    /** Capitalised words that make a country word a sports event: "Australian Open", "Bahrain Grand Prix". */
    private static final Set<String> NAMED_EVENTS = Set.of("open", "grand", "masters", "classic");

    /**
     * Whether the mention names a currency, an event or a forum ("Swiss franc", "Paris accord"), or
     * sits in angle brackets, where wires put tickers and company names ("UNION CARBIDE &lt;UK&gt;"),
     * rather than the country itself.
     */
    private static boolean passing(final Match m, final TokenizedText tokens) {
        if (bracketed(tokens.source, m.start, m.end)) {
            return true;
        }
        final int next = m.lastToken + 1;
        if (next >= tokens.size() || !tokens.spaceBefore(next)) {
            return false;
        }
        final String word = TokenizedText.fold(tokens.source, tokens.start(next), tokens.end(next));
        return CURRENCIES.contains(word) || EVENTS.contains(word)
            || NAMED_EVENTS.contains(word) && tokens.is(next, TokenizedText.UPPER_FIRST) && !m.titleCaps
            || companyName(m, tokens);
    }

    /** Words that end a company's name. */
    private static final Set<String> COMPANY_SUFFIXES = Set.of("inc", "ltd", "corp", "co", "plc", "sa", "ag", "nv",
        "bv", "spa", "gmbh", "llc", "lp", "ab", "asa", "oy", "kk", "bhd", "pte", "corporation", "incorporated",
        "limited", "company", "holdings", "bancorp", "airlines", "airways", "group");

    /**
     * "Danish Dairy Farms Ltd", "British Telecommunications PLC": a country word that opens a company's
     * name, up to its legal suffix, names the company rather than the country.
     */
    private static boolean companyName(final Match m, final TokenizedText tokens) {
        if (m.titleCaps) {
            return false;
        }
        for (int t = m.lastToken + 1; t < tokens.size() && t <= m.lastToken + 5; t++) {
            if (!tokens.joinable(t) && !tokens.source.substring(tokens.end(t - 1), tokens.start(t)).strip().equals("&")) {
                return false;
            }
            final String word = TokenizedText.fold(tokens.source, tokens.start(t), tokens.end(t));
            if (COMPANY_SUFFIXES.contains(word) && tokens.is(t, TokenizedText.UPPER_FIRST)) {
                return true;
            }
            if (!tokens.is(t, TokenizedText.UPPER_FIRST) && !word.equals("and") && !word.equals("of")) {
                return false;
            }
        }
        return false;
    }

    private static boolean bracketed(final String s, final int start, final int end) {
        boolean open = false;
        for (int i = start - 1; i >= 0 && i >= start - 60; i--) {
            final char c = s.charAt(i);
            if (c == '<') {
                open = true;
                break;
            }
            if (c == '>' || c == '\n') {
                return false;
            }
        }
        if (!open) {
            return false;
        }
        for (int i = end; i < s.length() && i < end + 60; i++) {
            final char c = s.charAt(i);
            if (c == '>') {
                return true;
            }
            if (c == '<' || c == '\n') {
                return false;
            }
        }
        return false;
    }

    /** End of the lead paragraph: the first paragraph break after the dateline, at most 600 characters in. */
    private static int leadEnd(final TokenizedText text, final Dateline dateline) {
        final int from = dateline.end();
        final int limit = Math.min(text.source.length(), from + 600);
        for (int t = 1; t < text.size(); t++) {
            if (text.start(t) <= from) {
                continue;
            }
            if (text.start(t) >= limit) {
                return limit;
            }
            if (text.paragraphBefore(t) && text.start(t) > from + 40) {
                return text.start(t);
            }
        }
        return limit;
    }

    @Override
    public String toString() {
        return "CountryTagger " + VERSION + " (gazetteer " + gazetteer.version + ")";
    }
}
