package news.pipeline.tag;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the countries an article involves and those it is about. Thread-safe, immutable and
 * deterministic: no clock, no randomness, stable ordering.
 *
 * <p>One pass over the title's and the text's tokens walks the gazetteer's token trie and keeps the
 * longest entry starting at each capitalised token, so known multi-word names win over the
 * country words inside them ("Gulf of Mexico", "New Jersey", "OSCE Minsk Group") ({@link
 * MentionScanner}). The matches then go through a few context rules that need no per-country code
 * ({@link ContextRules}, see {@code package-info}): exact case for short forms, combining forms only
 * before a hyphen, firm names ("Georgia-Pacific", "Piedmont Aviation"), surnames ("Jerry Jordan",
 * then every "Jordan" of the article), shortened names ("Jersey" beside "New Jersey"), names shared
 * with a region abroad ("Georgia") only with other evidence, and the dateline's region over its
 * place ("SAN JOSE, Calif."). {@link Salience} weighs the title, the dateline, the lead paragraph,
 * frequency, first position and subject position.
 */
public final class CountryTagger {
    /** Version of the tagging logic; part of every enriched record. */
    public static final String VERSION = "1.9.0";

    /**
     * The most characters of a title or a text the tagger reads; it tags the part before and ignores
     * the rest. A news story is a few thousand characters and the longest real ones a few hundred
     * thousand, while a hostile or broken page can carry ten million: tokenizing those costs several
     * bytes of transient arrays a character (tens of MB at once in a stream thread sized for
     * stories) and yields tens of thousands of mentions of no use to anyone. Offsets stay those of
     * the whole text, since only its end is left out.
     */
    public static final int MAX_TEXT_CHARS = 1_000_000;

    private static final class Holder {
        static final CountryTagger DEFAULT = new CountryTagger(Gazetteer.loadResource());
    }

    /**
     * Each thread's arrays for the title's tokens and the text's: the tokens of one article are done
     * with when {@link #tag} returns, and nothing in a tag call tags another article.
     */
    private static final ThreadLocal<TokenBuffers> TOKEN_BUFFERS = ThreadLocal.withInitial(TokenBuffers::new);

    private static final class TokenBuffers {
        final TokenizedText.Buffers title = new TokenizedText.Buffers();
        final TokenizedText.Buffers text = new TokenizedText.Buffers();
        /**
         * The matches of the article being tagged: a list grown afresh for every article copied its
         * array several times over, a sixth of the bytes the tagger allocated.
         */
        private ArrayList<EntryMatch> matches = new ArrayList<>();

        /** The list emptied for the next article; a new one after a huge text, whose array is not kept. */
        List<EntryMatch> emptyMatches() {
            if (matches.size() > MAX_KEPT_MATCHES) {
                matches = new ArrayList<>();
            }
            matches.clear();
            return matches;
        }
    }

    /** Matches whose list a thread keeps for the next article: stories have tens, a huge text thousands. */
    private static final int MAX_KEPT_MATCHES = 1 << 12;

    private final Gazetteer gazetteer;
    private final MentionScanner scanner;
    private final ContextRules rules;
    private final Salience salience;

    private CountryTagger(final Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.scanner = new MentionScanner(gazetteer);
        this.rules = new ContextRules(gazetteer);
        this.salience = new Salience(gazetteer);
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
        return tag(title, text, null);
    }

    /**
     * Tags one article and records in {@code explanation}, when not null, how each country's
     * salience and focus were reached and which candidates were rejected and why.
     */
    public TaggedArticle tag(final String title, final String text, final TaggingExplanation explanation) {
        return tag(title, text, null, explanation);
    }

    /**
     * Tags one article in a language: besides the names of every language, country names in the
     * article's own ("Allemagne" in French, "Deutschland" in German) count.
     *
     * @param language    the article's language, a BCP 47 tag; null when unknown
     * @param explanation where to record how the result was reached, or null
     */
    public TaggedArticle tag(
            final String title, final String text, final String language, final TaggingExplanation explanation) {
        final int languageFlag = Gazetteer.languageFlag(language);
        final String titleRead = readable(title);
        final String textRead = readable(text);
        final TokenBuffers buffers = TOKEN_BUFFERS.get();
        final TokenizedText titleTokens = TokenizedText.tokenize(titleRead, buffers.title);
        final TokenizedText textTokens = TokenizedText.tokenize(textRead, buffers.text);
        final Dateline dateline = Dateline.find(textRead);
        final List<EntryMatch> matches = buffers.emptyMatches();
        final boolean titleCaps = MentionScanner.capitalisedThroughout(titleTokens);
        scanner.scan(titleTokens, true, titleCaps, Dateline.NONE, languageFlag, matches);
        scanner.scan(textTokens, false, false, dateline, languageFlag, matches);
        rules.apply(matches, titleTokens, titleCaps, textTokens);
        final TaggedArticle tagged = salience.rank(matches, titleTokens, textTokens, dateline, explanation);
        if (explanation != null) {
            for (final EntryMatch match : matches) {
                final TokenizedText tokens = match.inTitle ? titleTokens : textTokens;
                if (match.dropped && !match.entry.org() && !match.entry.blocker()) {
                    explanation.rejected(
                            span(match, tokens), gazetteer.countryCodes[match.entry.target()], match.rejection, "");
                }
                covered(
                        match,
                        tokens,
                        languageFlag,
                        match.inTitle ? titleCaps : false,
                        match.inTitle ? Dateline.NONE : dateline,
                        explanation);
            }
            explanation.result(tagged);
        }
        return tagged;
    }

    /**
     * The part of {@code text} the tagger reads: all of it up to {@link #MAX_TEXT_CHARS}, else its
     * first {@code MAX_TEXT_CHARS} characters, one fewer when the cut would split a surrogate pair.
     * Null counts as empty.
     */
    static String readable(final String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= MAX_TEXT_CHARS) {
            return text;
        }
        final int end =
                Character.isHighSurrogate(text.charAt(MAX_TEXT_CHARS - 1)) ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
        return text.substring(0, end);
    }

    /**
     * The country names a longer match covers ("Minsk" in "OSCE Minsk Group"): each span of the
     * match's tokens short of the whole, put to the same scanner, to show what the longest match
     * rule decided.
     */
    private void covered(
            final EntryMatch outer,
            final TokenizedText tokens,
            final int language,
            final boolean titleCaps,
            final Dateline dateline,
            final TaggingExplanation explanation) {
        for (int first = outer.firstToken; first <= outer.lastToken; first++) {
            for (int last = first; last <= outer.lastToken; last++) {
                if (first == outer.firstToken && last == outer.lastToken) {
                    continue;
                }
                final List<EntryMatch> inner = new ArrayList<>();
                scanner.scan(tokens, first, last + 1, outer.inTitle, titleCaps, dateline, language, inner);
                if (inner.isEmpty() || inner.get(0).firstToken != first || inner.get(0).lastToken != last) {
                    continue;
                }
                final EntryMatch candidate = inner.get(0);
                if (candidate.entry.org()
                        || candidate.entry.blocker()
                        || !outer.entry.org()
                                && !outer.entry.blocker()
                                && candidate.entry.target() == outer.entry.target()) {
                    continue;
                }
                explanation.rejected(
                        span(candidate, tokens),
                        gazetteer.countryCodes[candidate.entry.target()],
                        RejectionReason.INSIDE_LONGER_NAME,
                        "“" + tokens.source.substring(outer.start, outer.end) + "”, " + named(outer.entry));
            }
        }
    }

    /** What a covering entry names, for an explanation. */
    private String named(final Gazetteer.Entry entry) {
        if (entry.org()) {
            return "the organisation " + gazetteer.orgCodes[entry.target()];
        }
        return entry.blocker() ? "a name of no country" : "a name of " + gazetteer.countryCodes[entry.target()];
    }

    private static MentionSpan span(final EntryMatch match, final TokenizedText tokens) {
        return new MentionSpan(
                match.inTitle,
                match.start,
                match.end,
                tokens.source.substring(match.start, match.end),
                match.entry.kind().name());
    }

    @Override
    public String toString() {
        return "CountryTagger " + VERSION + " (gazetteer " + gazetteer.version + ")";
    }
}
