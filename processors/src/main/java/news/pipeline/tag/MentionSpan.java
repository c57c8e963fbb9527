package news.pipeline.tag;

/**
 * Where a country is referred to.
 *
 * @param inTitle true when start/end index the title, false when they index the text
 * @param start   first character, a Java string index
 * @param end     one past the last character
 * @param surface the text exactly as it appears between start and end
 * @param kind    what the surface form is, a {@code MentionKind} name: NAME, ABBREVIATION, DEMONYM, CAPITAL,
 *                CITY, SEAT or HISTORICAL
 */
public record MentionSpan(boolean inTitle, int start, int end, String surface, String kind) {}
