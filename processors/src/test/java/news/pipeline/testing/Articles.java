package news.pipeline.testing;

import java.util.List;
import news.pipeline.schema.CountryTag;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.Mention;
import news.pipeline.schema.TextField;

/** Small records for tests. */
public final class Articles {
    private Articles() {}

    /** An enriched article involving Armenia (in focus) and France, with real offsets into its text. */
    public static EnrichedArticle enriched(final String id) {
        final String text = "Armenia and France signed a deal.";
        return EnrichedArticle.newBuilder()
                .setId(id)
                .setUrl("https://news.example/a")
                .setCanonicalUrl(null)
                .setSource("test")
                .setSiteName(null)
                .setTitle("A deal")
                .setText(text)
                .setAuthor(null)
                .setPublishedAt(null)
                .setLanguage("en")
                .setCountries(List.of(
                        new CountryTag(
                                "AM", "Armenia", 1, 0.9, List.of(new Mention(TextField.TEXT, 0, 7, "Armenia", "NAME"))),
                        new CountryTag(
                                "FR",
                                "France",
                                1,
                                0.4,
                                List.of(new Mention(TextField.TEXT, 12, 18, "France", "NAME")))))
                .setFocus(List.of("AM"))
                .setOrganizations(List.of())
                .setCleanerVersion("test")
                .setTaggerVersion("test")
                .setGazetteerVersion("test")
                .build();
    }
}
