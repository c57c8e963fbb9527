package news.pipeline.cleaner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import news.pipeline.deadletter.OutputLimit;
import news.pipeline.deadletter.RejectedRecordException;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.LanguageSource;
import news.pipeline.schema.RawArticle;
import news.pipeline.streams.ProcessorApp;
import org.junit.jupiter.api.Test;

/** The cleaning stage on its own, as a replay calls it: no Kafka. */
class CleanStepTest {
    private static final String STORY = "Ministers from Chile and Peru met in Lima on Tuesday to sign a trade deal.\n\n"
            + "The agreement cuts tariffs on copper and fruit, officials said after the meeting.";

    private final PipelineMetrics metrics = PipelineMetrics.inMemory();

    @Test
    void cleansARecordAndCountsItInAndOut() {
        final CleanStep step = step(1024 * 1024);

        assertThat(step.apply("a-1", raw(STORY)).getId()).isEqualTo("a-1");
        assertThat(metrics.count("news.pipeline.records.in", "processor", "cleaner"))
                .isEqualTo(1.0);
        assertThat(metrics.count("news.pipeline.records.out", "processor", "cleaner"))
                .isEqualTo(1.0);
    }

    @Test
    void rejectsARecordWithoutKeyOrValueWithItsReason() {
        final CleanStep step = step(1024 * 1024);

        assertThatThrownBy(() -> step.apply(null, raw(STORY)))
                .isInstanceOfSatisfying(
                        RejectedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MISSING_KEY));
        assertThatThrownBy(() -> step.apply("a-2", null))
                .isInstanceOfSatisfying(
                        RejectedRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.MALFORMED_RECORD));
    }

    @Test
    void rejectsACleanRecordOverTheOutputLimit() {
        // 64 KiB of framing is kept out of the limit: 200 KB leaves about 134 KB for the record.
        final CleanStep step = step(200_000);

        assertThatThrownBy(() -> step.apply("big", raw("Chile and Peru. ".repeat(10_000))))
                .isInstanceOfSatisfying(RejectedRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeadLetterReason.OVERSIZED);
                    assertThat(e.getMessage()).contains("news.articles.clean");
                });
        assertThat(metrics.count("news.pipeline.records.out", "processor", "cleaner"))
                .isZero();
    }

    @Test
    void detectsTheLanguageOfATextThatDeclaresNoneAndSaysSo() {
        final CleanStep step = step(1024 * 1024);

        final CleanArticle undeclared = step.apply("a-3", raw(STORY));
        final CleanArticle declared = step.apply(
                "a-4", RawArticle.newBuilder(raw(STORY)).setLanguage("en-GB").build());
        final CleanArticle tooShort = step.apply("a-5", raw("Chile 2, Peru 1."));

        assertThat(undeclared.getLanguage()).isEqualTo("en");
        assertThat(undeclared.getLanguageSource()).isEqualTo(LanguageSource.DETECTED);
        assertThat(declared.getLanguage()).isEqualTo("en-GB");
        assertThat(declared.getLanguageSource()).isEqualTo(LanguageSource.DECLARED);
        assertThat(tooShort.getLanguage()).isNull();
        assertThat(tooShort.getLanguageSource()).isNull();
    }

    private CleanStep step(final int maxRequestBytes) {
        return new CleanStep(
                ProcessorApp.cleanArticleMapper(Map.of()),
                metrics,
                new OutputLimit(maxRequestBytes, "news.articles.clean"));
    }

    private static RawArticle raw(final String text) {
        return RawArticle.newBuilder()
                .setFormat(ArticleFormat.TEXT)
                .setContentType("text/plain; charset=utf-8")
                .setContent(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
