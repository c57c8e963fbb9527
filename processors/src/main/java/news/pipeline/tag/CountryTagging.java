package news.pipeline.tag;

import java.util.List;

/**
 * One country involved in an article.
 *
 * @param code     ISO 3166-1 alpha-2, upper case
 * @param name     common English name
 * @param mentions number of spans
 * @param salience 0..1, how central the country is to the story
 * @param spans    title spans first, then text spans by offset
 */
public record CountryTagging(String code, String name, int mentions, double salience, List<MentionSpan> spans) {}
