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
    public static final String VERSION = "1.1.0";

    private static final class Holder {
        static final CountryTagger DEFAULT = new CountryTagger(Gazetteer.loadResource());
    }

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
        final String titleOrEmpty = title == null ? "" : title;
        final String textOrEmpty = text == null ? "" : text;
        final TokenizedText titleTokens = TokenizedText.tokenize(titleOrEmpty);
        final TokenizedText textTokens = TokenizedText.tokenize(textOrEmpty);
        final Dateline dateline = Dateline.find(textOrEmpty);
        final List<EntryMatch> matches = new ArrayList<>();
        scanner.scan(titleTokens, true, MentionScanner.capitalisedThroughout(titleTokens), Dateline.NONE, matches);
        scanner.scan(textTokens, false, false, dateline, matches);
        rules.apply(matches, titleTokens, textTokens);
        return salience.rank(matches, titleTokens, textTokens, dateline);
    }

    @Override
    public String toString() {
        return "CountryTagger " + VERSION + " (gazetteer " + gazetteer.version + ")";
    }
}
