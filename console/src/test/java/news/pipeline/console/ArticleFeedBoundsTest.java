package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.ValueFormat;
import org.junit.jupiter.api.Test;

/** What the Articles and Countries pages keep of the followed records stays bounded, and reads right. */
class ArticleFeedBoundsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final AvroSerde<EnrichedArticle> ENRICHED = new AvroSerde<>(EnrichedArticle.class);
    private static final AvroSerde<CountryArticle> BY_COUNTRY = new AvroSerde<>(CountryArticle.class);

    @Test
    void countedPairsStayAtTheirCapacityAndForgetTheOldestFirst() {
        final CountedPairs pairs = new CountedPairs(3);
        assertThat(pairs.firstTime("AM", "a1")).isTrue();
        assertThat(pairs.firstTime("AM", "a2")).isTrue();
        assertThat(pairs.firstTime("FR", "a1")).isTrue();
        assertThat(pairs.firstTime("AM", "a1"))
                .as("a pair sent again within the last 3")
                .isFalse();
        assertThat(pairs.firstTime("FR", "a2")).isTrue();
        assertThat(pairs.size()).isEqualTo(3);
        assertThat(pairs.firstTime("AM", "a1"))
                .as("forgotten after 3 newer pairs: counted again")
                .isTrue();
        assertThat(pairs.size()).isEqualTo(3);
    }

    @Test
    void aReplayedCountryArticleIsCountedOnceWithinTheRememberedPairs() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 10);
        for (int round = 0; round < 3; round++) {
            followed.byCountry("news.articles.by-country", country("AM", "Armenia", "a1"), NOW.toEpochMilli());
        }
        followed.byCountry("news.articles.by-country", country("AM", "Armenia", "a2"), NOW.toEpochMilli());

        assertThat(followed.counts(ArticleFeed.Window.ALL, NOW)).isEqualTo(Map.of("AM", 2L));
        assertThat(followed.countryNames()).isEqualTo(Map.of("AM", "Armenia"));
        assertThat(followed.byCountry("AM"))
                .extracting(article -> article.path("article_id").asText())
                .containsExactly("a2", "a1");
    }

    @Test
    void aPairReplayedAfterItWasForgottenIsCountedAgainButListedOnce() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 10);
        followed.byCountry("news.articles.by-country", country("AM", "Armenia", "a1"), NOW.toEpochMilli());
        // Ten newer pairs elsewhere: a1 in AM is forgotten, but it is still among Armenia's latest.
        for (int i = 0; i < 10; i++) {
            followed.byCountry("news.articles.by-country", country("FR", "France", "f" + i), NOW.toEpochMilli());
        }
        followed.byCountry("news.articles.by-country", country("AM", "Armenia", "a1"), NOW.toEpochMilli());
        followed.byCountry("news.articles.by-country", country("AM", "Armenia", "a2"), NOW.toEpochMilli());

        assertThat(followed.counts(ArticleFeed.Window.ALL, NOW)).containsEntry("AM", 3L);
        assertThat(followed.byCountry("AM"))
                .extracting(article -> article.path("article_id").asText())
                .containsExactly("a2", "a1");
    }

    @Test
    void theCountedPairsStayAtTheirCapacityWhileEveryArticleIsCounted() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 50);
        for (int i = 0; i < 500; i++) {
            followed.byCountry("news.articles.by-country", country("FR", "France", "a" + i), NOW.toEpochMilli());
        }
        assertThat(followed.countedPairs()).isEqualTo(50);
        assertThat(followed.counts(ArticleFeed.Window.HOUR, NOW)).isEqualTo(Map.of("FR", 500L));
        assertThat(followed.byCountry("FR")).hasSize(FollowedArticles.PER_COUNTRY);
        assertThat(followed.byCountry("FR").get(0).path("article_id").asText()).isEqualTo("a499");
    }

    @Test
    void aRecordInTheRegistrysFramingWithNoRegistryIsSkippedNotCounted() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 10);
        final byte[] framed = {0, 0, 0, 0, 7, 4, 65, 77};

        assertThat(followed.byCountry("news.articles.by-country", framed, NOW.toEpochMilli()))
                .isFalse();
        assertThat(followed.counts(ArticleFeed.Window.ALL, NOW)).isEmpty();
        assertThat(followed.countedPairs()).isZero();
    }

    @Test
    void countsOlderThanADayMoveOutOfTheDayButStayInAll() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 10);
        final long twoDaysAgo = NOW.minusSeconds(2 * 86_400).toEpochMilli();
        followed.byCountry("news.articles.by-country", country("AM", "Armenia", "old"), twoDaysAgo);
        followed.byCountry("news.articles.by-country", country("AM", "Armenia", "new"), NOW.toEpochMilli());

        assertThat(followed.counts(ArticleFeed.Window.DAY, NOW)).isEqualTo(Map.of("AM", 1L));
        assertThat(followed.counts(ArticleFeed.Window.ALL, NOW)).isEqualTo(Map.of("AM", 2L));
        assertThat(followed.counts(ArticleFeed.Window.DAY, NOW)).isEqualTo(Map.of("AM", 1L));
    }

    @Test
    void theLatestEnrichedArticlesStayAtRecentAndDecodeWhenAsked() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject());
        for (int i = 0; i < FollowedArticles.RECENT + 50; i++) {
            followed.enriched("a" + i, enriched("a" + i, "Title " + i), NOW.toEpochMilli());
        }
        followed.enriched("a100", enriched("a100", "Title 100, corrected"), NOW.toEpochMilli());
        followed.enriched("broken", new byte[] {1, 2, 3}, NOW.toEpochMilli());

        assertThat(followed.latest(1000))
                .as("the undecodable record is left out")
                .hasSize(FollowedArticles.RECENT - 1);
        final ObjectNode newest = followed.latest(1).get(0);
        assertThat(newest.path("id").asText()).isEqualTo("a100");
        assertThat(newest.path("title").asText()).isEqualTo("Title 100, corrected");
        assertThat(newest.path("record_time").asText()).isEqualTo(NOW.toString());
        assertThat(followed.article("a0")).as("pushed out by newer ones").isEmpty();
        assertThat(followed.article("a249")
                        .map(article -> article.path("title"))
                        .map(JsonNode::asText))
                .contains("Title 249");
    }

    private static byte[] country(final String code, final String name, final String articleId) {
        return BY_COUNTRY.encode(CountryArticle.newBuilder()
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

    private static byte[] enriched(final String id, final String title) {
        return ENRICHED.encode(EnrichedArticle.newBuilder()
                .setId(id)
                .setTitle(title)
                .setText("Some text written for this test.")
                .setCleanerVersion("c")
                .setTaggerVersion("t")
                .setGazetteerVersion("g")
                .build());
    }
}
