package news.pipeline.tag;

import java.util.Set;

/**
 * Uses of a country's word that name no place of it: a currency sign ("US$1,800") and a disease
 * named after where it was first found ("Hong Kong flu", "Japanese encephalitis", "Reston
 * ebolavirus"). Each is decided from the words around the match alone.
 */
final class NonPlaceUses {
    /** Nouns that make the place or people before them the name of a disease or of its agent. */
    private static final Set<String> DISEASE_NOUNS =
            Set.of("flu", "influenza", "virus", "ebolavirus", "encephalitis", "disease", "fever");

    private NonPlaceUses() {}

    /**
     * "US$1,800", "HK$50", "A$10": a country's short form glued to a dollar sign is a currency's
     * sign, written beside prices of any country.
     */
    static boolean currencySign(final EntryMatch match, final TokenizedText tokens) {
        return match.entry.kind() == MentionKind.ABBREVIATION
                && match.end < tokens.source.length()
                && tokens.source.charAt(match.end) == '$';
    }

    /**
     * "Hong Kong flu", "Japanese encephalitis", "the Reston ebolavirus", "Minamata disease": a place
     * or a people right before the word for a disease or a virus names the disease, which spreads
     * far from the place it was named after.
     */
    static boolean diseaseName(final EntryMatch match, final TokenizedText tokens) {
        final int next = match.lastToken + 1;
        return next < tokens.size()
                && tokens.spaceBefore(next)
                && DISEASE_NOUNS.contains(TokenizedText.fold(tokens.source, tokens.start(next), tokens.end(next)));
    }
}
