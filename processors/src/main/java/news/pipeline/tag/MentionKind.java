package news.pipeline.tag;

/**
 * What a gazetteer surface form is, from the kind column of {@code gazetteer.tsv}. A country
 * mention carries its kind's {@link #name()} as {@link MentionSpan#kind()}.
 */
enum MentionKind {
    /** The country's own name, common or official ("Armenia", "Republic of Armenia"). */
    NAME,
    /** A short form or acronym of the country's name ("U.S.", "UK", "DPRK"). */
    ABBREVIATION,
    /** An adjective or people's name for the country ("Armenian", "Armenians"). */
    DEMONYM,
    /** The country's capital city ("Yerevan"). */
    CAPITAL,
    /** A city, or a first-level region such as Texas or Bavaria (those carry the REGION flag). */
    CITY,
    /** A seat of government or a state institution ("Kremlin", "Bank of Japan"). */
    SEAT,
    /** A former name mapped to the modern country ("Soviet Union", "Peking"). */
    HISTORICAL,
    /** An international organisation ("NATO", "OSCE Minsk Group"); never a country mention. */
    ORG,
    /** A blocker: a longer name that holds a country word but names no country ("Gulf of Mexico"). */
    NONE;

    /** The kind named in the gazetteer's kind column. */
    static MentionKind parse(final String column) {
        try {
            return valueOf(column);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown gazetteer kind " + column, e);
        }
    }
}
