package news.pipeline.tag;

import java.util.List;

/**
 * Uses of a country's word that name no place of it: a currency sign ("US$1,800"), a disease named
 * after where it was first found ("Hong Kong flu", "Japanese encephalitis", "Reston ebolavirus"), a
 * language ("speaks in Spanish", "studying Portuguese") and a cuisine or an ancestry ("Mexican
 * restaurants", "Irish heritage"). Each is decided from the words around the match alone.
 */
final class NonPlaceUses {
    /** Nouns that make the place or people before them the name of a disease or of its agent. */
    private static final FoldedWords DISEASE_NOUNS =
            FoldedWords.of("flu", "influenza", "virus", "ebolavirus", "encephalitis", "disease", "fever");

    /** Words before a people's name that make it the name of their language: "speaks in Spanish", "studying Portuguese". */
    private static final FoldedWords LANGUAGE_CUES = FoldedWords.of(
            "in",
            "into",
            "speak",
            "speaks",
            "spoke",
            "speaking",
            "spoken",
            "study",
            "studies",
            "studying",
            "studied",
            "learn",
            "learns",
            "learning",
            "learned",
            "learnt",
            "teach",
            "teaches",
            "teaching",
            "taught",
            "fluent");

    /**
     * Words that may follow a language's name but not a people's used as an adjective, which a noun
     * follows ("in Spanish after spotting", but "in Spanish waters").
     */
    private static final FoldedWords AFTER_A_LANGUAGE = FoldedWords.of(
            "and", "or", "but", "after", "before", "with", "to", "as", "while", "because", "since", "when", "for", "at",
            "on", "by", "from", "so", "than", "is", "was", "are", "were", "which", "who", "that");

    /** Nouns after a people's name that make it a cuisine or an ancestry: "Mexican restaurants", "Irish heritage". */
    private static final FoldedWords CUISINE_AND_ANCESTRY = FoldedWords.of(
            "restaurant",
            "restaurants",
            "cuisine",
            "food",
            "foods",
            "grocery",
            "groceries",
            "bakery",
            "deli",
            "cafe",
            "bistro",
            "eatery",
            "buffet",
            "takeaway",
            "dishes",
            "recipe",
            "recipes",
            "marketplace",
            "heritage",
            "descent",
            "ancestry");

    private NonPlaceUses() {}

    /**
     * "speaks in Spanish after", "studying Portuguese.", "in English and Spanish": a people's name
     * after a word that introduces a language, and not followed by a noun, is their language, spoken
     * anywhere; so is one joined by "and" or "or" to a language just read so.
     */
    static boolean language(final List<EntryMatch> matches, final int k, final TokenizedText tokens) {
        final EntryMatch match = matches.get(k);
        if (match.entry.kind() != MentionKind.DEMONYM || match.firstToken != match.lastToken) {
            return false;
        }
        final int prev = match.firstToken - 1;
        if (prev < 0 || !tokens.spaceBefore(match.firstToken) || !nothingNounLikeAfter(match, tokens)) {
            return false;
        }
        final String before = TokenizedText.fold(tokens.source, tokens.start(prev), tokens.end(prev));
        if (LANGUAGE_CUES.contains(before)) {
            return true;
        }
        if (!("and".equals(before) || "or".equals(before)) || prev < 2) {
            return false;
        }
        // "in English and Spanish": the first language may be one that names no country
        final int other = prev - 1;
        if (tokens.is(other, TokenizedText.UPPER_FIRST)
                && tokens.spaceBefore(other)
                && LANGUAGE_CUES.contains(tokens, other - 1)) {
            return true;
        }
        if (k == 0) {
            return false;
        }
        final EntryMatch previous = matches.get(k - 1);
        return previous.inTitle == match.inTitle
                && previous.lastToken == other
                && previous.rejection == RejectionReason.LANGUAGE;
    }

    /**
     * Whether the match ends its text, is followed by punctuation, or by a word that cannot start a
     * noun phrase; through "and" or "or" and a capitalised word, the same after that word ("in French
     * and Spanish ports" has its noun after the second people).
     */
    private static boolean nothingNounLikeAfter(final EntryMatch match, final TokenizedText tokens) {
        int next = match.lastToken + 1;
        while (next < tokens.size() && tokens.spaceBefore(next)) {
            final boolean joined = (FoldedWords.is(tokens, next, "and") || FoldedWords.is(tokens, next, "or"))
                    && next + 1 < tokens.size()
                    && tokens.spaceBefore(next + 1)
                    && tokens.is(next + 1, TokenizedText.UPPER_FIRST);
            if (!joined) {
                return AFTER_A_LANGUAGE.contains(tokens, next);
            }
            next += 2;
        }
        return true;
    }

    /**
     * "Mexican restaurants", "Italian grocery store", "Irish heritage", "of Polish descent": a
     * people's name before a word for food, a shop that sells it or an ancestry names a cuisine or
     * an origin, found far from the country.
     */
    static boolean cuisineOrAncestry(final EntryMatch match, final TokenizedText tokens) {
        final int next = match.lastToken + 1;
        return match.entry.kind() == MentionKind.DEMONYM
                && next < tokens.size()
                && tokens.spaceBefore(next)
                && CUISINE_AND_ANCESTRY.contains(tokens, next);
    }

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
        return next < tokens.size() && tokens.spaceBefore(next) && DISEASE_NOUNS.contains(tokens, next);
    }
}
