package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EfficiencyTest {
    @Test
    void isTheCeilingPlusTheStagesOverThePipeline() {
        // The text figures: identity 0.034 + 0.0085, stages 0.126, pipeline 0.178 + 0.06 ms.
        final Efficiency efficiency = new Efficiency(0.0425, 0.126, 0.238);
        assertThat(efficiency.modelMs()).isCloseTo(0.1685, within(1e-9));
        assertThat(efficiency.value()).isCloseTo(0.1685 / 0.238, within(1e-9));
        assertThat(efficiency.unexplainedMs()).isCloseTo(0.0695, within(1e-9));
    }

    @Test
    void countsTheProcessorsAndTheBrokerPerMeasuredArticle() {
        final EndToEndBenchmark.Phase pipeline = phase(2000, 3.0, 1.0);
        final EndToEndBenchmark.Phase ceiling = phase(2000, 0.5, 0.3);
        final EndToEndBenchmark.Result result =
                new EndToEndBenchmark.Result(null, 2000, 1, 1, pipeline, ceiling, Double.NaN);
        final Efficiency efficiency =
                Efficiency.of(result, new StageBenchmarks.StepsResult("text", 10, 1000, 1.2, 1.3));
        assertThat(efficiency.pipelineMs()).isCloseTo(2.0, within(1e-9));
        assertThat(efficiency.ceilingMs()).isCloseTo(0.4, within(1e-9));
        assertThat(efficiency.value()).isCloseTo(0.8, within(1e-9));
        assertThat(efficiency.pipelineCompileMs()).isCloseTo(0.2, within(1e-9));
        assertThat(efficiency.valueWithoutCompilation()).isCloseTo(1.6 / 1.8, within(1e-9));
    }

    @Test
    void leavesOutTheBrokersJitCompilationInBothRuns() {
        // 0.4 s of the pipeline run's broker-side 1.0 s, and 0.1 of the ceiling's 0.3, were the broker JVM's compiling.
        final EndToEndBenchmark.Phase pipeline = phase(2000, 3.0, 1.0, 400_000_000L);
        final EndToEndBenchmark.Phase ceiling = phase(2000, 0.5, 0.3, 100_000_000L);
        assertThat(pipeline.brokerCompilerCpuSeconds()).isCloseTo(0.4, within(1e-9));
        final Efficiency efficiency = Efficiency.of(
                new EndToEndBenchmark.Result(null, 2000, 1, 1, pipeline, ceiling, Double.NaN),
                new StageBenchmarks.StepsResult("text", 10, 1000, 1.2, 1.3));
        assertThat(efficiency.pipelineMs()).isCloseTo(1.8, within(1e-9));
        assertThat(efficiency.ceilingMs()).isCloseTo(0.35, within(1e-9));
    }

    @Test
    void leavesOutTheJitCompilationWhenAskedTo() {
        final Efficiency efficiency = new Efficiency(0.2, 0.2, 1.0, 0.5);
        assertThat(efficiency.value()).isCloseTo(0.4, within(1e-9));
        assertThat(efficiency.valueWithoutCompilation()).isCloseTo(0.8, within(1e-9));
        assertThat(new Efficiency(0.2, 0.2, 1.0).valueWithoutCompilation()).isNaN();
    }

    @Test
    void isUnknownWhenThePipelineSpentNothing() {
        assertThat(new Efficiency(0.1, 0.1, 0).value()).isNaN();
    }

    static EndToEndBenchmark.Phase phase(final long articles, final double processCpu, final double benchCpu) {
        return phase(articles, processCpu, benchCpu, 0);
    }

    static EndToEndBenchmark.Phase phase(
            final long articles, final double processCpu, final double benchCpu, final long brokerCompilerNanos) {
        return new EndToEndBenchmark.Phase(
                "m",
                articles,
                0,
                0,
                0,
                true,
                1,
                0,
                1,
                30,
                List.of(),
                1,
                0,
                0,
                0,
                1,
                1,
                1,
                1,
                Map.of(
                        "compilerCpuNanosMeasured",
                        400_000_000L,
                        EndToEndBenchmark.BROKER_COUNTS,
                        Map.of(BrokerCounts.COMPILER, (double) brokerCompilerNanos)),
                processCpu,
                benchCpu,
                0);
    }
}
