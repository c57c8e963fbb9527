package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import news.pipeline.streams.PipelineConfig;
import org.junit.jupiter.api.Test;

/** The benchmark's cleaner is the cleaner application's, with the same settings. */
class StageBenchmarksTest {
    /** About 3 KB of prose: above the smallest allowed limit, far below the default one. */
    private static final TextArticles.Text TEXT = new TextArticles.Text(
            "Talks resume in Geneva",
            "Negotiators from France and Germany met again in Geneva on Tuesday to discuss trade. ".repeat(36));

    private static final Map<String, String> SMALL_LIMIT = Map.of(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, "1024");

    @Test
    void theStageCleanerTakesTheMaximumContentSizeFromTheSettings() {
        assertThat(TEXT.bodyBytes()).isGreaterThan(2048);
        assertThat(stages(Map.of()).textCleaner(List.of(TEXT)).rejected()).isZero();
        assertThat(stages(SMALL_LIMIT).textCleaner(List.of(TEXT)).rejected()).isEqualTo(1);
    }

    @Test
    void theWorkloadExpectsADeadLetterWhereTheProcessorsWillRefuseTheContent() {
        assertThat(BenchCorpus.textWorkload(List.of(TEXT), 1, Map.of()).fanOut(0))
                .isNotEqualTo(Workload.DEAD_LETTER);
        assertThat(BenchCorpus.textWorkload(List.of(TEXT), 1, SMALL_LIMIT).fanOut(0))
                .isEqualTo(Workload.DEAD_LETTER);
    }

    private static StageBenchmarks stages(final Map<String, String> settings) {
        return new StageBenchmarks(0, 0.01, Progress.none(), settings);
    }
}
