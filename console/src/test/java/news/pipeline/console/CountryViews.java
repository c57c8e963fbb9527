package news.pipeline.console;

import news.pipeline.schema.CountryArticle;
import news.pipeline.serde.AvroSerde;

/** By-country records as the publisher writes them, for the console's tests. */
final class CountryViews {
    private static final AvroSerde<CountryArticle> SERDE = new AvroSerde<>(CountryArticle.class);

    private CountryViews() {}

    /** A view of article {@code articleId} for one country, titled "About NAME", in single-object encoding. */
    static byte[] encoded(final String code, final String name, final String articleId) {
        return SERDE.encode(CountryArticle.newBuilder()
                .setCode(code)
                .setName(name)
                .setArticleId(articleId)
                .setUrl("https://example.org/" + articleId)
                .setSource("test")
                .setTitle("About " + name)
                .setMentions(2)
                .setSalience(0.5)
                .setFocus(true)
                .setTaggerVersion("t")
                .setGazetteerVersion("g")
                .build());
    }
}
