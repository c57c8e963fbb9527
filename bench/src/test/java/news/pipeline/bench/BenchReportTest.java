package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import news.pipeline.bench.BenchTable.Row;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final String RATIO_TARGET = "text pipeline/ceiling >= 0.7";

    @Test
    void thePipelineOverCeilingTargetIsJudgedOnlyAgainstAFreeRunningCeiling() {
        final EndToEndBenchmark.Phase pipeline = EfficiencyTest.phase(2000, 3.0, 1.0);
        final EndToEndBenchmark.Phase ceiling = EfficiencyTest.phase(2000, 0.5, 0.3);
        final Workload text = new Workload("text", "texts", List.of(new byte[] {1}), new int[] {1}, 2000);

        final BenchTable free = new BenchTable();
        BenchReport.targets(
                free, new EndToEndBenchmark.Result(text, 2000, 1, 1, pipeline, ceiling, Double.NaN), null, null);
        assertThat(free.rows()).extracting(Row::measure).contains(RATIO_TARGET);

        // Held to the pipeline's rate, the ceiling's articles/s is the pipeline's: no verdict from it.
        final BenchTable paced = new BenchTable();
        BenchReport.targets(paced, new EndToEndBenchmark.Result(text, 2000, 1, 1, pipeline, ceiling, 4280), null, null);
        assertThat(paced.rows()).extracting(Row::measure).doesNotContain(RATIO_TARGET);
    }
}
