package news.pipeline.tag;

import java.util.List;

/**
 * What the tagger found in one article.
 *
 * @param countries     every country involved, most salient first, ties broken by code
 * @param focus         codes of the countries the story is about, most salient first
 * @param organizations international organisations named, by code
 */
public record TaggedArticle(
        List<CountryTagging> countries, List<String> focus, List<OrganizationTagging> organizations) {}
