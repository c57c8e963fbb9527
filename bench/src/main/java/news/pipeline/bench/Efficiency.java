package news.pipeline.bench;

/**
 * How close the pipeline comes to its model limit: the ceiling's CPU per article (the same Kafka
 * work: processors and broker) plus the stages' CPU per article (the steps and every Avro decode
 * and encode), over the pipeline's measured CPU per article (processors and broker). 1 means the
 * pipeline spends nothing beyond the two; what it spends beyond them is {@link #unexplainedMs}.
 *
 * @param ceilingMs  the ceiling's CPU per article, processors and broker, ms
 * @param stagesMs   the stages' CPU per article on the same inputs, ms
 * @param pipelineMs the pipeline's CPU per article, processors and broker, ms
 * @param pipelineCompileMs the processors' JIT compiler threads' CPU per article in the same window, ms
 *                          (part of pipelineMs; NaN when unknown)
 */
public record Efficiency(double ceilingMs, double stagesMs, double pipelineMs, double pipelineCompileMs) {
    public Efficiency(final double ceilingMs, final double stagesMs, final double pipelineMs) {
        this(ceilingMs, stagesMs, pipelineMs, Double.NaN);
    }

    /** From an end-to-end result with a ceiling, and the stages measured on the same workload. */
    public static Efficiency of(final EndToEndBenchmark.Result result, final StageBenchmarks.StepsResult steps) {
        final EndToEndBenchmark.Phase pipeline = result.pipeline();
        return new Efficiency(
                cpuMs(result.ceiling()),
                steps.cpuMsPerArticle(),
                cpuMs(pipeline),
                1000 * pipeline.compilerCpuSecondsMeasured() / pipeline.articles());
    }

    /**
     * The same with the processors' JIT compilation left out: the stages are timed in a warm JVM,
     * and a fresh processors' JVM still compiles long after a short warm-up.
     */
    public double valueWithoutCompilation() {
        final double measured = pipelineMs - pipelineCompileMs;
        return measured > 0 ? modelMs() / measured : Double.NaN;
    }

    /**
     * Processors' and broker's CPU per measured article, ms, without the broker JVM's JIT compiling:
     * one broker serves the pipeline's run and then the ceiling's, so the pipeline's run would pay
     * for compiling the broker's code for both, which a broker that has run a while has done.
     */
    public static double cpuMs(final EndToEndBenchmark.Phase phase) {
        return 1000
                * (phase.processCpuSeconds() + phase.benchCpuSeconds() - phase.brokerCompilerCpuSeconds())
                / phase.articles();
    }

    public double modelMs() {
        return ceilingMs + stagesMs;
    }

    /** Model CPU over measured CPU; NaN when nothing was measured. */
    public double value() {
        return pipelineMs > 0 ? modelMs() / pipelineMs : Double.NaN;
    }

    /** CPU per article the model does not account for (negative when the pipeline spends less). */
    public double unexplainedMs() {
        return pipelineMs - modelMs();
    }
}
