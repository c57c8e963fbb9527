package news.pipeline.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import news.pipeline.deadletter.OutputLimit;
import news.pipeline.deadletter.RejectedRecordException;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.testing.Articles;
import org.junit.jupiter.api.Test;

/** The fan-out stage on its own, as a replay calls it: no Kafka. */
class FanOutStepTest {
    private final PipelineMetrics metrics = PipelineMetrics.inMemory();

    @Test
    void oneViewPerCountryKeyedByItsCode() {
        final FanOutStep step = new FanOutStep(metrics, new OutputLimit(1024 * 1024, "news.articles.by-country"));

        final List<CountryArticle> views = step.apply("article-1", Articles.enriched("article-1"));

        assertThat(views).extracting(FanOutStep::keyOf).containsExactly("AM", "FR");
        assertThat(metrics.count("news.pipeline.records.out", "processor", "publisher"))
                .isEqualTo(2.0);
    }

    @Test
    void rejectsAViewOverTheOutputLimit() {
        final FanOutStep step = new FanOutStep(metrics, new OutputLimit(100_000, "news.articles.by-country"));
        final EnrichedArticle article = Articles.enriched("article-2");
        article.setTitle("A title far too long. ".repeat(3_000));

        assertThatThrownBy(() -> step.apply("article-2", article))
                .isInstanceOfSatisfying(RejectedRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeadLetterReason.OVERSIZED);
                    assertThat(e.getMessage()).contains("news.articles.by-country");
                });
    }
}
