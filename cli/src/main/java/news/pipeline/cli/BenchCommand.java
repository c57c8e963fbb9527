package news.pipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import news.pipeline.bench.BenchCorpus;
import news.pipeline.bench.BenchTable;
import news.pipeline.bench.EndToEndBenchmark;
import news.pipeline.bench.Progress;
import news.pipeline.bench.StageBenchmarks;
import news.pipeline.bench.TextArticles;
import news.pipeline.schema.RawArticle;
import news.pipeline.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import news.pipeline.bench.ProfileSummary;
import news.pipeline.bench.Workload;
import news.pipeline.runtime.ProjectHome;
import news.pipeline.schema.ArticleFormat;

/**
 * The benchmark: each stage alone, then the whole pipeline end to end on the embedded broker, and
 * Kafka Streams' own ceiling on the same machine in the same run. Prints a table; {@code --json}
 * writes the same table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks each stage, the whole pipeline, and Kafka Streams' own ceiling on this machine.",
                "Measures the stages (cleaner CPU ms/page, tagger articles/s, Avro ns/record), then the pipeline",
                "end to end on a fresh embedded broker (exactly-once, all three processors, in a JVM of their own):",
                "articles/s, latency p50/p99 at a fixed offered load, peak heap and RSS; and the ceiling, three identity",
                "Kafka Streams applications over topics of the same shape, with the same settings. Prints a table."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProgressOption progressOption;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the table as JSON.")
    Path json;

    @Option(names = "--pages", paramLabel = "DIR",
            description = "HTML pages (*.html, *.htm, *.html.gz) for the cleaner stage and the HTML workload."
                    + " Default: ../shared/bench/aeb-dev/html beside the project when present, else the samples.")
    Path pages;

    @Option(names = "--samples", paramLabel = "DIR", description = "The project's samples/ (texts and pages). Default: samples/.")
    Path samples;

    @Option(names = "--texts", paramLabel = "FILE",
            description = "More prose for the generated texts: JSON lines with title and text (or dateline and body)."
                    + " Default: ../shared/eval/reuters-dev/reuters-train.jsonl beside the project when present."
                    + " Use --texts none for the samples alone.")
    String texts;

    @Option(names = "--articles", paramLabel = "N", defaultValue = "100000",
            description = "Text articles (2-8 KB) of the end-to-end text workload. Default: ${DEFAULT-VALUE}.")
    int articles;

    @Option(names = "--pages-count", paramLabel = "N", defaultValue = "10000",
            description = "HTML pages of the end-to-end HTML workload (the pages cycled). Default: ${DEFAULT-VALUE}.")
    int pagesCount;

    @Option(names = "--e2e-warmup", paramLabel = "X", defaultValue = "1",
            description = "Warm-up articles sent through each fresh JVM end to end before the measured ones, as a"
                    + " multiple of the workload (0 for none); their rate is reported as the cold start's."
                    + " Default: ${DEFAULT-VALUE}.")
    double e2eWarmup;

    @Option(names = "--pool", paramLabel = "N", defaultValue = "1000",
            description = "Distinct generated texts; the text workload cycles through them. Default: ${DEFAULT-VALUE}.")
    int pool;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "500",
            description = "Offered load of the latency run, articles/s. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--html-rate", paramLabel = "N",
            description = "Offered load of the HTML workload's latency run, pages/s. Default: the --rate.")
    Integer htmlRate;

    @Option(names = "--latency-seconds", paramLabel = "S", defaultValue = "20",
            description = "How long the latency run offers articles; 0 skips it. Default: ${DEFAULT-VALUE}.")
    double latencySeconds;

    @Option(names = "--workloads", paramLabel = "NAME", split = ",", defaultValue = "text,html",
            description = "End-to-end workloads: text, html. Default: ${DEFAULT-VALUE}.")
    List<String> workloads;

    @Option(names = "--skip-stages", description = "Skip the single-thread stage measurements.")
    boolean skipStages;

    @Option(names = "--skip-e2e", description = "Skip the end-to-end runs (and the ceiling).")
    boolean skipE2e;

    @Option(names = "--skip-ceiling", description = "Skip the ceiling runs.")
    boolean skipCeiling;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + Topics.DEFAULT_PARTITIONS,
            description = "Partitions of every benchmark topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "A Kafka Streams or client setting for the processors and the ceiling alike"
                    + " (commit.interval.ms, num.stream.threads, producer.linger.ms...). Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--processor-heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "-Xmx of the processors' JVM. Default: ${DEFAULT-VALUE}.")
    String processorHeap;

    @Option(names = "--processor-jvm-option", paramLabel = "OPTION",
            description = "Another option for the processors' JVM. Repeatable.")
    List<String> processorJvmOptions = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "DIR",
            description = "Record each processors' JVM with Java Flight Recorder into DIR/<workload>-<pipeline|ceiling>.jfr"
                    + " and add the pipeline's top methods to the table.")
    Path profileDir;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "3",
            description = "Warm-up of each stage measurement. Default: ${DEFAULT-VALUE}.")
    double warmupSeconds;

    @Option(names = "--stage-seconds", paramLabel = "S", defaultValue = "5",
            description = "Measuring time of each stage. Default: ${DEFAULT-VALUE}.")
    double stageSeconds;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "900",
            description = "Longest an end-to-end throughput run may take. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the embedded brokers keep their data. Default: a temporary folder, deleted afterwards.")
    Path dataDir;

    @Option(names = "--keep-data", description = "Keep the data folder afterwards.")
    boolean keepData;

    @Override
    public Integer call() throws Exception {
        final PrintWriter err = spec.commandLine().getErr();
        final Progress progress = progressOption.progress(err);
        try (Progress.Ticking ticking = progressOption.start(progress)) {
            return run(progress, spec.commandLine().getOut(), err);
        }
    }

    private int run(final Progress progress, final PrintWriter out, final PrintWriter err) throws Exception {
        final Path home = ProjectHome.dir();
        final Path samplesDir = samples != null ? samples : home.resolve("samples");
        final Path pagesDir = pages != null ? pages : existing(home.resolve("../shared/bench/aeb-dev/html"), samplesDir);
        final Path textsFile = texts == null ? existing(home.resolve("../shared/eval/reuters-dev/reuters-train.jsonl"), null)
                : texts.equals("none") ? null : Path.of(texts);

        final BenchTable table = new BenchTable();
        table.context("started", Instant.now().toString());
        table.context("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version"));
        table.context("load average at start", loadAverage());

        progress.begin("reading the texts and pages");
        final TextArticles generator = BenchCorpus.textGenerator(samplesDir, textsFile, 2048, 8192);
        final List<TextArticles.Text> textPool = generator.generate(Math.max(1, pool), 7);
        final List<BenchCorpus.Page> pageList = BenchCorpus.pages(pagesDir);
        progress.end();
        table.context("texts", textPool.size() + " generated texts of 2-8 KB (mean "
                + String.format(Locale.ROOT, "%.1f", textPool.stream().mapToInt(TextArticles.Text::bodyBytes).average().orElse(0) / 1024)
                + " KB) from " + samplesDir + (textsFile == null ? "" : " and " + textsFile));
        table.context("pages", pageList.size() + " HTML pages from " + pagesDir);
        if (pageList.isEmpty()) {
            err.println("no HTML pages in " + pagesDir);
            return 2;
        }

        StageBenchmarks.CleanerResult cleanerResult = null;
        if (!skipStages) {
            cleanerResult = stages(table, textPool, pageList, progress);
        }

        if (!skipE2e) {
            final boolean deleteAfter = dataDir == null && !keepData;
            final Path root = dataDir != null ? dataDir : Files.createTempDirectory("news-bench-");
            final List<String> jvm = new ArrayList<>();
            jvm.add("-Xmx" + processorHeap);
            jvm.addAll(processorJvmOptions);
            table.context("end to end", "fresh embedded broker per workload, " + partitions + " partitions, offered load "
                    + rate + " articles/s" + (htmlRate != null ? " (HTML " + htmlRate + " pages/s)" : "") + " for " + latencySeconds + " s, processors' JVM " + jvm
                    + ", settings " + (settings.isEmpty() ? "(defaults)" : settings));
            final EndToEndBenchmark e2e = new EndToEndBenchmark(new EndToEndBenchmark.Options(partitions, rate,
                    htmlRate != null ? htmlRate : rate,
                    latencySeconds, settings, jvm, root, Duration.ofSeconds(timeoutSeconds), !skipCeiling, profileDir,
                    e2eWarmup), progress);
            if (profileDir != null) {
                Files.createDirectories(profileDir);
            }
            try {
                EndToEndBenchmark.Result textResult = null;
                EndToEndBenchmark.Result htmlResult = null;
                for (final String name : workloads) {
                    switch (name.trim().toLowerCase(Locale.ROOT)) {
                        case "text" -> {
                            progress.begin("e2e text: preparing the workload");
                            textResult = e2e.run(BenchCorpus.textWorkload(textPool, articles));
                            endToEndRows(table, textResult);
                            profileRows(table, e2e, textResult);
                        }
                        case "html" -> {
                            progress.begin("e2e html: preparing the workload");
                            htmlResult = e2e.run(BenchCorpus.htmlWorkload(pageList, pagesCount));
                            endToEndRows(table, htmlResult);
                            profileRows(table, e2e, htmlResult);
                        }
                        default -> throw new IllegalArgumentException("unknown workload " + name + "; text or html");
                    }
                }
                targets(table, textResult, htmlResult, cleanerResult);
            } finally {
                if (deleteAfter) {
                    delete(root, err);
                }
            }
        }
        table.context("load average at end", loadAverage());
        table.context("finished", Instant.now().toString());
        table.print(out);
        if (json != null) {
            table.writeJson(json);
        }
        return 0;
    }

    private StageBenchmarks.CleanerResult stages(final BenchTable table, final List<TextArticles.Text> textPool,
                                                 final List<BenchCorpus.Page> pageList, final Progress progress) {
        final StageBenchmarks stages = new StageBenchmarks(warmupSeconds, stageSeconds, progress);
        final StageBenchmarks.CleanerResult cleaner = stages.cleaner(pageList);
        final String cleanerDetail = String.format(Locale.ROOT, "%d pages (%d rejected), %d cleanings, CPU time of one thread",
                cleaner.pages(), cleaner.rejected(), cleaner.samples());
        table.add("stages", "cleaner CPU per page, median", cleaner.medianMs(), "ms", cleanerDetail);
        table.add("stages", "cleaner CPU per page, p99", cleaner.p99Ms(), "ms", "");
        table.add("stages", "cleaner CPU per page, mean", cleaner.meanMs(), "ms", "");
        table.add("stages", "cleaner pages/s, one thread", cleaner.pagesPerSecond(), "pages/s",
                String.format(Locale.ROOT, "wall clock; %.0f per CPU second", 1000 / cleaner.meanMs()));

        final StageBenchmarks.CleanerResult textCleaner = stages.textCleaner(textPool);
        table.add("stages", "cleaner CPU per text article, median", textCleaner.medianMs(), "ms",
                String.format(Locale.ROOT, "%d generated texts, %d cleanings", textCleaner.pages(), textCleaner.samples()));
        table.add("stages", "cleaner CPU per text article, p99", textCleaner.p99Ms(), "ms", "");
        table.add("stages", "cleaner text articles/s, one thread", textCleaner.pagesPerSecond(), "articles/s", "wall clock");

        final StageBenchmarks.TaggerResult tagger = stages.tagger(textPool);
        table.add("stages", "tagger articles/s, one thread", tagger.articlesPerCpuSecond(), "articles/s",
                String.format(Locale.ROOT, "per CPU second; %d texts, mean %.1f KB, %,d taggings; %.0f/s wall clock",
                        tagger.texts(), tagger.meanKb(), tagger.articles(), tagger.articlesPerWallSecond()));
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
            table.add("stages", "Avro encode " + avro.type() + ", median", avro.encodeMedianNs(), "ns",
                    String.format(Locale.ROOT, "%d records, mean %.0f bytes", avro.records(), avro.meanBytes()));
            table.add("stages", "Avro encode " + avro.type() + ", p99", avro.encodeP99Ns(), "ns", "");
            table.add("stages", "Avro decode " + avro.type() + ", median", avro.decodeMedianNs(), "ns", "");
            table.add("stages", "Avro decode " + avro.type() + ", p99", avro.decodeP99Ns(), "ns", "");
        }
        table.context("stage checksum", stages.sink());
        return cleaner;
    }

    private static void endToEndRows(final BenchTable table, final EndToEndBenchmark.Result result) {
        final Workload w = result.workload();
        final String section = "e2e " + w.name();
        final Workload.Expected expected = w.expected(0, w.articles());
        table.add(section, "articles", w.articles(), "articles", String.format(Locale.ROOT,
                "%s, after %,d warm-up articles; %.0f MiB raw in all; expect %,d by-country records, %,d dead letters,"
                        + " %,d articles with no country (measured ones); loaded in %.1f s", w.description(),
                result.warmupArticles(), result.rawMiB(), expected.byCountryRecords(), expected.deadLetters(),
                w.articles() - expected.visibleArticles(), result.preloadSeconds()));
        phaseRows(table, section, "pipeline", result.pipeline());
        if (result.ceiling() != null) {
            phaseRows(table, section, "ceiling", result.ceiling());
            table.add(section, "pipeline/ceiling ratio",
                    result.pipeline().articlesPerSecond() / result.ceiling().articlesPerSecond(), "", "articles/s over articles/s");
            if (result.warmupArticles() > 0) {
                table.add(section, "pipeline/ceiling ratio, cold start",
                        result.pipeline().coldArticlesPerSecond() / result.ceiling().coldArticlesPerSecond(), "",
                        "over the warm-up articles");
            }
        }
    }

    private static void phaseRows(final BenchTable table, final String section, final String name,
                                  final EndToEndBenchmark.Phase phase) {
        table.add(section, name + " articles/s", phase.articlesPerSecond(), "articles/s", String.format(Locale.ROOT,
                "10%%-90%% of the measured articles' output, after the warm-up's; all %,d records in %.1f s after"
                        + " RUNNING; %s%s", phase.expectedRecords(), phase.secondsToComplete(),
                phase.complete() && phase.records() == phase.expectedRecords()
                        ? "exact count" : "INCOMPLETE: " + phase.records() + " records",
                phase.strayRecords() > 0 ? ", " + phase.strayRecords() + " stray records" : ""));
        if (phase.warmupArticles() > 0) {
            table.add(section, name + " articles/s, cold start", phase.coldArticlesPerSecond(), "articles/s",
                    String.format(Locale.ROOT, "10%%-90%% of the %,d warm-up articles' output, in a fresh JVM",
                            phase.warmupArticles()));
        }
        table.add(section, name + " CPU per article", 1000 * phase.processCpuSeconds() / phase.articles(), "ms",
                String.format(Locale.ROOT, "processors' JVM, from the end of the warm-up to the last record (%.1f s)",
                        phase.processCpuSeconds()));
        table.add(section, name + " broker-side CPU per article", 1000 * phase.benchCpuSeconds() / phase.articles(), "ms",
                String.format(Locale.ROOT, "the broker and the reader's JVM over the same time (%.1f s)", phase.benchCpuSeconds()));
        if (phase.latencyArticles() > 0) {
            final String detail = String.format(Locale.ROOT, "%,d articles offered at %.0f/s; %,d of the %,d expected came through",
                    phase.latencyArticles(), phase.offeredPerSecond(), phase.latencyVisible(), phase.latencyExpected());
            table.add(section, name + " latency p50", phase.latencyP50Ms(), "ms", detail);
            table.add(section, name + " latency p99", phase.latencyP99Ms(), "ms", "append time to visible, read_committed");
            table.add(section, name + " latency max", phase.latencyMaxMs(), "ms", "");
        }
        table.add(section, name + " peak heap after GC", phase.peakHeapAfterGcMiB(), "MiB",
                "most heap in use right after a collection: what the processors hold");
        table.add(section, name + " peak heap used", phase.peakHeapMiB(), "MiB",
                "sum of the heap pools' peaks, garbage included (an upper bound)");
        table.add(section, name + " peak RSS", phase.peakRssMiB(), "MiB", "VmHWM of the processors' JVM");
        table.add(section, name + " GC time", phase.gcSeconds(), "s", "all collections of the processors' JVM, whole run");
    }

    private void profileRows(final BenchTable table, final EndToEndBenchmark e2e, final EndToEndBenchmark.Result result)
            throws IOException {
        if (profileDir == null) {
            return;
        }
        final Path recording = e2e.profileRecording(result.workload(), "pipeline");
        if (!Files.exists(recording)) {
            return;
        }
        final ProfileSummary.Summary summary = ProfileSummary.read(recording, 8);
        final String section = "profile " + result.workload().name();
        summary.selfTop().forEach((method, n) -> table.add(section, "self: " + method, 100.0 * n / summary.samples(),
                "%", ""));
        summary.ownTop().forEach((method, n) -> table.add(section, "in: " + method, 100.0 * n / summary.samples(),
                "%", "nearest project/jsoup/Avro frame"));
        table.context("profile " + result.workload().name(), summary.samples() + " CPU samples in " + recording);
    }

    private static void targets(final BenchTable table, final EndToEndBenchmark.Result text,
                                final EndToEndBenchmark.Result html, final StageBenchmarks.CleanerResult cleaner) {
        if (text != null && text.ceiling() != null) {
            final double ratio = text.pipeline().articlesPerSecond() / text.ceiling().articlesPerSecond();
            table.add("targets", "text pipeline/ceiling >= 0.7", ratio, "", verdict(ratio >= 0.7));
        }
        if (html != null && cleaner != null) {
            final double twoCores = 2 * 1000 / cleaner.meanMs();
            final double share = html.pipeline().articlesPerSecond() / twoCores;
            table.add("targets", "HTML articles/s >= 70% of 2 cores cleaning", share * 100, "%", verdict(share >= 0.7)
                    + String.format(Locale.ROOT, ": %.0f articles/s vs %.0f pages/s (2 x 1000 / %.2f mean CPU ms)",
                    html.pipeline().articlesPerSecond(), twoCores, cleaner.meanMs()));
        }
        for (final EndToEndBenchmark.Result result : new EndToEndBenchmark.Result[] {text, html}) {
            if (result == null) {
                continue;
            }
            final EndToEndBenchmark.Phase p = result.pipeline();
            if (p.latencyArticles() > 0) {
                table.add("targets", result.workload().name() + " p99 latency <= 1 s", p.latencyP99Ms(), "ms",
                        verdict(p.latencyP99Ms() <= 1000) + String.format(Locale.ROOT, " at %.0f articles/s offered",
                                p.offeredPerSecond()));
            }
            table.add("targets", result.workload().name() + " heap of the 3 processors <= 1 GiB", p.peakHeapAfterGcMiB(),
                    "MiB", verdict(p.peakHeapAfterGcMiB() <= 1024) + String.format(Locale.ROOT,
                            ": peak after GC, in a JVM capped at %.0f MiB (peak used incl. garbage %.0f MiB)",
                            p.maxHeapMiB(), p.peakHeapMiB()));
        }
    }

    private static String verdict(final boolean met) {
        return met ? "MET" : "NOT MET";
    }

    private static String loadAverage() {
        try {
            final String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static Path existing(final Path candidate, final Path otherwise) {
        return Files.exists(candidate) ? candidate.normalize() : otherwise;
    }

    private static void delete(final Path root, final PrintWriter err) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    /** How progress is shown, on stderr; eval takes it too. */
    static final class ProgressOption {
        enum Mode { AUTO, TERMINAL, LINES, NONE }

        @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
                description = "Progress on stderr: terminal (one line rewritten in place), lines (a plain line every"
                        + " 10 s and one as each phase ends), none, or auto (terminal when there is a console, else"
                        + " lines). Default: ${DEFAULT-VALUE}.")
        Mode mode;

        Progress progress(final PrintWriter err) {
            final Mode chosen = mode == Mode.AUTO ? (System.console() != null ? Mode.TERMINAL : Mode.LINES) : mode;
            return switch (chosen) {
                // picocli finds the terminal's width as it does for the usage help; 80 columns when it cannot.
                case TERMINAL -> new Progress(err, Progress.Style.TERMINAL, new UsageMessageSpec().autoWidth(true).width(),
                        System::nanoTime);
                case LINES -> new Progress(err, Progress.Style.LINES, Integer.MAX_VALUE, System::nanoTime);
                default -> Progress.none();
            };
        }

        /**
         * Starts ticking, and until closed sends the logs (System.err) through the progress, so
         * that on a terminal a log line does not run into the status line.
         */
        Progress.Ticking start(final Progress progress) {
            final PrintStream logs = System.err;
            System.setErr(progress.sharing(logs));
            final Progress.Ticking ticking = progress.startTicking();
            return () -> {
                ticking.close();
                System.setErr(logs);
            };
        }
    }
}
