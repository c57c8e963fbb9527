package news.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import news.pipeline.bench.BenchCorpus;
import news.pipeline.bench.BenchReport;
import news.pipeline.bench.BenchTable;
import news.pipeline.bench.Efficiency;
import news.pipeline.bench.EndToEndBenchmark;
import news.pipeline.bench.NotEnoughDiskException;
import news.pipeline.bench.Peers;
import news.pipeline.bench.Progress;
import news.pipeline.bench.StageBenchmarks;
import news.pipeline.bench.TextArticles;
import news.pipeline.bench.Workload;
import news.pipeline.runtime.EmbeddedRegistry;
import news.pipeline.runtime.GeneratedNews;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.ProjectHome;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The benchmark: each stage alone, then the whole pipeline end to end on the embedded broker, and
 * its Kafka ceiling (the same records replayed) on the same machine in the same run, and the
 * efficiency they give. Prints a table; {@code --json} writes the same table.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Benchmarks each stage, the whole pipeline, and Kafka Streams' own ceiling on this machine.",
            "Measures the stages (cleaner CPU ms/page, tagger articles/s, Avro ns/record), then the pipeline",
            "end to end on a fresh embedded broker (exactly-once, all three processors, in a JVM of their own):",
            "articles/s, latency p50/p99 at a fixed offered load, peak heap and RSS; and the ceiling, three Kafka",
            "Streams applications that write the pipeline's own records without computing them, with the same settings;",
            "then efficiency: (ceiling CPU + the processors' steps' CPU) / pipeline CPU per article. Prints a table."
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProgressOption progressOption;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the table as JSON.")
    Path json;

    @Option(
            names = "--pages",
            paramLabel = "DIR|generated",
            description = "HTML pages (*.html, *.htm, *.html.gz) for the cleaner stage and the HTML workload, or"
                    + " `generated`: news pages written by the benchmark (menus, related boxes, teaser grids,"
                    + " comments, footers; four layouts; 20-300 KB; the same for the same --seed)."
                    + " Default: ../shared/bench/aeb-dev/html beside the project when present, else generated.")
    String pages;

    @Option(
            names = "--generated",
            paramLabel = "N",
            defaultValue = "120",
            description = "How many pages to generate, and how many wire stories to add to the texts' corpus when"
                    + " no other is given. Default: ${DEFAULT-VALUE}.")
    int generated;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of the generated pages and stories. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--samples",
            paramLabel = "DIR",
            description = "The project's samples/ (texts and pages). Default: samples/.")
    Path samples;

    @Option(
            names = "--texts",
            paramLabel = "FILE|generated|none",
            description = "More prose for the generated texts: JSON lines with title and text (or dateline and body),"
                    + " or `generated`: wire stories written by the benchmark (the same for the same --seed)."
                    + " Default: ../shared/eval/reuters-dev/reuters-train.jsonl beside the project when present,"
                    + " else generated wire stories. Use --texts none for the samples alone.")
    String texts;

    @Option(
            names = "--articles",
            paramLabel = "N",
            defaultValue = "100000",
            description = "Text articles (2-8 KB) of the end-to-end text workload. Default: ${DEFAULT-VALUE}.")
    int articles;

    @Option(
            names = "--pages-count",
            paramLabel = "N",
            defaultValue = "10000",
            description = "HTML pages of the end-to-end HTML workload (the pages cycled). Default: ${DEFAULT-VALUE}.")
    int pagesCount;

    @Option(
            names = "--e2e-warmup",
            paramLabel = "X",
            defaultValue = "1",
            description = "Warm-up articles sent through each fresh JVM end to end before the measured ones, as a"
                    + " multiple of the workload (0 for none); their rate is reported as the cold start's."
                    + " Default: ${DEFAULT-VALUE}.")
    double e2eWarmup;

    @Option(
            names = "--pool",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Distinct generated texts; the text workload cycles through them. Default: ${DEFAULT-VALUE}.")
    int pool;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "500",
            description = "Offered load of the latency run, articles/s. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(
            names = "--html-rate",
            paramLabel = "N",
            description = "Offered load of the HTML workload's latency run, pages/s. Default: 70%% of the pipeline's"
                    + " measured pages/s, a load it can take (500 pages of 20-300 KB a second are more than two"
                    + " cores can clean).")
    Integer htmlRate;

    @Option(
            names = "--latency-seconds",
            paramLabel = "S",
            defaultValue = "20",
            description = "How long the latency run offers articles; 0 skips it. Default: ${DEFAULT-VALUE}.")
    double latencySeconds;

    @Option(
            names = "--schema-registry",
            paramLabel = "URL|embedded",
            description = "Also run the text workload in registry mode (Confluent wire format, schemas in this"
                    + " Apicurio Registry; `embedded` starts one on a free port of 127.0.0.1) and compare its"
                    + " articles/s with single-object mode's in the same run.")
    String schemaRegistry;

    @Option(
            names = "--with-console",
            description = "Also measure what the console costs the text workload: one processors' JVM started as `run`"
                    + " starts them (with /metrics) works through a backlog while the console is switched on and off"
                    + " in alternating windows (off-on, on-off...; on: attached and kept updating by an HTTP client"
                    + " as its pages do; off: closed); rows of each window's articles/s, the on/off ratio of each"
                    + " pair, their median with a bootstrap 95%% interval, and the console's threads' share of the"
                    + " processors' CPU.")
    boolean withConsole;

    @Option(
            names = "--console-window",
            paramLabel = "S",
            defaultValue = "10",
            description = "With --with-console: seconds of each window. Default: ${DEFAULT-VALUE}.")
    double consoleWindow;

    @Option(
            names = "--console-settle",
            paramLabel = "S",
            defaultValue = "1",
            description = "With --with-console: seconds between a switch (on, once caught up; or off) and the"
                    + " window after it, which count in no window: longer leaves out more of what switching"
                    + " itself costs (compiling, the collector's work on the catch-up's garbage), as for a"
                    + " console left open. Default: ${DEFAULT-VALUE}.")
    double consoleSettle;

    @Option(
            names = "--console-tabs",
            paramLabel = "all|one",
            defaultValue = "all",
            description = "With --with-console: how the console is kept open while on. `all`: every page polling"
                    + " at once, as if each were open in its own tab; `one`: one tab, as an operator keeps it,"
                    + " showing each page for " + ConsoleVisitor.PAGE_DWELL_SECONDS
                    + " s in the menu's order (a tab polls only the page it"
                    + " shows). Default: ${DEFAULT-VALUE}.")
    String consoleTabs;

    @Option(
            names = "--console-control",
            description = "With --with-console: a control run. The on windows switch nothing, so the console stays"
                    + " closed in every window: the pairs' ratios then show what the measurement gives where there is"
                    + " no difference to find (their spread, and any lean away from 1).")
    boolean consoleControl;

    @Option(
            names = "--console-pairs",
            paramLabel = "N",
            defaultValue = "8",
            description = "With --with-console: pairs of windows measured, after " + ConsoleAlternation.WARMUP_PAIRS
                    + " pairs dropped as a warm-up."
                    + " The backlog is sized from the text workload's measured articles/s. Default: ${DEFAULT-VALUE}.")
    int consolePairs;

    @Option(
            names = "--console-rounds",
            paramLabel = "N",
            defaultValue = "0",
            description = "With --with-console: also run the text workload N times each way in fresh JVMs,"
                    + " alternately without and with the console, for where the CPU went (stream threads, GC,"
                    + " JIT, broker) per article; their articles/s differ from JVM to JVM by more than the"
                    + " console costs. Default: ${DEFAULT-VALUE}.")
    int consoleRounds;

    @Option(
            names = "--workloads",
            paramLabel = "NAME",
            split = ",",
            defaultValue = "text,html",
            description = "End-to-end workloads: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    List<WorkloadKind> workloads;

    /** The end-to-end workloads. */
    enum WorkloadKind {
        TEXT,
        HTML
    }

    @Option(
            names = "--peers",
            description = "Also time other extractors on the same pages, one thread each: Readability.js"
                    + " (npm install --prefix bench/peers) and readability-lxml (apt-get install python3-readability),"
                    + " against our cleaner and our whole pipeline per core.")
    boolean peers;

    @Option(names = "--skip-stages", description = "Skip the single-thread stage measurements.")
    boolean skipStages;

    @Option(names = "--skip-e2e", description = "Skip the end-to-end runs (and the ceiling).")
    boolean skipE2e;

    @Option(names = "--skip-ceiling", description = "Skip the ceiling runs.")
    boolean skipCeiling;

    @Option(
            names = "--pace-ceiling",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Hold the ceiling to the pipeline's measured articles/s (the default): Kafka's work per"
                    + " article (transactions, fetches) depends on the rate, so the efficiency row compares the"
                    + " two at the same rate; the ceiling's articles/s is then the pace. --no-pace-ceiling lets"
                    + " it run as fast as it can, for its limit and the pipeline/ceiling ratio.")
    boolean paceCeiling;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "" + Topics.DEFAULT_PARTITIONS,
            description = "Partitions of every benchmark topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(
            names = {"-s", "--set"},
            paramLabel = "KEY=VALUE",
            description = "A Kafka Streams or client setting for the processors and the ceiling alike"
                    + " (commit.interval.ms, num.stream.threads, producer.linger.ms...). Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--processor-heap",
            paramLabel = "SIZE",
            defaultValue = "1g",
            description = "-Xmx of the processors' JVM. Default: ${DEFAULT-VALUE}.")
    String processorHeap;

    @Option(
            names = "--processor-jvm-option",
            paramLabel = "OPTION",
            description = "Another option for the processors' JVM. Repeatable.")
    List<String> processorJvmOptions = new ArrayList<>();

    @Option(
            names = "--profile",
            paramLabel = "DIR",
            description =
                    "Record each processors' JVM with Java Flight Recorder into DIR/<workload>-<pipeline|ceiling>.jfr"
                            + " and add the pipeline's top methods to the table.")
    Path profileDir;

    @Option(
            names = "--warmup-seconds",
            paramLabel = "S",
            defaultValue = "3",
            description = "Warm-up of each stage measurement. Default: ${DEFAULT-VALUE}.")
    double warmupSeconds;

    @Option(
            names = "--stage-seconds",
            paramLabel = "S",
            defaultValue = "5",
            description = "Measuring time of each stage. Default: ${DEFAULT-VALUE}.")
    double stageSeconds;

    @Option(
            names = "--timeout",
            paramLabel = "S",
            defaultValue = "900",
            description = "Longest an end-to-end throughput run may take. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Where the embedded brokers keep their data. Default: a temporary folder, deleted afterwards.")
    Path dataDir;

    @Option(names = "--keep-data", description = "Keep the data folder afterwards.")
    boolean keepData;

    /** 1 when a measurement asked for could not be made (its rows say why); the table is printed all the same. */
    private int exitCode;

    /** The --pages value that asks for generated pages. */
    static final String GENERATED = "generated";

    @Override
    public Integer call() throws Exception {
        // As every other command: a news.pipeline.* key unknown or out of range stops it here, in one
        // line, rather than being ignored by the stages and refused, or ignored, in the processors' JVM.
        PipelineSettings.resolve(null, Map.of(), settings);
        checkCounts();
        final PrintWriter err = spec.commandLine().getErr();
        final Progress progress = progressOption.progress(err);
        try (Progress.Ticking ticking = progressOption.start(progress)) {
            return run(progress, spec.commandLine().getOut(), err);
        } catch (NotEnoughDiskException e) {
            throw new UserError(UserError.FAILURE, e.getMessage());
        }
    }

    private int run(final Progress progress, final PrintWriter out, final PrintWriter err) throws Exception {
        final Path home = ProjectHome.dir();
        final Path samplesDir = samples != null ? samples : home.resolve("samples");
        final Path sharedPages = home.resolve("../shared/bench/aeb-dev/html");
        final boolean generatePages = pages == null ? !Files.isDirectory(sharedPages) : pages.equals(GENERATED);
        final Path pagesDir = generatePages ? null : pages == null ? sharedPages.normalize() : Path.of(pages);
        final Path sharedTexts = home.resolve("../shared/eval/reuters-dev/reuters-train.jsonl");
        final boolean generateTexts = texts == null ? !Files.exists(sharedTexts) : texts.equals(GENERATED);
        final Path textsFile = texts == null
                ? existing(sharedTexts, null)
                : texts.equals("none") || texts.equals(GENERATED) ? null : Path.of(texts);

        final BenchTable table = new BenchTable();
        table.context("started", Instant.now().toString());
        table.context(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores, "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                        + System.getProperty("java.version"));
        table.context("load average at start", BenchReport.loadAverage());

        progress.begin("reading the texts and pages");
        final TextArticles generator = BenchCorpus.textGenerator(
                samplesDir, textsFile, generateTexts ? GeneratedNews.stories(generated, seed) : List.of(), 2048, 8192);
        final List<TextArticles.Text> textPool = generator.generate(Math.max(1, pool), 7);
        final List<BenchCorpus.Page> pageList =
                generatePages ? BenchCorpus.generatedPages(generated, seed) : BenchCorpus.pages(pagesDir);
        progress.end();
        table.context(
                "corpus",
                (generatePages ? "generated pages" : "real pages") + ", "
                        + (generateTexts
                                ? "generated wire stories"
                                : textsFile == null ? "sample texts" : "real texts"));
        table.context(
                "texts",
                textPool.size() + " generated texts of 2-8 KB (mean "
                        + String.format(
                                Locale.ROOT,
                                "%.1f",
                                textPool.stream()
                                                .mapToInt(TextArticles.Text::bodyBytes)
                                                .average()
                                                .orElse(0)
                                        / 1024)
                        + " KB) cut from " + samplesDir
                        + (textsFile == null ? "" : " and " + textsFile)
                        + (generateTexts ? " and " + generated + " wire stories generated from seed " + seed : ""));
        table.context(
                "pages",
                pageList.size() + " HTML pages (mean "
                        + String.format(
                                Locale.ROOT,
                                "%.0f",
                                pageList.stream()
                                                .mapToInt(page -> page.content().length)
                                                .average()
                                                .orElse(0)
                                        / 1024)
                        + " KB) "
                        + (generatePages
                                ? "generated from seed " + seed + " (four layouts, 20-300 KB)"
                                : "from " + pagesDir));
        if (pageList.isEmpty()) {
            err.println("no HTML pages in " + pagesDir);
            return 2;
        }

        StageBenchmarks.CleanerResult cleanerResult = null;
        if (!skipStages) {
            cleanerResult = BenchReport.stageRows(
                    table, new StageBenchmarks(warmupSeconds, stageSeconds, progress, settings), textPool, pageList);
        }

        if (!skipE2e) {
            final boolean deleteAfter = dataDir == null && !keepData;
            final Path root = dataDir != null ? dataDir : Files.createTempDirectory("news-bench-");
            final List<String> jvm = new ArrayList<>();
            jvm.add("-Xmx" + processorHeap);
            jvm.addAll(processorJvmOptions);
            table.context(
                    "end to end",
                    "fresh embedded broker per workload, " + partitions + " partitions, offered load "
                            + rate + " articles/s (HTML "
                            + (htmlRate != null
                                    ? htmlRate + " pages/s"
                                    : Math.round(100 * EndToEndBenchmark.SUSTAINABLE_SHARE)
                                            + "% of the pipeline's measured pages/s")
                            + ")"
                            + " for " + latencySeconds + " s, processors' JVM " + jvm
                            + ", settings " + (settings.isEmpty() ? "(defaults)" : settings));
            final EndToEndBenchmark e2e = new EndToEndBenchmark(
                    new EndToEndBenchmark.Options(
                            partitions,
                            rate,
                            htmlRate != null ? htmlRate : 0,
                            latencySeconds,
                            settings,
                            jvm,
                            root,
                            Duration.ofSeconds(timeoutSeconds),
                            !skipCeiling,
                            profileDir,
                            e2eWarmup,
                            null,
                            paceCeiling),
                    progress);
            if (profileDir != null) {
                Files.createDirectories(profileDir);
            }
            try {
                EndToEndBenchmark.Result textResult = null;
                EndToEndBenchmark.Result htmlResult = null;
                for (final WorkloadKind kind : workloads) {
                    switch (kind) {
                        case TEXT -> {
                            progress.begin("e2e text: preparing the workload");
                            final Workload text = BenchCorpus.textWorkload(textPool, articles, settings);
                            final StageBenchmarks.StepsResult steps = steps(text, progress, table);
                            textResult = e2e.run(text);
                            BenchReport.endToEndRows(table, textResult);
                            efficiencyRows(table, textResult, steps);
                            profileRows(table, e2e, textResult);
                            if (schemaRegistry != null) {
                                registryRows(table, e2e, textResult, root, progress);
                            }
                            if (withConsole) {
                                if (!ConsoleAlternation.rows(
                                        table,
                                        e2e,
                                        textResult,
                                        root,
                                        progress,
                                        err,
                                        consoleWindow,
                                        consoleSettle,
                                        consolePairs,
                                        ConsoleVisitor.Tabs.parse(consoleTabs),
                                        consoleControl,
                                        profileDir)) {
                                    exitCode = 1;
                                }
                                if (consoleRounds > 0) {
                                    consoleRows(table, e2e, textResult, root, progress);
                                }
                            }
                        }
                        case HTML -> {
                            progress.begin("e2e html: preparing the workload");
                            final Workload html = BenchCorpus.htmlWorkload(pageList, pagesCount, settings);
                            final StageBenchmarks.StepsResult steps = steps(html, progress, table);
                            htmlResult = e2e.run(html);
                            BenchReport.endToEndRows(table, htmlResult);
                            efficiencyRows(table, htmlResult, steps);
                            profileRows(table, e2e, htmlResult);
                        }
                    }
                }
                BenchReport.targets(table, textResult, htmlResult, cleanerResult);
                if (peers) {
                    peerRows(table, progress, pageList, cleanerResult, htmlResult, root);
                }
            } finally {
                if (deleteAfter) {
                    delete(root, err);
                }
            }
        } else if (peers) {
            final Path root = Files.createTempDirectory("news-bench-");
            try {
                peerRows(table, progress, pageList, cleanerResult, null, root);
            } finally {
                delete(root, err);
            }
        }
        table.context("load average at end", BenchReport.loadAverage());
        table.context("finished", Instant.now().toString());
        table.print(out);
        if (json != null) {
            table.writeJson(json);
        }
        return exitCode;
    }

    /**
     * The text workload again, the processors in registry mode, on a fresh broker; its rows, and
     * its articles/s over single-object mode's.
     */
    private void registryRows(
            final BenchTable table,
            final EndToEndBenchmark singleObject,
            final EndToEndBenchmark.Result singleObjectResult,
            final Path root,
            final Progress progress)
            throws Exception {
        EmbeddedRegistry started = null;
        try {
            final String url;
            if (PipelineConfig.EMBEDDED_REGISTRY.equals(schemaRegistry)) {
                progress.begin("e2e text in registry mode: starting the schema registry");
                started = EmbeddedRegistry.start(root, freePort(), System.err);
                progress.end();
                url = started.url();
            } else {
                url = schemaRegistry;
            }
            final Map<String, String> registrySettings = new LinkedHashMap<>(settings);
            registrySettings.put(PipelineConfig.SCHEMA_REGISTRY_CONFIG, url);
            final EndToEndBenchmark.Options options = singleObject.options();
            final EndToEndBenchmark registryMode = new EndToEndBenchmark(
                    new EndToEndBenchmark.Options(
                            options.partitions(),
                            options.rate(),
                            options.htmlRate(),
                            options.latencySeconds(),
                            registrySettings,
                            options.jvmOptions(),
                            root.resolve("registry-mode"),
                            options.phaseTimeout(),
                            false,
                            null,
                            options.warmup(),
                            null,
                            false),
                    progress);
            final Workload text = singleObjectResult.workload();
            progress.begin("e2e text in registry mode: preparing the workload");
            final EndToEndBenchmark.Result result = registryMode.run(new Workload(
                    text.name() + "-registry",
                    text.description() + ", values in the Confluent wire format (registry mode)",
                    text.values(),
                    text.fanOut(),
                    text.articles()));
            BenchReport.endToEndRows(table, result);
            table.add(
                    "e2e " + text.name() + "-registry",
                    "registry/single-object ratio",
                    result.pipeline().articlesPerSecond()
                            / singleObjectResult.pipeline().articlesPerSecond(),
                    "",
                    "text articles/s in registry mode over single-object mode, same run");
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    /**
     * The text workload again with the processors served as {@code run} serves them, alternately
     * without and with the console (kept updating by a {@link ConsoleVisitor}), each on a fresh
     * broker; the articles/s of each run with the load average after it, and the ratio of the medians.
     * Since a rate on a shared machine is noisy, each run also says where its CPU went: the console's
     * own threads (and the HTTP server's, which in the benchmark serve only the console's pages) as
     * a share of the processors' JVM, the stream threads', the garbage collector's and the JIT
     * compiler's CPU per article, and the broker's (the benchmark's JVM, the console visitor left
     * out), each with and without the console.
     */
    private void consoleRows(
            final BenchTable table,
            final EndToEndBenchmark plain,
            final EndToEndBenchmark.Result plainResult,
            final Path root,
            final Progress progress)
            throws Exception {
        final Workload text = plainResult.workload();
        final Map<String, List<Double>> without = new LinkedHashMap<>();
        final Map<String, List<Double>> with = new LinkedHashMap<>();
        for (int round = 1; round <= consoleRounds; round++) {
            for (final boolean console : List.of(false, true)) {
                final String name = text.name() + (console ? "-console" : "-served") + "-" + round;
                final int port = freePort();
                final EndToEndBenchmark served = new EndToEndBenchmark(
                        plain.options()
                                .withProcessorMain(
                                        ServedProcessorsMain.class.getName(),
                                        List.of(
                                                "-D" + ServedProcessorsMain.HTTP_PORT + "=" + port,
                                                "-D" + ServedProcessorsMain.CONSOLE + "=" + console),
                                        root.resolve(name),
                                        profileDir),
                        progress);
                progress.begin("e2e " + name + ": preparing the workload");
                final EndToEndBenchmark.Result result;
                final ConsoleVisitor visitor = console
                        ? new ConsoleVisitor(
                                URI.create("http://127.0.0.1:" + port + "/"), ConsoleVisitor.Tabs.parse(consoleTabs))
                        : null;
                try {
                    result = served.run(new Workload(
                            name,
                            text.description()
                                    + (console ? ", processors served with the console open" : ", processors served"),
                            text.values(),
                            text.fanOut(),
                            text.articles()));
                } finally {
                    if (visitor != null) {
                        visitor.close();
                    }
                }
                final EndToEndBenchmark.Phase phase = result.pipeline();
                final Map<String, List<Double>> figures = console ? with : without;
                final String section = "e2e " + name;
                final double rate = phase.articlesPerSecond();
                figures.computeIfAbsent(ARTICLES_PER_SECOND, key -> new ArrayList<>())
                        .add(rate);
                table.add(
                        section,
                        ARTICLES_PER_SECOND,
                        rate,
                        "articles/s",
                        (console
                                        ? "console open, " + visitor.answered() + " console requests answered, "
                                                + visitor.failed() + " refused (before it served)"
                                        : "no console")
                                + "; load average after: " + BenchReport.loadAverage());
                final double processCpu = phase.processCpuSeconds();
                final double consoleCpu = phase.threadCpuSecondsMeasured(ConsoleSwitch::consoleThread);
                final Map<String, Double> perArticle = new LinkedHashMap<>();
                // The processors' JVM's CPU, the console's own work included: less sensitive to a busy machine than the
                // rate.
                perArticle.put(PROCESSORS_CPU, processCpu);
                perArticle.put(
                        "stream threads' CPU per article",
                        phase.threadCpuSecondsMeasured(thread -> thread.contains("StreamThread")));
                perArticle.put("console's threads' CPU per article", consoleCpu);
                perArticle.put("GC threads' CPU per article", phase.gcCpuSecondsMeasured());
                perArticle.put("JIT compiler's CPU per article", phase.compilerCpuSecondsMeasured());
                perArticle.put(BROKER_CPU, phase.benchCpuSeconds());
                perArticle.put(CPU_WITHOUT_JIT, processCpu - phase.compilerCpuSecondsMeasured());
                perArticle.forEach((row, seconds) -> {
                    final double ms = 1000 * seconds / phase.articles();
                    figures.computeIfAbsent(row, key -> new ArrayList<>()).add(ms);
                    table.add(section, row, ms, "ms", CPU_NOTES.get(row));
                });
                final double share = 100 * consoleCpu / processCpu;
                figures.computeIfAbsent(CONSOLE_SHARE, key -> new ArrayList<>()).add(share);
                table.add(
                        section,
                        CONSOLE_SHARE,
                        share,
                        "%",
                        String.format(
                                Locale.ROOT,
                                "the console's and the HTTP server's threads' CPU (%.2f s: %s) over the processors'"
                                        + " JVM's (%.1f s), measured articles; the console visitor's own: %.2f s",
                                consoleCpu,
                                consoleThreads(phase),
                                processCpu,
                                phase.observerCpuSeconds()));
            }
        }
        final String section = "e2e " + text.name() + "-console";
        table.add(
                section,
                "console/no-console ratio",
                median(with.get(ARTICLES_PER_SECOND)) / median(without.get(ARTICLES_PER_SECOND)),
                "",
                "median text articles/s with the console open over without, " + consoleRounds
                        + " run(s) each, alternated, same run; runs " + spread(without.get(ARTICLES_PER_SECOND))
                        + " without, " + spread(with.get(ARTICLES_PER_SECOND)) + " with");
        table.add(
                section,
                "console/no-console CPU per article ratio",
                median(with.get(PROCESSORS_CPU)) / median(without.get(PROCESSORS_CPU)),
                "",
                "median processors' CPU per article with the console open over without; runs "
                        + spread(without.get(PROCESSORS_CPU)) + " without, " + spread(with.get(PROCESSORS_CPU))
                        + " with (ms)");
        table.add(
                section,
                "console/no-console CPU per article ratio, JIT left out",
                median(with.get(CPU_WITHOUT_JIT)) / median(without.get(CPU_WITHOUT_JIT)),
                "",
                "the same without the JIT compiler's CPU (a fresh JVM's, and more code to compile with the console);"
                        + " runs " + spread(without.get(CPU_WITHOUT_JIT)) + " without, "
                        + spread(with.get(CPU_WITHOUT_JIT)) + " with (ms)");
        table.add(
                section,
                "console's share of the processors' CPU",
                median(with.get(CONSOLE_SHARE)),
                "%",
                "median of the runs with the console: " + spread(with.get(CONSOLE_SHARE)) + "; without it: "
                        + spread(without.get(CONSOLE_SHARE)));
        for (final String row : CPU_NOTES.keySet()) {
            if (!row.equals(PROCESSORS_CPU) && !row.equals(CPU_WITHOUT_JIT)) {
                table.add(
                        section,
                        row + ", with - without",
                        median(with.get(row)) - median(without.get(row)),
                        "ms",
                        "difference of the medians; runs " + spread(without.get(row)) + " without, "
                                + spread(with.get(row)) + " with");
            }
        }
    }

    private static final String ARTICLES_PER_SECOND = "text articles/s";
    private static final String PROCESSORS_CPU = "processors' CPU per article";
    private static final String BROKER_CPU = "broker-side CPU per article";
    private static final String CONSOLE_SHARE = "console's share of the processors' CPU";
    private static final String CPU_WITHOUT_JIT = "processors' CPU per article, JIT left out";

    /** What each CPU row of a console run counts, over the measured articles. */
    private static final Map<String, String> CPU_NOTES = cpuNotes();

    private static Map<String, String> cpuNotes() {
        final Map<String, String> notes = new LinkedHashMap<>();
        notes.put(PROCESSORS_CPU, "the processors' JVM, the console's work included");
        notes.put("stream threads' CPU per article", "the three processors' stream threads");
        notes.put(
                "console's threads' CPU per article",
                "the console's threads (samplers, follower, its admin client) and the HTTP server's");
        notes.put("GC threads' CPU per article", "the garbage collector's threads in the processors' JVM");
        notes.put("JIT compiler's CPU per article", "C1 and C2 in the processors' JVM");
        notes.put(CPU_WITHOUT_JIT, "the processors' JVM less the JIT compiler's threads");
        notes.put(BROKER_CPU, "the benchmark's JVM (the broker, the measuring consumer), the console visitor left out");
        return notes;
    }

    /** The console's threads' CPU by thread name, most first, as {@code name 0.12 s, ...}. */
    private static String consoleThreads(final EndToEndBenchmark.Phase phase) {
        final Map<String, Double> byName = new LinkedHashMap<>();
        if (phase.processStats().get("threadCpuNanosMeasured") instanceof Map<?, ?> threads) {
            threads.forEach((name, nanos) -> {
                if (ConsoleSwitch.consoleThread(String.valueOf(name)) && nanos instanceof Number n) {
                    byName.merge(String.valueOf(name), n.doubleValue() / 1e9, Double::sum);
                }
            });
        }
        return byName.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(thread -> String.format(Locale.ROOT, "%s %.2f s", thread.getKey(), thread.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** The values of some runs, lowest to highest, as {@code [a, b, c]}. */
    private static String spread(final List<Double> values) {
        return values.stream()
                .sorted()
                .map(value -> String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : "%.3g", value))
                .toList()
                .toString();
    }

    private static double median(final List<Double> values) {
        final List<Double> sorted = values.stream().sorted().toList();
        final int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void peerRows(
            final BenchTable table,
            final Progress progress,
            final List<BenchCorpus.Page> pageList,
            final StageBenchmarks.CleanerResult measured,
            final EndToEndBenchmark.Result html,
            final Path root)
            throws IOException, InterruptedException {
        final StageBenchmarks.CleanerResult cleaner = measured != null
                ? measured
                : new StageBenchmarks(warmupSeconds, stageSeconds, progress, settings).cleaner(pageList);
        progress.begin("peers: Readability.js and readability-lxml on the same pages");
        final List<Peers.Result> results =
                new Peers(ProjectHome.dir().resolve("bench/peers"), warmupSeconds, stageSeconds).run(pageList, root);
        progress.end();
        BenchReport.peerRows(
                table, results, cleaner, html == null ? Double.NaN : 1000 / Efficiency.cpuMs(html.pipeline()));
    }

    /** The steps' CPU per article on the workload's pool: the stages' part of the model limit. */
    private StageBenchmarks.StepsResult steps(
            final Workload workload, final Progress progress, final BenchTable table) {
        if (skipCeiling) {
            return null;
        }
        final StageBenchmarks.StepsResult steps =
                new StageBenchmarks(warmupSeconds, stageSeconds, progress, settings).steps(workload);
        BenchReport.stepsRows(table, steps);
        return steps;
    }

    private static void efficiencyRows(
            final BenchTable table, final EndToEndBenchmark.Result result, final StageBenchmarks.StepsResult steps) {
        if (steps != null && result.ceiling() != null) {
            BenchReport.efficiencyRows(
                    table, Efficiency.of(result, steps), result.workload().name());
        }
    }

    private void profileRows(final BenchTable table, final EndToEndBenchmark e2e, final EndToEndBenchmark.Result result)
            throws IOException {
        if (profileDir != null) {
            BenchReport.profileRows(table, e2e, result);
        }
    }

    /** Counts, rates and durations that make no run are told at once, not after minutes of work. */
    private void checkCounts() {
        positive("--articles", articles);
        positive("--pages-count", pagesCount);
        positive("--pool", pool);
        positive("--generated", generated);
        positive("--rate", rate);
        positive("--partitions", partitions);
        positive("--console-pairs", consolePairs);
        try {
            ConsoleVisitor.Tabs.parse(consoleTabs);
        } catch (IllegalArgumentException e) {
            throw new UserError("--console-" + e.getMessage());
        }
        if (consoleRounds < 0 || !(consoleWindow >= 1) || !(consoleSettle >= 0)) {
            throw new UserError("--console-rounds must be 0 or more, --console-window at least 1 (s), --console-settle"
                    + " 0 or more (s)");
        }
        positive("--timeout", timeoutSeconds);
        if (htmlRate != null) {
            positive("--html-rate", htmlRate);
        }
        if (!(latencySeconds >= 0 && warmupSeconds >= 0 && stageSeconds > 0 && e2eWarmup >= 0)) {
            throw new UserError("--latency-seconds, --warmup-seconds and --e2e-warmup must be 0 or more,"
                    + " --stage-seconds more than 0");
        }
    }

    private static void positive(final String option, final long value) {
        if (value < 1) {
            throw new UserError(option + " must be at least 1, not " + value);
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
}
