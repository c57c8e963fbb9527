package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.ValueFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** What the Articles and Countries pages keep of the followed records stays bounded, and reads right. */
class ArticleFeedBoundsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final AvroSerde<EnrichedArticle> ENRICHED = new AvroSerde<>(EnrichedArticle.class);

    @Test
    void countedPairsStayWithinTheirCapacityAndForgetTheOlderHalfAtOnce() {
        final CountedPairs pairs = new CountedPairs(4);
        assertThat(pairs.firstTime("AM", "a1")).isTrue();
        assertThat(pairs.firstTime("FR", "a1")).isTrue();
        assertThat(pairs.firstTime("AM", "a1"))
                .as("a pair sent again within the last 2")
                .isFalse();
        assertThat(pairs.firstTime("AM", "a2")).isTrue();
        assertThat(pairs.firstTime("AM", "a1"))
                .as("a pair sent again within the last 4")
                .isFalse();
        assertThat(pairs.size()).isEqualTo(3);
        assertThat(pairs.firstTime("FR", "a2")).isTrue();
        assertThat(pairs.size())
                .as("the older two forgotten when the newer two filled their half")
                .isEqualTo(2);
        assertThat(pairs.firstTime("AM", "a1")).as("forgotten: counted again").isTrue();
        assertThat(pairs.firstTime("FR", "a2")).as("still remembered").isFalse();
        for (int i = 0; i < 100; i++) {
            pairs.firstTime("AM", "b" + i);
            assertThat(pairs.size()).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void aReplayedCountryArticleIsCountedOnceWithinTheRememberedPairs() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 10);
        final Topic topic = new Topic(followed);
        for (int round = 0; round < 3; round++) {
            topic.write("AM", "Armenia", "a1", NOW.toEpochMilli());
        }
        topic.write("AM", "Armenia", "a2", NOW.toEpochMilli());

        assertThat(followed.counts(ArticleFeed.Window.ALL, NOW)).isEqualTo(Map.of("AM", 2L));
        assertThat(followed.countryNames()).isEqualTo(Map.of("AM", "Armenia"));
    }

    @Test
    void aCountryIsNamedAsItsLatestRecordNamesIt() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 10);
        final Topic topic = new Topic(followed);
        topic.write("CZ", "Czech Republic", "a1", NOW.toEpochMilli());
        topic.write("CZ", "Czechia", "a2", NOW.toEpochMilli());
        topic.write("FR", "France", "a2", NOW.toEpochMilli());

        assertThat(followed.countryNames()).isEqualTo(Map.of("CZ", "Czechia", "FR", "France"));
        assertThat(followed.counts(ArticleFeed.Window.ALL, NOW)).isEqualTo(Map.of("CZ", 2L, "FR", 1L));

        topic.write("CZ", "Czech Republic", "a1", NOW.toEpochMilli());
        assertThat(followed.countryNames())
                .as("a replay of an older record, counted already, still names the country")
                .containsEntry("CZ", "Czech Republic");
    }

    @Test
    void aPairReplayedAfterItWasForgottenIsCountedAgain() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 10);
        final Topic topic = new Topic(followed);
        topic.write("AM", "Armenia", "a1", NOW.toEpochMilli());
        // Ten newer pairs elsewhere: a1 in AM is forgotten, but it is still among Armenia's latest.
        for (int i = 0; i < 10; i++) {
            topic.write("FR", "France", "f" + i, NOW.toEpochMilli());
        }
        topic.write("AM", "Armenia", "a1", NOW.toEpochMilli());
        topic.write("AM", "Armenia", "a2", NOW.toEpochMilli());

        assertThat(followed.counts(ArticleFeed.Window.ALL, NOW)).containsEntry("AM", 3L);
    }

    @Test
    void theCountedPairsStayWithinTheirCapacityWhileEveryArticleIsCounted() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 50);
        final Topic topic = new Topic(followed);
        for (int i = 0; i < 500; i++) {
            topic.write("FR", "France", "a" + i, NOW.toEpochMilli());
            assertThat(followed.countedPairs()).isBetween(Math.min(i + 1, 25), 50);
        }
        assertThat(followed.counts(ArticleFeed.Window.HOUR, NOW)).isEqualTo(Map.of("FR", 500L));
    }

    @Test
    void recordsHandedOverByManyThreadsAtOnceAreEachCountedOnce() throws InterruptedException {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 100_000);
        final List<Thread> threads = new ArrayList<>();
        // As the publisher's stream threads hand their records over: each thread reads with its own decoder.
        for (final String code : List.of("AM", "FR", "AZ", "TR")) {
            final byte[][] records = new byte[2_000][];
            for (int i = 0; i < records.length; i++) {
                records[i] = country(code, "Country " + code, code + "-" + i);
            }
            threads.add(new Thread(() -> {
                for (final byte[] record : records) {
                    followed.byCountry("news.articles.by-country", record, NOW.toEpochMilli());
                }
            }));
        }
        threads.forEach(Thread::start);
        for (final Thread thread : threads) {
            thread.join();
        }

        assertThat(followed.counts(ArticleFeed.Window.ALL, NOW))
                .isEqualTo(Map.of("AM", 2_000L, "FR", 2_000L, "AZ", 2_000L, "TR", 2_000L));
        assertThat(followed.countryNames()).containsEntry("AZ", "Country AZ");
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
        final Topic topic = new Topic(followed);
        final long twoDaysAgo = NOW.minusSeconds(2 * 86_400).toEpochMilli();
        topic.write("AM", "Armenia", "old", twoDaysAgo);
        topic.write("AM", "Armenia", "new", NOW.toEpochMilli());

        assertThat(followed.counts(ArticleFeed.Window.DAY, NOW)).isEqualTo(Map.of("AM", 1L));
        assertThat(followed.counts(ArticleFeed.Window.ALL, NOW)).isEqualTo(Map.of("AM", 2L));
        assertThat(followed.counts(ArticleFeed.Window.DAY, NOW)).isEqualTo(Map.of("AM", 1L));
    }

    @Test
    void theLatestEnrichedArticlesStayAtRecentAsPositionsAndTheNewestAsSummaries() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject());
        final List<ConsumerRecord<byte[], byte[]>> look = new ArrayList<>();
        for (int i = 0; i < FollowedArticles.RECENT + 50; i++) {
            look.add(enrichedAt(i, "a" + i, enriched("a" + i, "Title " + i)));
        }
        followed.enrichedAll(look);
        followed.enrichedAll(List.of(
                enrichedAt(1000, "a100", enriched("a100", "Title 100, corrected")),
                enrichedAt(1001, "broken", new byte[] {1, 2, 3})));

        final List<Map<String, Object>> latest = followed.latest(1000);
        assertThat(latest)
                .as("the newest of each look summarized, the undecodable left out")
                .hasSize(FollowedArticles.SUMMARIZED + 1);
        assertThat(latest.get(0))
                .containsEntry("id", "a100")
                .containsEntry("title", "Title 100, corrected")
                .containsEntry("record_time", NOW.toString());
        assertThat(latest.get(1)).containsEntry("id", "a249");
        assertThat(followed.articleAt("broken")).isEmpty();
        assertThat(followed.articleAt("a0")).as("pushed out by newer ones").isEmpty();
        assertThat(followed.articleAt("a100")).contains(new FollowedArticles.Position(0, 1000, NOW.toEpochMilli()));
        assertThat(followed.articleAt("a60"))
                .as("kept, though not summarized")
                .contains(new FollowedArticles.Position(0, 60, NOW.toEpochMilli()));
        assertThat(followed.article(enriched("a60", "Title 60"), NOW.toEpochMilli())
                        .map(article -> article.path("title"))
                        .map(JsonNode::asText))
                .contains("Title 60");
    }

    private static ConsumerRecord<byte[], byte[]> enrichedAt(final long offset, final String id, final byte[] value) {
        return new ConsumerRecord<>(
                "news.articles.enriched",
                0,
                offset,
                NOW.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                value.length,
                id.getBytes(StandardCharsets.UTF_8),
                value,
                new RecordHeaders(),
                Optional.empty());
    }

    @Test
    void thePairsFingerprintOverBytesWhereTheyLieIsTheFingerprintOfThePair() {
        for (final String[] pair : new String[][] {{"AM", "a1"}, {"CI", "côte-d’ivoire-2026"}, {"", ""}}) {
            // As a decoder holds them: in reused buffers longer than the strings.
            final byte[] code = padded(pair[0].getBytes(StandardCharsets.UTF_8));
            final byte[] id = padded(pair[1].getBytes(StandardCharsets.UTF_8));
            assertThat(CountedPairs.fingerprint(code, code.length - 3, id, id.length - 3))
                    .as("%s and %s", pair[0], pair[1])
                    .isEqualTo(CountedPairs.fingerprint(pair[0], pair[1]));
        }
    }

    @Test
    void pairsThatDifferHaveDifferentFingerprints() {
        assertThat(CountedPairs.fingerprint("AM", "a1")).isNotEqualTo(CountedPairs.fingerprint("AM", "a2"));
        assertThat(CountedPairs.fingerprint("AM", "a1")).isNotEqualTo(CountedPairs.fingerprint("FR", "a1"));
        assertThat(CountedPairs.fingerprint("AM", "a1"))
                .as("the same bytes split elsewhere")
                .isNotEqualTo(CountedPairs.fingerprint("AMa", "1"));
        assertThat(CountedPairs.fingerprint("AM", "article-00000001"))
                .as("differing only after the first eight bytes of the id")
                .isNotEqualTo(CountedPairs.fingerprint("AM", "article-00000002"));
        assertThat(CountedPairs.fingerprint("AM", "a"))
                .as("a trailing NUL is not the end of the id")
                .isNotEqualTo(CountedPairs.fingerprint("AM", "a\0"));
        final Set<Long> fingerprints = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            fingerprints.add(CountedPairs.fingerprint(i % 2 == 0 ? "AM" : "FR", "u-" + i));
        }
        assertThat(fingerprints).as("200,000 distinct pairs").hasSize(200_000);
    }

    @Test
    void thePairsOfOneArticleArePlacedTogetherAndStillDiffer() {
        final long placeBits = (1L << CountedPairs.ARTICLE_BITS) - 1;
        final Set<Long> fingerprints = new HashSet<>();
        for (char first = 'A'; first <= 'Z'; first++) {
            for (char second = 'A'; second <= 'Z'; second++) {
                final long pair = CountedPairs.fingerprint("" + first + second, "article-1");
                assertThat(pair & placeBits)
                        .as("the place of %c%c's pair: the article's alone", first, second)
                        .isEqualTo(CountedPairs.fingerprint("AM", "article-1") & placeBits);
                fingerprints.add(pair);
            }
        }
        assertThat(fingerprints).as("every two-letter code with one article").hasSize(26 * 26);
        assertThat(CountedPairs.fingerprint("AM", "article-1") & placeBits)
                .as("another article, another place")
                .isNotEqualTo(CountedPairs.fingerprint("AM", "article-2") & placeBits);
    }

    @Test
    void aSingleObjectRecordCutShortIsSkippedNotCounted() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 10);
        final byte[] whole = country("AM", "Armenia", "a1");
        // Cut inside the country's name: the header is whole, the second string's bytes are not.
        final byte[] cut = Arrays.copyOf(whole, 10 + 1 + 2 + 1 + 3);

        assertThat(followed.byCountry("news.articles.by-country", cut, NOW.toEpochMilli()))
                .isFalse();
        assertThat(followed.counts(ArticleFeed.Window.ALL, NOW)).isEmpty();
        assertThat(followed.byCountry("news.articles.by-country", whole, NOW.toEpochMilli()))
                .isTrue();
    }

    @Test
    void theCountedFieldsAreReadWhereTheConsumerHoldsTheRecord() {
        final CountedFieldsDecoder decoder = new CountedFieldsDecoder(ValueFormat.singleObject());
        final byte[] armenia = country("AM", "Armenia", "a1");
        final byte[] france = country("FR", "France", "a1");
        // As a consumer hands it over: a slice of a larger buffer, not starting at its array's first byte.
        final ByteBuffer held = ByteBuffer.allocate(armenia.length + france.length + 10);
        held.position(5);
        held.put(armenia).put(france);
        final ByteBuffer first =
                held.duplicate().position(5).limit(5 + armenia.length).slice();
        final ByteBuffer second =
                held.duplicate().position(5 + armenia.length).limit(5 + armenia.length + france.length);

        final CountedFieldsDecoder.CountedFields am = decoder.read("news.articles.by-country", first);
        final CountedFieldsDecoder.CountedFields fr = decoder.read("news.articles.by-country", second);
        final CountedFieldsDecoder.CountedFields amAgain = decoder.read("news.articles.by-country", first);

        assertThat(am)
                .isEqualTo(
                        new CountedFieldsDecoder.CountedFields("AM", "Armenia", CountedPairs.fingerprint("AM", "a1")));
        assertThat(fr)
                .isEqualTo(
                        new CountedFieldsDecoder.CountedFields("FR", "France", CountedPairs.fingerprint("FR", "a1")));
        assertThat(amAgain).isEqualTo(am);
        assertThat(first.position())
                .as("the consumer's buffer is left as it was")
                .isZero();
    }

    @Test
    void aCountrysRecordReadAgainShowsAsJsonWithItsRecordTime() {
        final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject(), 10);

        final ObjectNode article = followed.countryArticle(
                        "news.articles.by-country", country("AM", "Armenia", "a1"), NOW.toEpochMilli())
                .orElseThrow();

        assertThat(article.path("article_id").asText()).isEqualTo("a1");
        assertThat(article.path("title").asText()).isEqualTo("About Armenia");
        assertThat(article.path("record_time").asText()).isEqualTo(NOW.toString());
        assertThat(followed.countryArticle("news.articles.by-country", new byte[] {1, 2, 3}, 0))
                .isEmpty();
    }

    private static byte[] padded(final byte[] bytes) {
        final byte[] padded = Arrays.copyOf(bytes, bytes.length + 3);
        Arrays.fill(padded, bytes.length, padded.length, (byte) 'x');
        return padded;
    }

    /** By-country records as the publisher sends them or the reader reads them. */
    private static final class Topic {
        private final FollowedArticles followed;

        Topic(final FollowedArticles followed) {
            this.followed = followed;
        }

        boolean write(final String code, final String name, final String articleId, final long time) {
            return followed.byCountry("news.articles.by-country", country(code, name, articleId), time);
        }
    }

    private static byte[] country(final String code, final String name, final String articleId) {
        return CountryViews.encoded(code, name, articleId);
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
