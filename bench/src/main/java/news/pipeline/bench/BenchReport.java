package news.pipeline.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;

/** Turns the benchmark's results into the rows of its table, with the acceptance targets' verdicts. */
public final class BenchReport {
    private BenchReport() {}

    /** Runs the stage benchmarks and adds their rows; returns the HTML cleaner's figures, which the targets use. */
    public static StageBenchmarks.CleanerResult stageRows(
            final BenchTable table,
            final StageBenchmarks stages,
            final List<TextArticles.Text> textPool,
            final List<BenchCorpus.Page> pageList) {
        final StageBenchmarks.CleanerResult cleaner = stages.cleaner(pageList);
        final String cleanerDetail = String.format(
                Locale.ROOT,
                "%d pages (%d rejected), %d cleanings, CPU time of one thread",
                cleaner.pages(),
                cleaner.rejected(),
                cleaner.samples());
        table.add("stages", "cleaner CPU per page, median", cleaner.medianMs(), "ms", cleanerDetail);
        table.add("stages", "cleaner CPU per page, p99", cleaner.p99Ms(), "ms", "");
        table.add("stages", "cleaner CPU per page, mean", cleaner.meanMs(), "ms", "");
        table.add(
                "stages",
                "cleaner pages/s, one thread",
                cleaner.pagesPerSecond(),
                "pages/s",
                String.format(Locale.ROOT, "wall clock; %.0f per CPU second", 1000 / cleaner.meanMs()));

        final StageBenchmarks.CleanerResult textCleaner = stages.textCleaner(textPool);
        table.add(
                "stages",
                "cleaner CPU per text article, median",
                textCleaner.medianMs(),
                "ms",
                String.format(
                        Locale.ROOT, "%d generated texts, %d cleanings", textCleaner.pages(), textCleaner.samples()));
        table.add("stages", "cleaner CPU per text article, p99", textCleaner.p99Ms(), "ms", "");
        table.add(
                "stages",
                "cleaner text articles/s, one thread",
                textCleaner.pagesPerSecond(),
                "articles/s",
                "wall clock");

        final StageBenchmarks.TaggerResult tagger = stages.tagger(textPool);
        table.add(
                "stages",
                "tagger articles/s, one thread",
                tagger.articlesPerCpuSecond(),
                "articles/s",
                String.format(
                        Locale.ROOT,
                        "per CPU second; %d texts, mean %.1f KB, %,d taggings; %.0f/s wall clock",
                        tagger.texts(),
                        tagger.meanKb(),
                        tagger.articles(),
                        tagger.articlesPerWallSecond()));
        table.add("stages", "tagger CPU per article, median", tagger.medianMicros(), "µs", "");
        table.add("stages", "tagger CPU per article, p99", tagger.p99Micros(), "µs", "");

        final List<RawArticle> raws = new ArrayList<>();
        for (int i = 0; i < Math.min(200, textPool.size()); i++) {
            raws.add(RawArticle.newBuilder()
                    .setUrl("https://bench.example/text/" + i)
                    .setSource("bench")
                    .setFormat(ArticleFormat.TEXT)
                    .setContentType("text/plain; charset=utf-8")
                    .setContent(ByteBuffer.wrap(textPool.get(i).body().getBytes(StandardCharsets.UTF_8)))
                    .setTitle(textPool.get(i).title())
                    .build());
        }
        for (final StageBenchmarks.AvroResult avro : stages.avro(raws)) {
            table.add(
                    "stages",
                    "Avro encode " + avro.type() + ", median",
                    avro.encodeMedianNs(),
                    "ns",
                    String.format(Locale.ROOT, "%d records, mean %.0f bytes", avro.records(), avro.meanBytes()));
            table.add("stages", "Avro encode " + avro.type() + ", p99", avro.encodeP99Ns(), "ns", "");
            table.add("stages", "Avro decode " + avro.type() + ", median", avro.decodeMedianNs(), "ns", "");
            table.add("stages", "Avro decode " + avro.type() + ", p99", avro.decodeP99Ns(), "ns", "");
        }
        table.context("stage checksum", stages.sink());
        return cleaner;
    }

    /**
     * The peers' table: our cleaner's and each peer's pages per CPU second on one thread, and our
     * whole pipeline's pages per CPU second (processors and broker, so per core) over each peer's.
     *
     * @param pipelinePagesPerCpuSecond NaN when the HTML workload did not run end to end
     */
    public static void peerRows(
            final BenchTable table,
            final List<Peers.Result> peers,
            final StageBenchmarks.CleanerResult cleaner,
            final double pipelinePagesPerCpuSecond) {
        final double ours = 1000 / cleaner.meanMs();
        table.add(
                "peers",
                "our cleaner pages per CPU second",
                ours,
                "pages/s",
                String.format(Locale.ROOT, "one thread, %d pages, mean %.2f ms", cleaner.pages(), cleaner.meanMs()));
        table.add(
                "peers",
                "our pipeline pages per CPU second",
                pipelinePagesPerCpuSecond,
                "pages/s",
                Double.isNaN(pipelinePagesPerCpuSecond)
                        ? "needs the HTML workload end to end (--workloads html, no --skip-e2e)"
                        : "cleaning, tagging, Kafka, exactly-once: processors' and broker's CPU per page");
        for (final Peers.Result peer : peers) {
            if (!peer.measured()) {
                table.add("peers", peer.name(), Double.NaN, "pages/s", "skipped: " + peer.note());
                continue;
            }
            table.add(
                    "peers",
                    peer.name() + " pages per CPU second",
                    peer.pagesPerCpuSecond(),
                    "pages/s",
                    peer.note() + String.format(Locale.ROOT, "; %.0f characters kept a page", peer.keptChars()));
            table.add(
                    "peers",
                    "our pipeline / " + peer.name(),
                    pipelinePagesPerCpuSecond / peer.pagesPerCpuSecond(),
                    "",
                    String.format(Locale.ROOT, "per core; our cleaner alone: %.2f", ours / peer.pagesPerCpuSecond()));
        }
    }

    /** The stages' CPU per article on a workload's pool, as the processors run them. */
    public static void stepsRows(final BenchTable table, final StageBenchmarks.StepsResult steps) {
        table.add(
                "stages",
                "pipeline steps CPU per " + steps.workload() + " article",
                steps.cpuMsPerArticle(),
                "ms",
                String.format(
                        Locale.ROOT,
                        "raw reader, clean, enrich and fan-out steps, every Avro decode and encode; %,d articles"
                                + " (pool of %d), one thread",
                        steps.articles(),
                        steps.pool()));
    }

    /** Efficiency: the model's CPU per article (ceiling plus stages) over the pipeline's. */
    public static void efficiencyRows(final BenchTable table, final Efficiency efficiency, final String workload) {
        final String section = "e2e " + workload;
        table.add(
                section,
                "efficiency",
                efficiency.value(),
                "",
                String.format(
                        Locale.ROOT,
                        "(ceiling %.4f + stages %.4f ms) / pipeline %.4f ms CPU per article, processors and broker;"
                                + " target >= 0.9: %s",
                        efficiency.ceilingMs(),
                        efficiency.stagesMs(),
                        efficiency.pipelineMs(),
                        efficiency.value() >= 0.9 ? "met" : "not met"));
        table.add(
                section,
                "unexplained CPU per article",
                efficiency.unexplainedMs(),
                "ms",
                "pipeline minus (ceiling + stages)");
        table.add(
                section,
                "pipeline JIT compiler CPU per article",
                efficiency.pipelineCompileMs(),
                "ms",
                "the processors' C1 and C2 compiler threads' CPU during the measured articles (part of the"
                        + " pipeline's; the stages are timed warm);"
                        + " efficiency without it: "
                        + String.format(Locale.ROOT, "%.3f", efficiency.valueWithoutCompilation()));
    }

    /** The rows of one end-to-end workload: the pipeline's and the ceiling's phases, and their ratio. */
    public static void endToEndRows(final BenchTable table, final EndToEndBenchmark.Result result) {
        final Workload w = result.workload();
        final String section = "e2e " + w.name();
        final Workload.Expected expected = w.expected(0, w.articles());
        table.add(
                section,
                "articles",
                w.articles(),
                "articles",
                String.format(
                        Locale.ROOT,
                        "%s, after %,d warm-up articles; %.0f MiB raw in all; expect %,d by-country records, %,d dead letters,"
                                + " %,d articles with no country (measured ones); loaded in %.1f s",
                        w.description(),
                        result.warmupArticles(),
                        result.rawMiB(),
                        expected.byCountryRecords(),
                        expected.deadLetters(),
                        w.articles() - expected.visibleArticles(),
                        result.preloadSeconds()));
        phaseRows(table, section, "pipeline", result.pipeline());
        table.add(
                section,
                "cold start / warm",
                result.pipeline().coldArticlesPerSecond() / result.pipeline().articlesPerSecond(),
                "",
                String.format(
                        Locale.ROOT,
                        "pipeline articles/s over the fresh JVM's first %.0f s after RUNNING, over the measured"
                                + " articles' (target >= 0.8)%s",
                        result.pipeline().coldSeconds(),
                        result.pipeline().coldSeconds() < EndToEndBenchmark.COLD_START.toSeconds()
                                ? "; SHORT: every article was through before "
                                        + EndToEndBenchmark.COLD_START.toSeconds()
                                        + " s, give more --articles or --e2e-warmup"
                                : ""));
        if (result.ceiling() != null && !Double.isNaN(result.ceilingPace())) {
            // Paced, the ceiling's rate is the pipeline's by construction: only its CPU rows mean something.
            phaseRows(table, section, "ceiling at the pipeline's rate", result.ceiling());
            table.add(
                    section,
                    "ceiling pace",
                    result.ceilingPace(),
                    "articles/s",
                    "the ceiling held to the pipeline's measured rate (--pace-ceiling)");
        } else if (result.ceiling() != null) {
            phaseRows(table, section, "ceiling", result.ceiling());
            table.add(
                    section,
                    "pipeline/ceiling ratio",
                    result.pipeline().articlesPerSecond() / result.ceiling().articlesPerSecond(),
                    "",
                    "articles/s over articles/s");
            table.add(
                    section,
                    "pipeline/ceiling ratio, cold start",
                    result.pipeline().coldArticlesPerSecond() / result.ceiling().coldArticlesPerSecond(),
                    "",
                    "over each fresh JVM's first seconds after RUNNING");
        }
    }

    private static void phaseRows(
            final BenchTable table, final String section, final String name, final EndToEndBenchmark.Phase phase) {
        table.add(
                section,
                name + " articles/s",
                phase.articlesPerSecond(),
                "articles/s",
                String.format(
                        Locale.ROOT,
                        "10%%-90%% of the measured articles' output, after the warm-up's; all %,d records in %.1f s after"
                                + " RUNNING; %s%s",
                        phase.expectedRecords(),
                        phase.secondsToComplete(),
                        phase.complete() && phase.records() == phase.expectedRecords()
                                ? "exact count"
                                : "INCOMPLETE: " + phase.records() + " records",
                        phase.strayRecords() > 0 ? ", " + phase.strayRecords() + " stray records" : ""));
        table.add(
                section,
                name + " articles/s, cold start",
                phase.coldArticlesPerSecond(),
                "articles/s",
                String.format(
                        Locale.ROOT,
                        "the articles out in the fresh JVM's first %.0f s after RUNNING, the raw topic full; per 5 s: %s",
                        phase.coldSeconds(),
                        phase.coldCurve().stream()
                                .map(rate -> String.format(Locale.ROOT, "%,.0f", rate))
                                .collect(Collectors.joining(" "))));
        if (!Double.isNaN(phase.cpuSecondsCold())) {
            final double coldArticles = phase.coldArticlesPerSecond() * phase.coldSeconds();
            table.add(
                    section,
                    name + " JIT compiler share, cold start",
                    phase.compilerCpuSecondsCold() / phase.cpuSecondsCold(),
                    "",
                    String.format(
                            Locale.ROOT,
                            "of the processors' %.1f CPU s in the first %.0f s after RUNNING, the JIT compiler's"
                                    + " threads took %.1f; CPU per article then %.3f ms (warm: %.3f ms)",
                            phase.cpuSecondsCold(),
                            phase.coldSeconds(),
                            phase.compilerCpuSecondsCold(),
                            coldArticles > 0 ? 1000 * phase.cpuSecondsCold() / coldArticles : Double.NaN,
                            1000 * phase.processCpuSeconds() / phase.articles()));
        }
        table.add(
                section,
                name + " CPU per article",
                1000 * phase.processCpuSeconds() / phase.articles(),
                "ms",
                String.format(
                        Locale.ROOT,
                        "processors' JVM, from the end of the warm-up to the last record (%.1f s)",
                        phase.processCpuSeconds()));
        table.add(
                section,
                name + " broker-side CPU per article",
                1000 * phase.benchCpuSeconds() / phase.articles(),
                "ms",
                String.format(
                        Locale.ROOT,
                        "the broker and the reader's JVM over the same time (%.1f s)",
                        phase.benchCpuSeconds()));
        table.add(
                section,
                name + " broker-side JIT compiler CPU per article",
                1000 * phase.brokerCompilerCpuSeconds() / phase.articles(),
                "ms",
                "part of the broker-side CPU, left out of the efficiency: one broker serves the pipeline's run,"
                        + " then the ceiling's, so the first run pays for compiling the broker's code");
        final BrokerCounts.KafkaWork work = BrokerCounts.KafkaWork.of(phase.brokerCounts());
        final double articles = phase.articles();
        table.add(
                section,
                name + " Kafka work per article",
                work.bytesIn() / 1024 / articles,
                "KiB",
                String.format(
                        Locale.ROOT,
                        "written to the broker, internal topics included; %.2f records, %.3f produce and %.3f fetch"
                                + " requests, %.3f transactions per article (the broker's counters)",
                        work.recordsIn() / articles,
                        work.produceRequests() / articles,
                        work.fetchRequests() / articles,
                        work.transactions() / articles));
        if (phase.latencyArticles() > 0) {
            final String detail = String.format(
                    Locale.ROOT,
                    "%,d articles offered at %.0f/s; %,d of the %,d expected came through",
                    phase.latencyArticles(),
                    phase.offeredPerSecond(),
                    phase.latencyVisible(),
                    phase.latencyExpected());
            table.add(section, name + " latency p50", phase.latencyP50Ms(), "ms", detail);
            table.add(
                    section,
                    name + " latency p99",
                    phase.latencyP99Ms(),
                    "ms",
                    "append time to visible, read_committed");
            table.add(section, name + " latency max", phase.latencyMaxMs(), "ms", "");
        }
        table.add(
                section,
                name + " peak heap after GC",
                phase.peakHeapAfterGcMiB(),
                "MiB",
                "most heap in use right after a collection: what the processors hold");
        table.add(
                section,
                name + " peak heap used",
                phase.peakHeapMiB(),
                "MiB",
                "sum of the heap pools' peaks, garbage included (an upper bound)");
        table.add(section, name + " peak RSS", phase.peakRssMiB(), "MiB", "VmHWM of the processors' JVM");
        table.add(
                section,
                name + " GC time",
                phase.gcSeconds(),
                "s",
                "all collections of the processors' JVM, whole run");
    }

    /** The hottest methods of the pipeline's JFR recording, when the run was profiled. */
    public static void profileRows(
            final BenchTable table, final EndToEndBenchmark e2e, final EndToEndBenchmark.Result result)
            throws IOException {
        final Path recording = e2e.profileRecording(result.workload(), "pipeline");
        if (!Files.exists(recording)) {
            return;
        }
        final ProfileSummary.Summary summary = ProfileSummary.read(recording, 8);
        final String section = "profile " + result.workload().name();
        summary.selfTop()
                .forEach((method, n) -> table.add(section, "self: " + method, 100.0 * n / summary.samples(), "%", ""));
        summary.nearestOwnCodeTop()
                .forEach((method, n) -> table.add(
                        section,
                        "in: " + method,
                        100.0 * n / summary.samples(),
                        "%",
                        "nearest project/jsoup/Avro frame"));
        table.context("profile " + result.workload().name(), summary.samples() + " CPU samples in " + recording);
    }

    /** Each acceptance target with its measured figure and whether it is met. */
    public static void targets(
            final BenchTable table,
            final EndToEndBenchmark.Result text,
            final EndToEndBenchmark.Result html,
            final StageBenchmarks.CleanerResult cleaner) {
        // Paced, the ceiling runs at the pipeline's rate by construction: the ratio would say nothing.
        if (text != null && text.ceiling() != null && Double.isNaN(text.ceilingPace())) {
            final double ratio =
                    text.pipeline().articlesPerSecond() / text.ceiling().articlesPerSecond();
            table.add("targets", "text pipeline/ceiling >= 0.7", ratio, "", verdict(ratio >= 0.7));
        }
        if (html != null && cleaner != null) {
            final double twoCores = 2 * 1000 / cleaner.meanMs();
            final double share = html.pipeline().articlesPerSecond() / twoCores;
            table.add(
                    "targets",
                    "HTML articles/s >= 70% of 2 cores cleaning",
                    share * 100,
                    "%",
                    verdict(share >= 0.7)
                            + String.format(
                                    Locale.ROOT,
                                    ": %.0f articles/s vs %.0f pages/s (2 x 1000 / %.2f mean CPU ms)",
                                    html.pipeline().articlesPerSecond(),
                                    twoCores,
                                    cleaner.meanMs()));
        }
        for (final EndToEndBenchmark.Result result : new EndToEndBenchmark.Result[] {text, html}) {
            if (result == null) {
                continue;
            }
            final EndToEndBenchmark.Phase p = result.pipeline();
            if (p.latencyArticles() > 0) {
                table.add(
                        "targets",
                        result.workload().name() + " p99 latency <= 1 s",
                        p.latencyP99Ms(),
                        "ms",
                        verdict(p.latencyP99Ms() <= 1000)
                                + String.format(Locale.ROOT, " at %.0f articles/s offered", p.offeredPerSecond()));
            }
            table.add(
                    "targets",
                    result.workload().name() + " heap of the 3 processors <= 1 GiB",
                    p.peakHeapAfterGcMiB(),
                    "MiB",
                    verdict(p.peakHeapAfterGcMiB() <= 1024)
                            + String.format(
                                    Locale.ROOT,
                                    ": peak after GC, in a JVM capped at %.0f MiB (peak used incl. garbage %.0f MiB)",
                                    p.maxHeapMiB(),
                                    p.peakHeapMiB()));
        }
    }

    private static String verdict(final boolean met) {
        return met ? "MET" : "NOT MET";
    }

    /** The system's load average (1, 5, 15 minutes): a busy machine explains slow figures. */
    public static String loadAverage() {
        try {
            final String[] parts =
                    Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
