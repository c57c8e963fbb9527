package news.pipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One processors' JVM working through a backlog while something in it (the console) is switched on
 * and off in alternating windows ({@link Alternation}): every article is in the raw topic before
 * the processors start, as in {@link EndToEndBenchmark}, so the rate of each window is what the
 * pipeline can do, and the end consumer's record counts over time give each window's articles.
 * After a warm-up with the thing off, the windows follow
 * {@link Alternation#schedule}; each
 * switch is a command of the processors' JVM, and the window starts a settling time after it has
 * been done, so that neither the switch nor its first moments are counted. Before each window the
 * backlog is topped up when what is left would not last the remaining windows at the fastest rate
 * seen so far (with a margin): so it is sized by this JVM's own rate, and loading it costs no
 * window anything.
 */
public final class AlternatingBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(AlternatingBenchmark.class);

    /**
     * The groups of threads whose CPU each window records, in the order reported: the switched
     * thing's own, the processors' stream threads, their producers' network threads, the rest of
     * their Java threads, the collector's and the JIT compiler's native threads, what the processors'
     * JVM spent outside all these (other native threads, threads that ended), and the broker's JVM
     * (this one, less its observers).
     */
    public static final List<String> THREAD_GROUPS = List.of(
            "switched", "stream", "producer network", "other Java", "GC", "JIT", "rest of the JVM", "broker JVM");

    /** How long a switch may take: switching on includes reading the history the thing reads at start. */
    private static final Duration SWITCH_TIMEOUT = Duration.ofMinutes(3);

    /**
     * The windows.
     *
     * @param window      how long each window lasts
     * @param settle      the time after a switch before the window starts
     * @param warmup      how long the processors run, with the thing off, before the first window
     * @param warmupPairs pairs of windows run and dropped first
     * @param pairs       pairs of windows measured
     */
    public record Plan(Duration window, Duration settle, Duration warmup, int warmupPairs, int pairs) {
        public List<Alternation.Slot> slots() {
            return Alternation.schedule(warmupPairs, pairs);
        }

        /** How long the processors must still have a backlog after they start. */
        public double seconds() {
            return warmup.toMillis() / 1000.0 + windowsSeconds();
        }

        /** How long the windows from the {@code from}-th on take, with the settling after each switch. */
        public double remainingSeconds(final int from) {
            final List<Alternation.Slot> slots = slots();
            return Alternation.seconds(
                    slots.subList(from, slots.size()), window.toMillis() / 1000.0, settle.toMillis() / 1000.0);
        }

        /** How long the windows take. */
        public double windowsSeconds() {
            return remainingSeconds(0);
        }
    }

    /** What is switched: commands of the processors' JVM, and what goes with it outside that JVM. */
    public interface Switch {
        /** The processors' JVM's command that turns it on ({@link ProcessorJvmMain#serve(AutoCloseable, Map)}). */
        String onCommand();

        /** The command that turns it off. */
        String offCommand();

        /** Called once it is on in the processors' JVM (a console's visitor starts here). */
        void switchedOn();

        /** Called before it is turned off in the processors' JVM. */
        void switchingOff();

        /** Whether a thread of the processors' JVM, by name, is its own. */
        boolean owns(String threadName);
    }

    /**
     * @param windows        the windows run, in order (fewer than planned when the backlog ran out)
     * @param planned        the windows planned
     * @param switchReplies  what each switch's command answered, in order
     * @param loaded         the articles loaded before the processors started
     * @param articles       the articles of the backlog, with those added after the warm-up
     * @param warmupRate     the articles/s of the warm-up's second half, from which the backlog was first topped up
     */
    public record Result(
            List<Alternation.Window> windows,
            int planned,
            List<Map<String, Object>> switchReplies,
            long loaded,
            long articles,
            double warmupRate) {
        public List<Alternation.Pair> pairs() {
            return Alternation.pairs(windows);
        }
    }

    private final EndToEndBenchmark.Options options;
    private final Progress progress;

    /** @param options the end-to-end options; its processor main must answer the switch's commands */
    public AlternatingBenchmark(final EndToEndBenchmark.Options options, final Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * @param workload the backlog loaded first: enough for the whole plan at a rate guessed from
     *                 elsewhere; it is topped up after the warm-up for this JVM's own rate
     * @param margin   the backlog is topped up to this many times what the windows need at the
     *                 warm-up's rate (a JVM's rate still rises after its warm-up)
     */
    public Result run(final Workload workload, final Plan plan, final Switch switched, final double margin)
            throws Exception {
        final EndToEndBenchmark topics = new EndToEndBenchmark(options, progress);
        final Path dir = options.dataDir().resolve(workload.name());
        final String label = "e2e " + workload.name();
        progress.begin(label + ": starting the broker");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, 0, Map.of())) {
            final PipelineSettings client = PipelineSettings.resolve(
                    null, Map.of(), Map.of(PipelineSettings.BOOTSTRAP_SERVERS, kafka.bootstrapServers()));
            topics.createTopics(client);
            progress.end();
            final AtomicLong loaded = new AtomicLong();
            final long freeBeforeLoad = usableBytes(dir);
            progress.begin(label + ": loading the raw topic", "articles", workload.articles(), loaded::get);
            LoadGenerator.preload(client, workload, List.of(Topics.RAW.name()), loaded);
            progress.end();
            final double loadBytesPerArticle =
                    Math.max(0, freeBeforeLoad - usableBytes(dir)) / (double) workload.articles();
            try (EndConsumer end = new EndConsumer(
                    topics.consumerSettings(client),
                    topics.pipelineIds(),
                    Set.of(Topics.BY_COUNTRY.name()),
                    workload.expected(0, workload.articles()).records())) {
                return measure(
                        new Run(workload, plan, switched, margin, client, kafka, dir, label, end, loadBytesPerArticle));
            } finally {
                progress.begin(label + ": stopping the broker");
            }
        } finally {
            progress.end();
        }
    }

    /** What one run works with. */
    private record Run(
            Workload loaded,
            Plan plan,
            Switch switched,
            double margin,
            PipelineSettings client,
            EmbeddedKafka kafka,
            Path dir,
            String label,
            EndConsumer end,
            double loadBytesPerArticle) {}

    private Result measure(final Run run) throws Exception {
        final Plan plan = run.plan();
        final Switch switched = run.switched();
        final EndConsumer end = run.end();
        final String label = run.label();
        final Path dir = run.dir();
        Workload workload = run.loaded();
        final Map<String, String> settings = new LinkedHashMap<>(options.settings());
        settings.put(PipelineSettings.BOOTSTRAP_SERVERS, run.kafka().bootstrapServers());
        settings.put(
                StreamsConfig.STATE_DIR_CONFIG,
                dir.resolve("state-pipeline").toAbsolutePath().toString());
        final List<String> jvm = new ArrayList<>(options.jvmOptions());
        if (options.profileDir() != null) {
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + options.profileDir()
                            .resolve(workload.name() + "-pipeline.jfr")
                            .toAbsolutePath());
        }
        progress.begin(label + ": starting the processors' JVM");
        final List<Raw> raws = new ArrayList<>();
        final List<Map<String, Object>> replies = new ArrayList<>();
        final List<Alternation.Slot> slots = plan.slots();
        double warmupRate;
        try (ProcessorJvm processorJvm =
                ProcessorJvm.start(options.processorMain(), "pipeline", settings, jvm, dir.resolve("pipeline.log"))) {
            processorJvm.awaitRunning(Duration.ofMinutes(3));
            progress.end();
            final long freeBeforeWarmup = usableBytes(dir);
            final long recordsBeforeWarmup = end.throughputRecords();
            progress.begin(label + ": warm-up, " + plan.warmup().toSeconds() + " s");
            Thread.sleep(plan.warmup().toMillis());
            progress.end();
            // what the processors write for an article, on every topic and in their state
            final double outputBytesPerArticle = Math.max(0, freeBeforeWarmup - usableBytes(dir))
                    / Math.max(1, (end.throughputRecords() - recordsBeforeWarmup) * articlesPerRecord(workload));
            final long now = System.nanoTime();
            final long half = plan.warmup().toNanos() / 2;
            warmupRate = (end.throughputRecordsBy(now) - end.throughputRecordsBy(now - half))
                    * articlesPerRecord(workload)
                    / (half / 1e9);
            double fastest = warmupRate;
            boolean on = false;
            try {
                for (int i = 0; i < slots.size(); i++) {
                    final Alternation.Slot slot = slots.get(i);
                    // A broker whose disk fills stops, and the run with it: stop first, keeping the pairs done.
                    final double remaining = plan.remainingSeconds(i);
                    final long toLoad = topUpSize(run, workload, fastest, remaining);
                    final long needed = Alternation.diskNeeded(
                            toLoad,
                            run.loadBytesPerArticle(),
                            (long) Math.ceil(fastest * remaining),
                            outputBytesPerArticle);
                    final long usable = usableBytes(dir);
                    if (!Alternation.diskHolds(usable, needed)) {
                        final String shortOfDisk = String.format(
                                Locale.ROOT,
                                "%s: the rest of the plan needs about %.1f GB of disk and %.1f GB are free on %s"
                                        + " (%.1f GB kept free)",
                                label,
                                needed / 1e9,
                                usable / 1e9,
                                dir,
                                Alternation.DISK_HEADROOM_BYTES / 1e9);
                        if (raws.isEmpty()) {
                            throw new NotEnoughDiskException(shortOfDisk
                                    + ": run fewer pairs or shorter windows, or give --data-dir on a larger disk");
                        }
                        LOG.warn(
                                "{}; stopped after {} of {} windows, pairs after it are left out",
                                shortOfDisk,
                                i,
                                slots.size());
                        break;
                    }
                    // Between windows, never in one: enough backlog for the rest at the fastest rate seen so far.
                    final Workload before = workload;
                    workload = topUp(run, workload, toLoad, fastest);
                    progress.begin(String.format(
                            Locale.ROOT,
                            "%s: window %d of %d (%s, %s)",
                            label,
                            i + 1,
                            slots.size(),
                            slot.on() ? "on" : "off",
                            slot.pair() < 0 ? "warm-up" : "pair " + (slot.pair() + 1)));
                    if (workload != before && !slot.switches()) {
                        Thread.sleep(plan.settle().toMillis());
                    }
                    if (slot.switches()) {
                        if (slot.on()) {
                            replies.add(processorJvm.command(switched.onCommand(), SWITCH_TIMEOUT));
                            on = true;
                            switched.switchedOn();
                        } else {
                            switched.switchingOff();
                            on = false;
                            replies.add(processorJvm.command(switched.offCommand(), SWITCH_TIMEOUT));
                        }
                        Thread.sleep(plan.settle().toMillis());
                    }
                    final long start = System.nanoTime();
                    final long brokerAtStart = EndToEndBenchmark.brokerCpuNanos();
                    final Map<String, Object> atStart = processorJvm.stats();
                    Thread.sleep(Math.max(0, plan.window().toMillis() - (System.nanoTime() - start) / 1_000_000));
                    final long stop = System.nanoTime();
                    final long expected =
                            workload.expected(0, workload.articles()).records();
                    final Map<String, Object> atStop = processorJvm.stats();
                    final long brokerNanos = EndToEndBenchmark.brokerCpuNanos() - brokerAtStart;
                    raws.add(new Raw(slot, start, stop, atStart, atStop, expected, brokerNanos));
                    progress.end();
                    fastest = Math.max(
                            fastest,
                            (end.throughputRecords() - end.throughputRecordsBy(start))
                                    * articlesPerRecord(workload)
                                    / ((System.nanoTime() - start) / 1e9));
                    if (!Alternation.backlogLeft(end.throughputRecords(), expected)) {
                        LOG.warn(
                                "{}: the backlog ran out after {} of {} windows; pairs after it are left out",
                                label,
                                i + 1,
                                slots.size());
                        break;
                    }
                }
            } finally {
                if (on) {
                    switched.switchingOff();
                }
            }
            progress.begin(label + ": stopping the processors");
            processorJvm.stop();
            progress.end();
        }
        final double articlesPerRecord = articlesPerRecord(workload);
        final List<Alternation.Window> windows = new ArrayList<>();
        for (final Raw raw : raws) {
            final long recordsAtEnd = end.throughputRecordsBy(raw.stop());
            final Map<String, Long> threads = EndToEndBenchmark.threadCpuMeasured(raw.before(), raw.after());
            windows.add(new Alternation.Window(
                    raw.slot(),
                    (raw.stop() - raw.start()) / 1e9,
                    (recordsAtEnd - end.throughputRecordsBy(raw.start())) * articlesPerRecord,
                    seconds(raw, "cpuNanos"),
                    sum(threads, switched::owns) / 1e9,
                    seconds(raw, "gcCpuNanos"),
                    seconds(raw, "compilerCpuNanos"),
                    Alternation.backlogLeft(recordsAtEnd, raw.expectedRecords()),
                    cpuByGroup(raw, threads, switched)));
        }
        return new Result(
                List.copyOf(windows),
                slots.size(),
                List.copyOf(replies),
                run.loaded().articles(),
                workload.articles(),
                warmupRate);
    }

    /**
     * The backlog with {@code size} more articles loaded into the raw topic ({@link #topUpSize}, which
     * the disk check weighed first); as it was when {@code size} is 0. {@code articlesPerSecond}, the
     * rate it was sized for, is only shown.
     */
    private Workload topUp(final Run run, final Workload workload, final long size, final double articlesPerSecond)
            throws InterruptedException {
        if (size == 0) {
            return workload;
        }
        final long needed = workload.articles() + size;
        final Workload more = workload.withArticles(Math.toIntExact(needed));
        final AtomicLong loaded = new AtomicLong();
        progress.begin(
                run.label() + ": topping the backlog up for " + Math.round(articlesPerSecond) + " articles/s",
                "articles",
                needed - workload.articles(),
                loaded::get);
        LoadGenerator.preload(run.client(), more, workload.articles(), List.of(Topics.RAW.name()), loaded);
        progress.end();
        LOG.info("{}: backlog topped up from {} to {} articles", run.label(), workload.articles(), needed);
        return more;
    }

    /**
     * How many articles to load into the raw topic now: none while what is left would last {@code
     * seconds} more at {@code articlesPerSecond} (the output's last part left out), else enough for
     * the margin times that.
     */
    private static long topUpSize(
            final Run run, final Workload workload, final double articlesPerSecond, final double seconds) {
        if (!(articlesPerSecond > 0) || seconds <= 0) {
            return 0;
        }
        final long out = Math.round(run.end().throughputRecords() * articlesPerRecord(workload));
        final long done = (long) Math.ceil(out / Alternation.BACKLOG_SHARE);
        // Topped up only when it would run short at the rate itself, then with the margin: a few loads, not many.
        if (done + Alternation.articlesFor(articlesPerSecond, seconds, 1) <= workload.articles()) {
            return 0;
        }
        return done + Alternation.articlesFor(articlesPerSecond, seconds, run.margin()) - workload.articles();
    }

    /** Usable bytes on the disk holding {@code dir}. */
    private static long usableBytes(final Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + dir, e);
        }
    }

    private static double articlesPerRecord(final Workload workload) {
        return (double) workload.articles()
                / workload.expected(0, workload.articles()).records();
    }

    /**
     * One window's times, the processors' figures at its edges, and the records the backlog then
     * held (it may be topped up later).
     */
    private record Raw(
            Alternation.Slot slot,
            long start,
            long stop,
            Map<String, Object> before,
            Map<String, Object> after,
            long expectedRecords,
            long brokerCpuNanos) {}

    /** The window's CPU by {@link #THREAD_GROUPS}, in seconds. */
    static Map<String, Double> cpuByGroup(final Raw raw, final Map<String, Long> threads, final Switch switched) {
        final Map<String, Double> groups = new LinkedHashMap<>();
        THREAD_GROUPS.forEach(group -> groups.put(group, 0.0));
        double javaThreads = 0;
        for (final Map.Entry<String, Long> thread : threads.entrySet()) {
            final double cpu = thread.getValue() / 1e9;
            groups.merge(threadGroup(thread.getKey(), switched), cpu, Double::sum);
            javaThreads += cpu;
        }
        final double gc = seconds(raw, "gcCpuNanos");
        final double jit = seconds(raw, "compilerCpuNanos");
        groups.put("GC", gc);
        groups.put("JIT", jit);
        groups.put("rest of the JVM", seconds(raw, "cpuNanos") - javaThreads - gc - jit);
        groups.put("broker JVM", raw.brokerCpuNanos() / 1e9);
        return groups;
    }

    /**
     * A Java thread's group, by the names Kafka gives its threads: a Streams thread is
     * "APP-ID-StreamThread-N", its producer's "kafka-producer-network-thread | APP-ID-StreamThread-N-producer".
     */
    static String threadGroup(final String name, final Switch switched) {
        if (switched.owns(name)) {
            return "switched";
        }
        if (name.startsWith("kafka-producer-network-thread")) {
            return "producer network";
        }
        if (name.contains("-StreamThread-") && !name.startsWith("kafka-")) {
            return "stream";
        }
        return "other Java";
    }

    /** A counter's growth over a window, in seconds; NaN when unknown (negative). */
    private static double seconds(final Raw raw, final String key) {
        final long from = ((Number) raw.before().getOrDefault(key, -1L)).longValue();
        final long to = ((Number) raw.after().getOrDefault(key, -1L)).longValue();
        return from < 0 || to < 0 ? Double.NaN : (to - from) / 1e9;
    }

    private static long sum(final Map<String, Long> byThread, final Predicate<String> names) {
        return byThread.entrySet().stream()
                .filter(thread -> names.test(thread.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
