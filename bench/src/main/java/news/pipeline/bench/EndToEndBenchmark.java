package news.pipeline.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.schema.CountryArticle;
import news.pipeline.serde.ValueFormat;
import news.pipeline.topics.TopicAdmin;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One workload end to end on a fresh embedded broker: the pipeline's three processors, then the
 * ceiling's three applications, each in a child JVM of its own. The ceiling replays the records the
 * pipeline writes ({@link CeilingReplay}) when the workload has them, else copies each record on.
 *
 * <p>For each: the raw topic is loaded with warm-up articles and then the workload's articles
 * before the applications start (so the producer is not what is measured); the articles/s is the
 * rate at which the measured articles' records came out at the end between 10% and 90% of them
 * (the tail left out), after the warm-up's; the cold start's is the rate over the first
 * {@link #COLD_START} after RUNNING. Then, with the
 * applications still running and warm, articles are offered at a fixed rate and each one's
 * latency is taken from the raw record's append time (the raw topics use LogAppendTime, and every
 * output record inherits the input's timestamp) to when a read_committed consumer first sees it.
 */
public final class EndToEndBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(EndToEndBenchmark.class);

    /** The window of the cold start's rate, from RUNNING: what a fresh JVM does before its JIT has caught up. */
    public static final Duration COLD_START = Duration.ofSeconds(30);

    /** The cold start's rate is also given for each slice of this many seconds, to show how it rises. */
    static final double COLD_CURVE_STEP_SECONDS = 5;

    /** The share of the measured rate offered in the latency run when no rate is given. */
    public static final double SUSTAINABLE_SHARE = 0.7;

    /**
     * Threads of the benchmark's JVM named with this prefix stand in for someone watching the
     * pipeline (an operator's browser, for one), not for the system measured: their CPU is left out
     * of the broker-side CPU and counted apart ({@link Phase#observerCpuSeconds()}).
     */
    public static final String OBSERVER_THREAD_PREFIX = "bench-observer-";

    /** The key of the broker's counters' growth over the measured articles in a phase's stats. */
    static final String BROKER_COUNTS = "brokerCountsMeasured";

    /**
     * @param rate         the text workload's latency run's offered articles/s
     * @param htmlRate     the HTML workload's; 0 for {@link #SUSTAINABLE_SHARE} of the pipeline's measured rate
     * @param settings     Kafka Streams and client settings for the processors and the ceiling (--set)
     * @param jvmOptions   options of the processors' JVM (-Xmx1g...)
     * @param phaseTimeout how long a throughput run may take
     * @param profileDir   where the processors' JVMs write Flight Recorder recordings; null for none
     * @param warmup       articles sent through each fresh JVM before the measured ones, as a multiple
     *                     of the workload's articles (0 for none)
     * @param processorMain the main class of the processors' JVM, speaking {@link ProcessorJvmMain}'s
     *                      protocol; null for ProcessorJvmMain itself
     * @param paceCeiling  hold the ceiling to the pipeline's measured articles per second instead of
     *                     letting it run as fast as it can ({@link Pacer})
     */
    public record Options(
            int partitions,
            int rate,
            int htmlRate,
            double latencySeconds,
            Map<String, String> settings,
            List<String> jvmOptions,
            Path dataDir,
            Duration phaseTimeout,
            boolean ceiling,
            Path profileDir,
            double warmup,
            String processorMain,
            boolean paceCeiling) {

        public Options {
            if (processorMain == null) {
                processorMain = ProcessorJvmMain.class.getName();
            }
        }

        /**
         * The same, with another main class for the processors' JVM and more options for it, without
         * the ceiling; {@code profile} is where its Flight Recorder recordings go, null for none.
         */
        public Options withProcessorMain(
                final String main, final List<String> moreJvmOptions, final Path dir, final Path profile) {
            final List<String> jvm = new ArrayList<>(jvmOptions);
            jvm.addAll(moreJvmOptions);
            return new Options(
                    partitions,
                    rate,
                    htmlRate,
                    latencySeconds,
                    settings,
                    jvm,
                    dir,
                    phaseTimeout,
                    false,
                    profile,
                    warmup,
                    main,
                    false);
        }
    }

    /** What one run (pipeline or ceiling) gave. */
    public record Phase(
            String mode,
            long articles,
            long expectedRecords,
            long records,
            long strayRecords,
            boolean complete,
            double articlesPerSecond,
            long warmupArticles,
            double coldArticlesPerSecond,
            double coldSeconds,
            List<Double> coldCurve,
            double secondsToComplete,
            long latencyArticles,
            long latencyExpected,
            long latencyVisible,
            double offeredPerSecond,
            double latencyP50Ms,
            double latencyP99Ms,
            double latencyMaxMs,
            Map<String, Object> processStats,
            double processCpuSeconds,
            double benchCpuSeconds,
            double observerCpuSeconds) {
        public double peakHeapMiB() {
            return number("peakHeapBytes") / (1024.0 * 1024);
        }

        public double peakHeapAfterGcMiB() {
            return number("peakHeapAfterGcBytes") / (1024.0 * 1024);
        }

        /** The processors' CPU over the cold start's window (its first {@link #COLD_START}); NaN when shorter. */
        public double cpuSecondsCold() {
            return number("cpuNanosCold") / 1e9;
        }

        /** The JIT compiler threads' part of {@link #cpuSecondsCold()}; NaN when unknown. */
        public double compilerCpuSecondsCold() {
            return number("compilerCpuNanosCold") / 1e9;
        }

        /** The JIT compiler threads' CPU during the measured articles (from the end of the warm-up); NaN when unknown. */
        public double compilerCpuSecondsMeasured() {
            return number("compilerCpuNanosMeasured") / 1e9;
        }

        /** The garbage collector's threads' CPU during the measured articles; NaN when unknown. */
        public double gcCpuSecondsMeasured() {
            return number("gcCpuNanosMeasured") / 1e9;
        }

        /** The CPU of the processors' JVM's Java threads whose names match, during the measured articles. */
        public double threadCpuSecondsMeasured(final Predicate<String> names) {
            final Object value = processStats.get("threadCpuNanosMeasured");
            if (!(value instanceof Map<?, ?> byName)) {
                return Double.NaN;
            }
            double nanos = 0;
            for (final Map.Entry<?, ?> thread : byName.entrySet()) {
                if (names.test(String.valueOf(thread.getKey())) && thread.getValue() instanceof Number n) {
                    nanos += n.doubleValue();
                }
            }
            return nanos / 1e9;
        }

        /**
         * The broker's counters' growth during the measured articles ({@link BrokerCounts}: records,
         * bytes and requests, and the benchmark JVM's CPU by thread); empty when unknown.
         */
        public Map<String, Double> brokerCounts() {
            final Object value = processStats.get(BROKER_COUNTS);
            final Map<String, Double> counts = new TreeMap<>();
            if (value instanceof Map<?, ?> byName) {
                byName.forEach((name, count) -> {
                    if (count instanceof Number n) {
                        counts.put(String.valueOf(name), n.doubleValue());
                    }
                });
            }
            return counts;
        }

        /**
         * The benchmark JVM's JIT compiler threads' CPU during the measured articles: part of
         * {@link #benchCpuSeconds()}, and compiling the broker's code, mostly. One broker serves the
         * pipeline's run and then the ceiling's, so the first run pays most of it.
         */
        public double brokerCompilerCpuSeconds() {
            return Math.max(0, brokerCounts().getOrDefault(BrokerCounts.COMPILER, 0.0)) / 1e9;
        }

        public double gcSeconds() {
            return number("gcMillis") / 1000;
        }

        public double maxHeapMiB() {
            return number("maxHeapBytes") / (1024.0 * 1024);
        }

        public double peakRssMiB() {
            return number("vmHwmBytes") / (1024.0 * 1024);
        }

        private double number(final String key) {
            final Object value = processStats.get(key);
            return value instanceof Number n ? n.doubleValue() : Double.NaN;
        }
    }

    /**
     * @param workload    the measured articles; {@code warmupArticles} more went through first
     * @param ceilingPace the articles per second the ceiling was held to; NaN when it ran freely
     */
    public record Result(
            Workload workload,
            long warmupArticles,
            double preloadSeconds,
            double rawMiB,
            Phase pipeline,
            Phase ceiling,
            double ceilingPace) {}

    /** Articles and the records they put on the last topics: the warm-up's, then the measured ones'. */
    private record Counts(long warmupArticles, long warmupRecords, long articles, long records) {
        long totalRecords() {
            return warmupRecords + records;
        }
    }

    private final Options options;
    private final Progress progress;

    public EndToEndBenchmark(final Options options, final Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    public Options options() {
        return options;
    }

    public Result run(final Workload measured) throws Exception {
        final long warmup = Math.round(options.warmup() * measured.articles());
        final long total = warmup + measured.articles();
        // The warm-up articles are the first ones of the same stream: ids 0..warmup-1, then the measured ones.
        final Workload workload = measured.withArticles(Math.toIntExact(total));
        final Path dir = options.dataDir().resolve(workload.name());
        final String label = "e2e " + workload.name();
        progress.begin(label + ": starting the broker");
        final Result result;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, 0, Map.of())) {
            final PipelineSettings client = PipelineSettings.resolve(
                    null, Map.of(), Map.of(PipelineSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers()));
            createTopics(client);
            progress.end();
            final long loadStart = System.nanoTime();
            final List<String> rawTopics = new ArrayList<>(List.of(Topics.RAW.name()));
            if (options.ceiling()) {
                rawTopics.add(ProcessorJvmMain.CEILING_TOPICS.get(0));
            }
            final AtomicLong loaded = new AtomicLong();
            progress.begin(
                    label + ": loading " + (rawTopics.size() == 1 ? "the raw topic" : rawTopics.size() + " raw topics"),
                    "articles",
                    (long) workload.articles() * rawTopics.size(),
                    loaded::get);
            final long bytes = LoadGenerator.preload(client, workload, rawTopics, loaded);
            final double preloadSeconds = (System.nanoTime() - loadStart) / 1e9;
            progress.end();
            LOG.info(
                    "{}: {} articles ({} MiB) loaded into {} in {} s",
                    workload.name(),
                    workload.articles(),
                    bytes / (1 << 20),
                    rawTopics,
                    String.format("%.1f", preloadSeconds));

            final Map<String, Function<ConsumerRecord<byte[], byte[]>, String>> pipelineIds = pipelineIds();
            final Counts pipelineCounts = new Counts(
                    warmup,
                    workload.expected(0, warmup).records(),
                    measured.articles(),
                    workload.expected(warmup, total).records());
            final Phase pipeline = phase(
                    "pipeline",
                    kafka,
                    client,
                    workload,
                    Topics.RAW.name(),
                    pipelineIds,
                    Set.of(Topics.BY_COUNTRY.name()),
                    pipelineCounts,
                    dir,
                    null,
                    Double.NaN,
                    rateOf(workload));
            Phase ceiling = null;
            // Only the replaying ceiling can be paced; an identity ceiling runs freely.
            double ceilingPace = Double.NaN;
            if (options.ceiling()) {
                final String last = ProcessorJvmMain.CEILING_TOPICS.get(ProcessorJvmMain.CEILING_TOPICS.size() - 1);
                final boolean replay = !workload.hops().isEmpty();
                if (replay && options.paceCeiling()) {
                    ceilingPace = pipeline.articlesPerSecond();
                }
                final Path replayFile = dir.resolve("ceiling-replay.bin");
                if (replay) {
                    CeilingReplay.write(replayFile, workload.values(), workload.hops());
                }
                // Replaying the pipeline's records: its counts. Identity: every article comes out once.
                ceiling = phase(
                        "ceiling",
                        kafka,
                        client,
                        workload,
                        ProcessorJvmMain.CEILING_TOPICS.get(0),
                        Map.of(last, EndConsumer::keyAsId, ProcessorJvmMain.CEILING_DEAD_LETTER, EndConsumer::keyAsId),
                        Set.of(last),
                        replay ? pipelineCounts : new Counts(warmup, warmup, measured.articles(), measured.articles()),
                        dir,
                        replay ? replayFile : null,
                        ceilingPace,
                        // The same load as the pipeline's latency run, so that the two latencies compare.
                        Double.isNaN(pipeline.offeredPerSecond())
                                ? rateOf(workload)
                                : (int) Math.round(pipeline.offeredPerSecond()));
            }
            result = new Result(
                    measured, warmup, preloadSeconds, bytes / (1024.0 * 1024), pipeline, ceiling, ceilingPace);
            progress.begin(label + ": stopping the broker");
        }
        progress.end();
        return result;
    }

    private Phase phase(
            final String mode,
            final EmbeddedKafka kafka,
            final PipelineSettings client,
            final Workload workload,
            final String inputTopic,
            final Map<String, Function<ConsumerRecord<byte[], byte[]>, String>> ids,
            final Set<String> latencyTopics,
            final Counts counts,
            final Path dir,
            final Path replayFile,
            final double pace,
            final int givenLatencyRate)
            throws Exception {
        final Map<String, String> settings = new LinkedHashMap<>(options.settings());
        settings.put(PipelineSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(
                StreamsConfig.STATE_DIR_CONFIG,
                dir.resolve("state-" + mode).toAbsolutePath().toString());
        final boolean identity = mode.equals("ceiling") && replayFile == null;
        final long warmRecords = counts.warmupRecords();
        // The 10% and 90% marks of the measured articles' output.
        try (EndConsumer end = new EndConsumer(
                consumerSettings(client),
                ids,
                latencyTopics,
                counts.totalRecords(),
                warmRecords + Math.round(0.1 * counts.records()),
                warmRecords + Math.round(0.9 * counts.records()))) {
            final List<String> jvm = new ArrayList<>(options.jvmOptions());
            if (replayFile != null) {
                jvm.add("-D" + ProcessorJvmMain.CEILING_REPLAY_PROPERTY + "=" + replayFile.toAbsolutePath());
            }
            if (!Double.isNaN(pace)) {
                jvm.add("-D" + ProcessorJvmMain.CEILING_PACE_PROPERTY + "=" + pace);
            }
            if (options.profileDir() != null) {
                jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + profileRecording(workload, mode).toAbsolutePath());
            }
            final String label = "e2e " + workload.name() + " " + mode;
            progress.begin(label + ": starting the processors' JVM");
            final ProcessorJvm processorJvm =
                    ProcessorJvm.start(options.processorMain(), mode, settings, jvm, dir.resolve(mode + ".log"));
            // The processors' CPU over the cold start's window, the JIT compiler's apart: what the gap is made of.
            // Shut down whichever way the phase ends, so that a failed phase leaves no timer behind.
            final ScheduledExecutorService coldTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                final Thread thread = new Thread(runnable, "bench-cold-start-timer");
                thread.setDaemon(true);
                return thread;
            });
            try {
                processorJvm.awaitRunning(Duration.ofMinutes(3));
                final long running = System.nanoTime();
                final Map<String, Object> runningStats = processorJvm.stats();
                final ScheduledFuture<Map<String, Object>> coldStats = coldTimer.schedule(
                        processorJvm::stats,
                        COLD_START.toNanos() - (System.nanoTime() - running),
                        TimeUnit.NANOSECONDS);
                progress.end();
                LOG.info(
                        "{} {}: running (pid {}); waiting for {} records ({} from the warm-up)",
                        workload.name(),
                        mode,
                        processorJvm.pid(),
                        counts.totalRecords(),
                        warmRecords);
                // A fresh JVM spends its first tens of seconds compiling (the C2 compiler thread took some
                // 40% of a core through a 10,000-page HTML run); a processor that runs for days does not.
                // So the warm-up's output is waited for first, and CPU is counted from there.
                if (counts.warmupArticles() > 0) {
                    progress.begin(
                            label + ": warm-up",
                            "articles",
                            counts.warmupArticles(),
                            () -> articlesOut(end.throughputRecords(), 0, warmRecords, counts.warmupArticles()));
                }
                end.awaitThroughputRecords(warmRecords, options.phaseTimeout());
                final long benchCpuWarm = ownCpuNanos();
                final long observerCpuWarm = observerCpuNanos();
                final Map<String, Double> brokerWarm = BrokerCounts.snapshot();
                final Map<String, Object> warmStats = processorJvm.stats();
                final double warmCpu = ((Number) warmStats.get("cpuNanos")).doubleValue() / 1e9;
                progress.begin(
                        label + ": measured run",
                        "articles",
                        counts.articles(),
                        () -> articlesOut(end.throughputRecords(), warmRecords, counts.records(), counts.articles()));
                final boolean complete = end.awaitThroughputRecords(options.phaseTimeout());
                final long done = System.nanoTime();
                final Map<String, Double> brokerMeasured = BrokerCounts.growth(brokerWarm, BrokerCounts.snapshot());
                progress.end();
                final Map<String, Object> throughputStats = processorJvm.stats();
                final double observerCpu = (observerCpuNanos() - observerCpuWarm) / 1e9;
                final double benchCpu = (ownCpuNanos() - benchCpuWarm) / 1e9 - observerCpu;
                final double coldSeconds = Math.min(COLD_START.toNanos(), done - running) / 1e9;
                final Map<String, Object> coldEnd = coldStats.cancel(false) ? null : coldStats.get();
                final double coldRate = coldStartRate(end, running, 0, coldSeconds, counts);
                final List<Double> coldCurve = new ArrayList<>();
                for (double from = 0; from + COLD_CURVE_STEP_SECONDS <= coldSeconds; from += COLD_CURVE_STEP_SECONDS) {
                    coldCurve.add(coldStartRate(end, running, from, from + COLD_CURVE_STEP_SECONDS, counts));
                }
                final double rate = rate(end, 0, 1, 0.8 * counts.articles());
                LOG.info(
                        "{} {}: {} of {} records in {} s; {} articles/s over the measured articles, {} over the first {} s",
                        workload.name(),
                        mode,
                        end.throughputRecords(),
                        counts.totalRecords(),
                        String.format("%.1f", (done - running) / 1e9),
                        String.format("%.0f", rate),
                        String.format("%.0f", coldRate),
                        String.format("%.0f", coldSeconds));

                long latencyArticles = 0;
                long latencyExpected = 0;
                double offered = Double.NaN;
                if (options.latencySeconds() > 0 && complete) {
                    final int latencyRate = givenLatencyRate > 0 ? givenLatencyRate : sustainable(rate);
                    latencyArticles = Math.max(1, Math.round(latencyRate * options.latencySeconds()));
                    final long from = workload.articles(); // after every throughput article, warm-up included
                    final Workload.Expected latencyOutput = identity
                            ? new Workload.Expected(latencyArticles, 0, latencyArticles, latencyArticles)
                            : workload.expected(from, from + latencyArticles);
                    latencyExpected = latencyOutput.visibleArticles();
                    // Counted as they come out, so that sending them and waiting for the last ones are one phase.
                    progress.begin(
                            String.format(Locale.ROOT, "%s: latency run at %d/s", label, latencyRate),
                            "articles",
                            latencyExpected,
                            end::latencyArticleCount);
                    offered = LoadGenerator.offer(client, workload, inputTopic, from, latencyArticles, latencyRate);
                    final boolean allThrough = end.awaitLatencyArticles(latencyExpected, options.phaseTimeout());
                    progress.end();
                    if (!allThrough) {
                        LOG.warn(
                                "{} {}: only {} of {} latency articles came through",
                                workload.name(),
                                mode,
                                end.latencyArticleCount(),
                                latencyExpected);
                    }
                }
                progress.begin(label + ": stopping the processors");
                final Map<String, Object> finalStats = processorJvm.stop();
                progress.end();
                final Map<String, Object> stats = new LinkedHashMap<>(finalStats);
                stats.put("cpuNanosThroughput", throughputStats.get("cpuNanos"));
                if (coldEnd != null) {
                    stats.put("cpuNanosCold", difference(coldEnd, runningStats, "cpuNanos"));
                    stats.put("compilerCpuNanosCold", difference(coldEnd, runningStats, "compilerCpuNanos"));
                }
                final long compilerAtEnd = ((Number) throughputStats.get("compilerCpuNanos")).longValue();
                final long compilerAtWarm = ((Number) warmStats.get("compilerCpuNanos")).longValue();
                stats.put(
                        "compilerCpuNanosMeasured",
                        compilerAtEnd < 0 || compilerAtWarm < 0 ? Double.NaN : compilerAtEnd - compilerAtWarm);
                stats.put("gcCpuNanosMeasured", measured(warmStats, throughputStats, "gcCpuNanos"));
                stats.put("threadCpuNanosMeasured", threadCpuMeasured(warmStats, throughputStats));
                stats.put(BROKER_COUNTS, brokerMeasured);
                LOG.info(
                        "{} {}: the broker's counters per measured article: {}",
                        workload.name(),
                        mode,
                        brokerMeasured.entrySet().stream()
                                .map(count -> String.format(
                                        Locale.ROOT, "%s=%.4f", count.getKey(), count.getValue() / counts.articles()))
                                .collect(Collectors.joining(" ")));
                final long[] latencies = end.latencies();
                final Percentiles p = latencies.length == 0 ? null : Percentiles.of(latencies);
                final double processCpu = ((Number) throughputStats.get("cpuNanos")).doubleValue() / 1e9 - warmCpu;
                return new Phase(
                        mode,
                        counts.articles(),
                        counts.totalRecords(),
                        end.throughputRecords(),
                        end.otherRecords(),
                        complete,
                        rate,
                        counts.warmupArticles(),
                        coldRate,
                        coldSeconds,
                        List.copyOf(coldCurve),
                        (done - running) / 1e9,
                        latencyArticles,
                        latencyExpected,
                        end.latencyArticleCount(),
                        offered,
                        p == null ? Double.NaN : p.median(),
                        p == null ? Double.NaN : p.p99(),
                        p == null ? Double.NaN : p.max(),
                        stats,
                        processCpu,
                        benchCpu,
                        observerCpu);
            } finally {
                coldTimer.shutdownNow();
                processorJvm.close();
            }
        }
    }

    /**
     * Articles/s between {@code from} and {@code to} seconds after RUNNING: every article is in the
     * raw topic before the processors start, so what comes out in a fresh JVM's first seconds is
     * what a restarted, deployed or added processor does with a backlog while its JIT compiler is
     * still at work.
     */
    private static double coldStartRate(
            final EndConsumer end, final long running, final double from, final double to, final Counts counts) {
        if (to <= from) {
            return Double.NaN;
        }
        final long articles = counts.warmupArticles() + counts.articles();
        final long before = articlesOut(
                end.throughputRecordsBy(running + Math.round(from * 1e9)), 0, counts.totalRecords(), articles);
        final long by = articlesOut(
                end.throughputRecordsBy(running + Math.round(to * 1e9)), 0, counts.totalRecords(), articles);
        return (by - before) / (to - from);
    }

    /** A counter's growth between two sets of the processors' figures; NaN when either is unknown (negative). */
    private static double difference(
            final Map<String, Object> later, final Map<String, Object> earlier, final String key) {
        final long end = ((Number) later.get(key)).longValue();
        final long start = ((Number) earlier.get(key)).longValue();
        return end < 0 || start < 0 ? Double.NaN : end - start;
    }

    /**
     * About how many of {@code articles} articles have come out, from the records of theirs read
     * ({@code records - before}, of {@code expected}): records per article vary, but over many
     * articles they come out in about the order they went in, the same assumption the articles/s
     * between the 10% and 90% marks makes.
     */
    static long articlesOut(final long records, final long before, final long expected, final long articles) {
        if (expected <= 0) {
            return 0;
        }
        final long mine = Math.min(expected, Math.max(0, records - before));
        return Math.round((double) mine * articles / expected);
    }

    /** Articles/s between two marks of the output, over which {@code articles} articles' records came out. */
    private static double rate(final EndConsumer end, final int fromMark, final int toMark, final double articles) {
        final long start = end.markNanos(fromMark);
        final long stop = end.markNanos(toMark);
        return articles > 0 && start > 0 && stop > start ? articles / ((stop - start) / 1e9) : Double.NaN;
    }

    /** The latency run's offered articles/s for this workload; 0 when it follows the measured rate. */
    private int rateOf(final Workload workload) {
        return workload.name().equals("html") ? options.htmlRate() : options.rate();
    }

    /**
     * The load offered when the latency run follows the measured rate: a share of it that the
     * processors can take, so that the latency is a warm pipeline's and not a growing queue's.
     */
    static int sustainable(final double measuredArticlesPerSecond) {
        return Double.isNaN(measuredArticlesPerSecond)
                ? 1
                : (int) Math.max(1, Math.round(SUSTAINABLE_SHARE * measuredArticlesPerSecond));
    }

    /** The Flight Recorder file of one run, when profiling. */
    public Path profileRecording(final Workload workload, final String mode) {
        return options.profileDir().resolve(workload.name() + "-" + mode + ".jfr");
    }

    /** How the end consumer finds the article of each record on the pipeline's last topics. */
    Map<String, Function<ConsumerRecord<byte[], byte[]>, String>> pipelineIds() {
        // In the processors' framing: single-object encoding, or for their schema registry.
        final Deserializer<CountryArticle> countries = Topics.BY_COUNTRY
                .valueSerde(ValueFormat.fromSettings(options.settings()))
                .deserializer();
        return Map.of(
                Topics.BY_COUNTRY.name(),
                record -> countries
                        .deserialize(Topics.BY_COUNTRY.name(), record.value())
                        .getArticleId(),
                Topics.DEAD_LETTER.name(),
                EndConsumer::keyAsId);
    }

    /** The end consumer's settings: the client settings plus any consumer.* override given for the processors. */
    Map<String, Object> consumerSettings(final PipelineSettings client) {
        final Map<String, Object> config = new HashMap<>(client.clientSettings());
        options.settings().forEach((key, value) -> {
            if (key.startsWith(StreamsConfig.CONSUMER_PREFIX)) {
                config.put(key.substring(StreamsConfig.CONSUMER_PREFIX.length()), value);
            }
        });
        return config;
    }

    /** The pipeline's topics and the ceiling's, with the registry's settings; raw topics keep the broker's append time. */
    void createTopics(final PipelineSettings client) throws InterruptedException, TimeoutException {
        final List<NewTopic> topics = new ArrayList<>();
        for (final TopicSpec<?, ?> spec : Topics.all()) {
            topics.add(newTopic(spec.name(), spec));
        }
        if (options.ceiling()) {
            final List<TopicSpec<?, ?>> shapes = List.of(Topics.RAW, Topics.CLEAN, Topics.ENRICHED, Topics.BY_COUNTRY);
            for (int i = 0; i < shapes.size(); i++) {
                topics.add(newTopic(ProcessorJvmMain.CEILING_TOPICS.get(i), shapes.get(i)));
            }
            topics.add(newTopic(ProcessorJvmMain.CEILING_DEAD_LETTER, Topics.DEAD_LETTER));
        }
        try (Admin admin = Clients.admin(client)) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            new TopicAdmin(admin).awaitReady(topics.stream().map(NewTopic::name).toList(), Duration.ofSeconds(60));
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot create the benchmark topics: " + e.getCause().getMessage(), e);
        }
    }

    private NewTopic newTopic(final String name, final TopicSpec<?, ?> shape) {
        final Map<String, String> configs = new HashMap<>(shape.configs());
        if (shape == Topics.RAW) {
            configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        }
        return new NewTopic(name, Optional.of(options.partitions()), Optional.empty()).configs(configs);
    }

    /** A counter's growth between two stats; NaN when either is unknown (-1). */
    private static double measured(final Map<String, Object> from, final Map<String, Object> to, final String key) {
        final long start = ((Number) from.getOrDefault(key, -1L)).longValue();
        final long end = ((Number) to.getOrDefault(key, -1L)).longValue();
        return start < 0 || end < 0 ? Double.NaN : end - start;
    }

    /** Each named thread's CPU between two stats; a thread started in between counts from zero. */
    static Map<String, Long> threadCpuMeasured(final Map<String, Object> from, final Map<String, Object> to) {
        final Map<String, Long> grown = new TreeMap<>();
        if (to.get("threadCpuNanos") instanceof Map<?, ?> end) {
            final Map<?, ?> start = from.get("threadCpuNanos") instanceof Map<?, ?> known ? known : Map.of();
            end.forEach((name, cpu) -> {
                final long before = start.get(name) instanceof Number n ? n.longValue() : 0;
                grown.put(String.valueOf(name), Math.max(0, ((Number) cpu).longValue() - before));
            });
        }
        return grown;
    }

    /** This JVM's CPU so far less its observers' now alive: the broker's, where it runs in this JVM. */
    static long brokerCpuNanos() {
        return ownCpuNanos() - observerCpuNanos();
    }

    /** The CPU of this JVM's observer threads ({@link #OBSERVER_THREAD_PREFIX}) alive now. */
    private static long observerCpuNanos() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(OBSERVER_THREAD_PREFIX)) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos;
    }

    private static long ownCpuNanos() {
        // The JDK's own extension of the bean: it has the process's CPU time; null on a JVM without it.
        final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        return os != null ? os.getProcessCpuTime() : 0;
    }
}
