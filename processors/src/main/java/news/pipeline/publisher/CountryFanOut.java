package news.pipeline.publisher;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.CountryTag;
import news.pipeline.schema.EnrichedArticle;

/** One country's view of an article, for each country the article involves. No Kafka here. */
public final class CountryFanOut {
    private CountryFanOut() {}

    public static List<CountryArticle> of(final EnrichedArticle article) {
        final Set<String> focus = new HashSet<>(article.getFocus());
        final String url = article.getCanonicalUrl() != null ? article.getCanonicalUrl() : article.getUrl();
        return article.getCountries().stream()
                .map(country -> view(article, country, url, focus.contains(country.getCode())))
                .toList();
    }

    private static CountryArticle view(
            final EnrichedArticle article, final CountryTag country, final String url, final boolean focus) {
        return CountryArticle.newBuilder()
                .setCode(country.getCode())
                .setName(country.getName())
                .setArticleId(article.getId())
                .setUrl(url)
                .setSource(article.getSource())
                .setTitle(article.getTitle())
                .setPublishedAt(article.getPublishedAt())
                .setMentions(country.getMentions())
                .setSalience(country.getSalience())
                .setFocus(focus)
                .setTaggerVersion(article.getTaggerVersion())
                .setGazetteerVersion(article.getGazetteerVersion())
                .build();
    }
}
