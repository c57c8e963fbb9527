package news.pipeline.tag;

import java.util.ArrayList;
import java.util.List;

/**
 * What one article says about one country: its mentions, where they stand (title, dateline, lead,
 * table) and which of them are incidental. {@link Salience} gathers it and weighs it; the rules that
 * widen the focus ({@link WiderFocus}) read it too.
 */
final class CountryEvidence {
    final int country;
    final List<MentionSpan> spans = new ArrayList<>();
    int titleMentions;
    /** Title mentions by demonym ("BRITISH CALEDONIAN UNIT"). */
    int titleDemonymMentions;
    /** Text mentions that name a currency, an event, a ticker or a company. */
    int textIncidentalMentions;

    int leadMentions;
    /** Lead mentions by demonym only ("Brazilian striker"): a person's origin, not where the story is. */
    int leadDemonymMentions;

    int textMentions;
    int subjectMentions;
    int incidentalMentions;
    /** Mentions heading a row of figures, as in a table. */
    int tableRows;
    /** Mentions right after a town of the country and a comma ("Munich, West Germany"): one place, named once. */
    int addressMentions;
    /** End of the country's last town in the text, to find "town, country" addresses. */
    int lastTownEnd = -1;

    boolean dateline;
    /** Whether the lead's weight was added, by name or by a nationality that counts. */
    boolean leadWeighed;

    boolean onlyPlaces = true;
    /** Named only through its capital and towns, in the text, never in the title or the dateline. */
    boolean onlySeatsInText = true;

    boolean capital;
    int firstOffset = Integer.MAX_VALUE;
    /** In how many enumerations of countries the text names it ({@link Enumerations}). */
    int enumerations;

    CountryEvidence(final int country) {
        this.country = country;
    }

    /**
     * The evidence for the country among those found, or null. An article names a few countries:
     * searching them costs less than an array over every country, zeroed for each article.
     */
    static CountryEvidence of(final List<CountryEvidence> found, final int country) {
        for (int i = 0; i < found.size(); i++) {
            final CountryEvidence evidence = found.get(i);
            if (evidence.country == country) {
                return evidence;
            }
        }
        return null;
    }
}
