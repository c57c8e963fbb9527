package news.pipeline.tag;

/**
 * An international organisation named in an article.
 *
 * @param code     its usual acronym (EU, OSCE)
 * @param name     its English name
 * @param mentions how many times it is named
 */
public record OrganizationTagging(String code, String name, int mentions) {}
