package news.pipeline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.CountryTag;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a downstream read_committed consumer gets from the two output topics: how many times each
 * article is on {@code news.articles.enriched}, and how many times each (article, country) pair is
 * on {@code news.articles.by-country}. Exactly once means: every expected article once, nothing
 * else; and every country of every enriched article once on by-country, nothing else.
 */
public record Delivery(Map<String, Integer> enriched, Map<String, Integer> byCountry, Set<String> expectedPairs) {

    public static Delivery read(final PipelineSettings settings) {
        return read(FaultKit.readAll(settings, Topics.ENRICHED), FaultKit.readAll(settings, Topics.BY_COUNTRY));
    }

    /** What came out after the marks, for a test that shares the topics with the tests before it. */
    public static Delivery readSince(final PipelineSettings settings, final TopicMarks marks) {
        return read(
                FaultKit.readSince(settings, Topics.ENRICHED, marks),
                FaultKit.readSince(settings, Topics.BY_COUNTRY, marks));
    }

    private static Delivery read(
            final List<ConsumerRecord<byte[], byte[]>> enrichedRecords,
            final List<ConsumerRecord<byte[], byte[]>> byCountryRecords) {
        final Map<String, Integer> enriched = new HashMap<>();
        final Set<String> expectedPairs = new HashSet<>();
        for (final ConsumerRecord<byte[], byte[]> record : enrichedRecords) {
            final EnrichedArticle article = FaultKit.value(Topics.ENRICHED, record);
            enriched.merge(FaultKit.key(record), 1, Integer::sum);
            for (final CountryTag country : article.getCountries()) {
                expectedPairs.add(article.getId() + "|" + country.getCode());
            }
        }
        final Map<String, Integer> byCountry = new HashMap<>();
        for (final ConsumerRecord<byte[], byte[]> record : byCountryRecords) {
            final CountryArticle view = FaultKit.value(Topics.BY_COUNTRY, record);
            byCountry.merge(view.getArticleId() + "|" + view.getCode(), 1, Integer::sum);
        }
        return new Delivery(enriched, byCountry, expectedPairs);
    }

    public int enrichedRecords() {
        return enriched.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int byCountryRecords() {
        return byCountry.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Set<String> missing(final Set<String> expectedIds) {
        final Set<String> missing = new TreeSet<>(expectedIds);
        missing.removeAll(enriched.keySet());
        return missing;
    }

    public Set<String> duplicated() {
        final Set<String> duplicated = new TreeSet<>();
        enriched.forEach((id, count) -> {
            if (count > 1) {
                duplicated.add(id);
            }
        });
        return duplicated;
    }

    /** One line for the test's report. */
    public String summary(final String label, final Set<String> expectedIds) {
        final long pairDuplicates =
                byCountry.values().stream().filter(count -> count > 1).count();
        final Set<String> pairsMissing = new HashSet<>(expectedPairs);
        pairsMissing.removeAll(byCountry.keySet());
        return String.format(
                "[%s] in=%d enriched: records=%d distinct=%d missing=%d duplicated=%d | by-country: records=%d"
                        + " pairs expected=%d distinct=%d missing=%d duplicated=%d",
                label,
                expectedIds.size(),
                enrichedRecords(),
                enriched.size(),
                missing(expectedIds).size(),
                duplicated().size(),
                byCountryRecords(),
                expectedPairs.size(),
                byCountry.size(),
                pairsMissing.size(),
                pairDuplicates);
    }

    /** Every expected article exactly once on enriched, and each of its countries exactly once on by-country. */
    public void assertExactlyOnce(final Set<String> expectedIds) {
        assertThat(missing(expectedIds)).as("articles missing from enriched").isEmpty();
        assertThat(duplicated()).as("articles on enriched more than once").isEmpty();
        assertThat(enriched.keySet())
                .as("enriched holds only the articles sent")
                .isEqualTo(expectedIds);
        assertThat(expectedPairs).as("the test articles name countries").isNotEmpty();
        assertThat(byCountry.keySet())
                .as("by-country holds exactly the countries of each enriched article")
                .isEqualTo(expectedPairs);
        assertThat(byCountry.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .toList())
                .as("(article, country) pairs on by-country more than once")
                .isEmpty();
    }
}
