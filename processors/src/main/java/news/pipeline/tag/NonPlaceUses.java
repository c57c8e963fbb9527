package news.pipeline.tag;

/**
 * Uses of a country's word that name no place of it: a currency sign ("US$1,800"). Each is decided
 * from the words around the match alone.
 */
final class NonPlaceUses {
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
}
