package news.pipeline.tag;

/**
 * Why a gazetteer match names no country in its context: the rule of {@link ContextRules} that
 * dropped it, or the longer name that covers it. Carried by an explanation, never by a record.
 */
public enum RejectionReason {
    /** "Georgia-Pacific". */
    FIRM_HYPHENATED("part of a firm's name: hyphenated to a capitalised word no entry knows"),
    /** "Allied-Lyons". */
    FIRM_HYPHENATED_END("ends a firm's name: hyphenated after a capitalised word no entry knows"),
    /** "the film Casablanca", a quoted title. */
    TITLE_OF_WORK("in the title of a work or the name of a band or team"),
    /** "Lebanon County". */
    LOCAL_UNIT("names a county or a township"),
    /** "Jordan Elementary": a country's name used as a town's. */
    TOWN_NAMED_LIKE_COUNTRY("a town's name: its schools follow it"),
    /** "Jerry Jordan", "Mr. Jordan", "Barack Obama". */
    PERSON_NAME("person name: a surname after a first name, an honorific or a capitalised word"),
    /** "Piedmont Aviation", "Paris Hilton". */
    FIRM_NAME("first word of a firm's or a person's name"),
    /** "Jordan Peterson". */
    FORENAME("person name: a forename before a surname"),
    /** Every "Jordan" of an article that says "Jerry Jordan". */
    NAMED_LIKE_PERSON_ELSEWHERE("the same word names a person or a firm elsewhere in the article"),
    /** "Jersey" beside "New Jersey". */
    SHORTENED_NAME("a longer place named in the article, shortened"),
    /** "Georgia" with nothing else from Georgia or the US state. */
    UNCORROBORATED("a name shared by places of several countries, and the article names none of them another way"),
    /** "SAN JOSE, Calif.". */
    DATELINE_REGION("the dateline's region says which place this is"),
    /** "Paris, Texas". */
    TOWN_OF_REGION("a town of the region named right after it"),

    /** "of Edmonton" after "Edmonton, Ky.": the article has said which town the name is. */
    TOWN_OF_REGION_ELSEWHERE("a town the article names elsewhere with its region after it"),
    /** "Athens" among the towns of Georgia. */
    NAMESAKE_AT_HOME("a namesake town of the country the story is set in"),
    /** "US$1,800". */
    CURRENCY_SIGN("a currency's sign, glued to a dollar sign"),
    /** "Hong Kong flu", "Japanese encephalitis". */
    DISEASE_NAME("names a disease or a virus"),
    /** "speaks in Spanish". */
    LANGUAGE("names a language"),
    /** "Mexican restaurants", "Irish heritage". */
    CUISINE_OR_ANCESTRY("names a cuisine or an ancestry"),
    /** "Minsk" inside "OSCE Minsk Group", "Mexico" inside "Gulf of Mexico". */
    INSIDE_LONGER_NAME("inside a longer name, which wins");

    private final String description;

    RejectionReason(final String description) {
        this.description = description;
    }

    /** The reason in words, for people. */
    public String description() {
        return description;
    }
}
