package news.pipeline.tag;

import java.util.List;

/**
 * Mentions that name a currency, an event, a forum, a ticker or a company rather than the country
 * ("Swiss franc", "Paris accord", "Australian Open", "&lt;UK&gt;", "Danish Dairy Farms Ltd"). They
 * count as mentions of the country but say little about what the story is about.
 */
final class IncidentalMentions {
    /** Words that make a country word name a currency: "U.S. dollar", "Swiss francs", "billion U.S. Dlrs". */
    private static final FoldedWords CURRENCIES = FoldedWords.of(
            "dollar",
            "dollars",
            "dlr",
            "dlrs",
            "franc",
            "francs",
            "mark",
            "marks",
            "pound",
            "pounds",
            "yen",
            "lira",
            "lire",
            "peso",
            "pesos",
            "crown",
            "crowns",
            "krona",
            "kronor",
            "krone",
            "kroner",
            "guilder",
            "guilders",
            "schilling",
            "schillings",
            "rand",
            "rupee",
            "rupees",
            "cruzado",
            "cruzados",
            "riyal",
            "riyals",
            "dinar",
            "dinars",
            "drachma",
            "drachmas",
            "escudo",
            "escudos",
            "peseta",
            "pesetas",
            "won",
            "yuan",
            "renminbi",
            "ringgit",
            "baht",
            "rouble",
            "roubles",
            "ruble",
            "rubles",
            "shekel",
            "shekels",
            "zloty",
            "forint",
            "euro",
            "euros",
            "cents",
            "cts");

    /**
     * In the text, "the U.S. currency" is the dollar, named again without repeating its name; in a
     * headline "TAIWAN CURRENCY CONTROLS" is the country's own policy, so these count in the text only.
     */
    private static final FoldedWords CURRENCY_NOUNS = FoldedWords.of("currency", "currencies");

    /** Words that make a place name an event or a forum: "Paris accord", "Uruguay Round", "Paris Club", "Iran scandal". */
    private static final FoldedWords EVENTS = FoldedWords.of(
            "accord",
            "accords",
            "agreement",
            "agreements",
            "pact",
            "treaty",
            "summit",
            "club",
            "conference",
            "talks",
            "round",
            "declaration",
            "protocol",
            "convention",
            "process",
            "communique",
            "consensus",
            "initiative",
            "format",
            "meeting",
            "meetings",
            "negotiations",
            "scandal",
            "affair");

    /** Capitalised words that make a country word a sports event: "Australian Open", "Bahrain Grand Prix". */
    private static final FoldedWords NAMED_EVENTS = FoldedWords.of("open", "grand", "masters", "classic");

    /** Words that end a company's name. */
    private static final FoldedWords COMPANY_SUFFIXES = FoldedWords.of(
            "inc",
            "ltd",
            "corp",
            "co",
            "plc",
            "sa",
            "ag",
            "nv",
            "bv",
            "spa",
            "gmbh",
            "llc",
            "lp",
            "ab",
            "asa",
            "oy",
            "kk",
            "bhd",
            "pte",
            "corporation",
            "incorporated",
            "limited",
            "company",
            "holdings",
            "bancorp",
            "airlines",
            "airways",
            "group");

    /** How far, in characters, an angle bracket is looked for on each side: a ticker or a firm's name fits. */
    private static final int BRACKET_REACH_CHARS = 60;
    /** Lower-case words a company's name may hold before its suffix: "Bank of Tokyo Ltd". */
    private static final FoldedWords AND_OR_OF = FoldedWords.of("and", "of");

    /** A company's name reaches its legal suffix within this many words after the country word. */
    private static final int MAX_COMPANY_NAME_WORDS = 5;

    private IncidentalMentions() {}

    /** Whether the folded word ends a company's name ("Ltd", "PLC", "Airlines"). */
    static boolean isCompanySuffix(final String folded) {
        return COMPANY_SUFFIXES.contains(folded);
    }

    /**
     * Whether the mention names a currency, an event or a forum ("Swiss franc", "Paris accord"), or
     * sits in angle brackets, where wires put tickers and company names ("UNION CARBIDE &lt;UK&gt;"),
     * rather than the country itself.
     */
    static boolean isIncidental(final EntryMatch match, final TokenizedText tokens) {
        final int angle = tokens.firstAngleBracket();
        if (angle >= 0 && angle < match.start && bracketed(tokens.source, match.start, match.end)
                || royalName(match, tokens)) {
            return true;
        }
        final int next = match.lastToken + 1;
        if (next >= tokens.size() || !tokens.spaceBefore(next)) {
            return false;
        }
        // the flags first: they are read, the word sets looked up
        return CURRENCIES.contains(tokens, next)
                || !match.inTitle && CURRENCY_NOUNS.contains(tokens, next)
                || EVENTS.contains(tokens, next)
                || !match.titleCaps && tokens.is(next, TokenizedText.UPPER_FIRST) && NAMED_EVENTS.contains(tokens, next)
                || companyName(match, tokens);
    }

    /**
     * "Royal Dutch/Shell", "Royal Jordanian": a nationality after a capitalised "Royal" names a firm
     * or a crown's institution, not the country; "a royal Saudi decree" is the country's.
     */
    private static boolean royalName(final EntryMatch match, final TokenizedText tokens) {
        final int previous = match.firstToken - 1;
        return match.entry.kind() == MentionKind.DEMONYM
                && previous >= 0
                && tokens.spaceBefore(match.firstToken)
                && tokens.is(previous, TokenizedText.UPPER_FIRST)
                && FoldedWords.is(tokens, previous, "royal");
    }

    /**
     * "Danish Dairy Farms Ltd", "British Telecommunications PLC": a country word that opens a company's
     * name, up to its legal suffix, names the company rather than the country.
     */
    private static boolean companyName(final EntryMatch match, final TokenizedText tokens) {
        if (match.titleCaps) {
            return false;
        }
        for (int t = match.lastToken + 1; t < tokens.size() && t <= match.lastToken + MAX_COMPANY_NAME_WORDS; t++) {
            if (!tokens.joinable(t) && !ampersand(tokens.source, tokens.end(t - 1), tokens.start(t))) {
                return false;
            }
            final boolean capitalised = tokens.is(t, TokenizedText.UPPER_FIRST);
            if (capitalised && COMPANY_SUFFIXES.contains(tokens, t)) {
                return true;
            }
            if (!capitalised && !AND_OR_OF.contains(tokens, t)) {
                return false;
            }
        }
        return false;
    }

    /** Whether source[from, to), stripped of white space, is "&amp;": "Procter &amp; Gamble". */
    private static boolean ampersand(final String source, final int from, final int to) {
        int first = from;
        int last = to;
        while (first < last && Character.isWhitespace(source.charAt(first))) {
            first++;
        }
        while (last > first && Character.isWhitespace(source.charAt(last - 1))) {
            last--;
        }
        return last - first == 1 && source.charAt(first) == '&';
    }

    /** Whether source[start, end) sits between '&lt;' and '&gt;' on one line. */
    private static boolean bracketed(final String source, final int start, final int end) {
        boolean open = false;
        for (int i = start - 1; i >= 0 && i >= start - BRACKET_REACH_CHARS; i--) {
            final char c = source.charAt(i);
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
        for (int i = end; i < source.length() && i < end + BRACKET_REACH_CHARS; i++) {
            final char c = source.charAt(i);
            if (c == '>') {
                return true;
            }
            if (c == '<' || c == '\n') {
                return false;
            }
        }
        return false;
    }

    /**
     * "CYPRUS MINERALS &lt;CYPM&gt; NAMED IN SUITS" over "Cyprus Minerals Co said ...": a title's
     * country word that the text uses as the start of a firm's name, followed by the same word, names
     * that firm in the title too. The firm's name must start at the country word in the text (or
     * after "The", or after the same word as in the title): "IRANIAN TANKER ATTACKED" over "National
     * Iranian Tanker Co" is the country's tanker.
     */
    static boolean namesFirmOfText(
            final EntryMatch titleMatch,
            final TokenizedText title,
            final List<EntryMatch> matches,
            final TokenizedText text) {
        final int titleNext = titleMatch.lastToken + 1;
        if (titleNext >= title.size() || !title.joinable(titleNext)) {
            return false;
        }
        final String nextWord = TokenizedText.fold(title.source, title.start(titleNext), title.end(titleNext));
        final int titlePrevious = titleMatch.firstToken - 1;
        final String previousWord = titlePrevious >= 0 && title.joinable(titleMatch.firstToken)
                ? TokenizedText.fold(title.source, title.start(titlePrevious), title.end(titlePrevious))
                : null;
        for (EntryMatch match : matches) {
            if (match.inTitle
                    || !match.isLiveCountry()
                    || match.entry.target() != titleMatch.entry.target()
                    || match.lastToken + 1 >= text.size()
                    || !text.joinable(match.lastToken + 1)) {
                continue;
            }
            final int next = match.lastToken + 1;
            if (!FoldedWords.is(text, next, nextWord) || !IncidentalMentions.isIncidental(match, text)) {
                continue;
            }
            final int previous = match.firstToken - 1;
            if (previous >= 0 && text.joinable(match.firstToken) && text.is(previous, TokenizedText.UPPER_FIRST)) {
                if (!FoldedWords.is(text, previous, "the")
                        && (previousWord == null || !FoldedWords.is(text, previous, previousWord))) {
                    continue;
                }
            }
            return true;
        }
        return false;
    }
}
