package news.pipeline.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.runtime.AvroJson;
import news.pipeline.runtime.StepChain;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process the benchmark measures: either the three pipeline processors or the three identity
 * applications of the ceiling, in a JVM of their own, so that its heap, RSS and CPU are theirs alone
 * (the broker, the load generator and the measuring consumer live in the benchmark's JVM).
 *
 * <p>Protocol on stdin/stdout, one line each: it prints {@code RUNNING} once every application is
 * running; on {@code stats} it prints {@code STATS <json>}; on one of the commands a main adds
 * ({@link #serve(AutoCloseable, Map)}) it runs it and prints {@code DONE <json>}, or
 * {@code FAILED <message>}; on {@code stop} (or end of input) it closes the applications, prints
 * the final {@code STATS <json>} and exits. Logs go to stderr.
 *
 * <p>Usage: {@code ProcessorJvmMain pipeline|ceiling KEY=VALUE...} (the settings of every application).
 * Another main class may take its place ({@link EndToEndBenchmark.Options#processorMain()}) if it
 * speaks the same protocol ({@link #serve}).
 */
public final class ProcessorJvmMain {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorJvmMain.class);

    /** The ceiling's topics, in the order data flows, shaped like the pipeline's four data topics. */
    public static final List<String> CEILING_TOPICS =
            List.of("bench.ceiling.raw", "bench.ceiling.clean", "bench.ceiling.enriched", "bench.ceiling.by-country");

    /** The ceiling's dead-letter topic, shaped like the pipeline's. */
    public static final String CEILING_DEAD_LETTER = "bench.ceiling.dead-letter";

    /** The system property naming the {@link CeilingReplay} file; without it the ceiling copies records on. */
    public static final String CEILING_REPLAY_PROPERTY = "news.bench.ceiling.replay";

    /**
     * The system property holding the replaying ceiling to a pace, in articles per second (its first
     * hop's records); without it the ceiling goes as fast as it can.
     */
    public static final String CEILING_PACE_PROPERTY = "news.bench.ceiling.pace";

    /** The most heap in use right after any collection: what the applications hold, short of garbage not yet reached. */
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();

    private ProcessorJvmMain() {}

    /** Notes the heap in use after each collection. */
    public static void watchCollections() {
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(
                        (notification, handback) -> {
                            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                    notification.getType())) {
                                return;
                            }
                            final GarbageCollectionNotificationInfo info =
                                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                            long used = 0;
                            for (final Map.Entry<String, MemoryUsage> pool :
                                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                                if (HEAP_POOLS.contains(pool.getKey())) {
                                    used += pool.getValue().getUsed();
                                }
                            }
                            PEAK_AFTER_GC.accumulateAndGet(used, Math::max);
                        },
                        null,
                        null);
            }
        }
    }

    public static void main(final String[] args) throws Exception {
        if (args.length < 1 || !(args[0].equals("pipeline") || args[0].equals("ceiling"))) {
            System.err.println("usage: ProcessorJvmMain pipeline|ceiling KEY=VALUE...");
            System.exit(64);
        }
        final Map<String, String> settings = settings(args);
        watchCollections();
        serve(args[0].equals("pipeline") ? startPipeline(settings) : startCeiling(settings));
    }

    /** The settings given after the mode, as KEY=VALUE arguments. */
    public static Map<String, String> settings(final String[] args) {
        final Map<String, String> settings = new LinkedHashMap<>();
        for (final String arg : Arrays.asList(args).subList(1, args.length)) {
            final int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return settings;
    }

    /**
     * Tells the benchmark the applications run, answers its {@code stats} until {@code stop}, then
     * closes them and exits. Another main that starts the processors its own way (the console's
     * cost is measured so) calls {@link #watchCollections()} first and this once they run.
     */
    public static void serve(final AutoCloseable apps) throws Exception {
        serve(apps, Map.of());
    }

    /**
     * As {@link #serve(AutoCloseable)}, and answers each of {@code commands} by its name: runs it and
     * prints {@code DONE} with what it returned as JSON, or {@code FAILED} with the error's message.
     */
    public static void serve(final AutoCloseable apps, final Map<String, Callable<Map<String, Object>>> commands)
            throws Exception {
        System.out.println("RUNNING");
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                if (line.equals("stats")) {
                    System.out.println("STATS " + AvroJson.MAPPER.writeValueAsString(stats()));
                } else if (commands.containsKey(line)) {
                    System.out.println(answer(commands.get(line)));
                } else {
                    System.out.println("FAILED unknown command: " + line);
                }
                System.out.flush();
            }
        }
        apps.close();
        System.out.println("STATS " + AvroJson.MAPPER.writeValueAsString(stats()));
        System.out.flush();
        System.exit(0);
    }

    private static String answer(final Callable<Map<String, Object>> command) {
        try {
            return "DONE " + AvroJson.MAPPER.writeValueAsString(command.call());
        } catch (Exception e) {
            LOG.error("command failed", e);
            // One line: the benchmark reads the reply by lines.
            return "FAILED " + String.valueOf(e).replace('\n', ' ');
        }
    }

    private static AutoCloseable startPipeline(final Map<String, String> settings) throws InterruptedException {
        final StreamsAppRunner runner = new StreamsAppRunner(Arrays.asList(ProcessorApp.values()), settings);
        runner.warmUp();
        runner.start();
        runner.awaitRunning(Duration.ofMinutes(2));
        return runner;
    }

    /**
     * Three identity applications over byte arrays, each with the settings of the pipeline
     * processor at the same position (exactly-once, compression, batching...): what Kafka Streams
     * itself costs on this machine, with no deserialising, cleaning or tagging.
     */
    private static AutoCloseable startCeiling(final Map<String, String> settings)
            throws InterruptedException, IOException {
        final List<KafkaStreams> apps = new ArrayList<>();
        final String replayFile = System.getProperty(CEILING_REPLAY_PROPERTY);
        final CeilingReplay replay = replayFile == null ? null : CeilingReplay.read(Path.of(replayFile));
        final String pace = System.getProperty(CEILING_PACE_PROPERTY);
        // Only the first hop is held back: the later ones get what it forwards, at its rate.
        final Pacer pacer = pace == null ? null : new Pacer(Double.parseDouble(pace));
        final ProcessorApp[] positions = ProcessorApp.values();
        for (int i = 0; i < positions.length; i++) {
            final Properties props = StreamsSettings.forProcessor(positions[i], settings, PipelineMetrics.inMemory());
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-ceiling-" + (i + 1));
            final KafkaStreams app = new KafkaStreams(
                    replay == null
                            ? identity(CEILING_TOPICS.get(i), CEILING_TOPICS.get(i + 1))
                            : replayHop(
                                    replay, i, CEILING_TOPICS.get(i), CEILING_TOPICS.get(i + 1), i == 0 ? pacer : null),
                    props);
            app.start();
            apps.add(app);
        }
        final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!apps.stream().allMatch(app -> app.state() == KafkaStreams.State.RUNNING)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ceiling applications not RUNNING after 2 minutes");
            }
            Thread.sleep(100);
        }
        return () -> {
            final List<Thread> closers = new ArrayList<>();
            for (final KafkaStreams app : apps) {
                final Thread closer = new Thread(() -> app.close(CloseOptions.timeout(Duration.ofSeconds(30))
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)));
                closer.start();
                closers.add(closer);
            }
            for (final Thread closer : closers) {
                closer.join();
            }
        };
    }

    /** One hop of the replaying ceiling: each record's outputs looked up, to the next topic or the dead letters. */
    static Topology replayHop(
            final CeilingReplay replay, final int hop, final String from, final String to, final Pacer pacer) {
        final Topology topology = new Topology();
        final String source = "read-" + from;
        final String processor = "replay-" + to;
        topology.addSource(source, new ByteArrayDeserializer(), new ByteArrayDeserializer(), from);
        topology.addProcessor(processor, () -> new CeilingReplay.HopProcessor(replay, hop, pacer), source);
        if (hop == StepChain.FAN_OUT) {
            // By-country records on their country's partition, as the pipeline's.
            topology.addSink(
                    CeilingReplay.NEXT,
                    to,
                    new ByteArraySerializer(),
                    new ByteArraySerializer(),
                    replay.byCountryPartitioner(),
                    processor);
        } else {
            topology.addSink(CeilingReplay.NEXT, to, new ByteArraySerializer(), new ByteArraySerializer(), processor);
        }
        topology.addSink(
                CeilingReplay.DEAD_LETTER,
                CEILING_DEAD_LETTER,
                new ByteArraySerializer(),
                new ByteArraySerializer(),
                processor);
        return topology;
    }

    static Topology identity(final String from, final String to) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        from,
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-" + from))
                .to(to, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write-" + to));
        return builder.build();
    }

    /** Peak heap (the sum of each heap pool's peak: an upper bound), RSS now and at its peak, CPU and GC time. */
    static Map<String, Object> stats() {
        final Map<String, Object> stats = new LinkedHashMap<>();
        long peakHeap = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        stats.put("peakHeapBytes", peakHeap);
        stats.put("peakHeapAfterGcBytes", PEAK_AFTER_GC.get());
        stats.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        final Map<String, Long> status = procStatus();
        stats.put("vmHwmBytes", status.getOrDefault("VmHWM", -1L));
        stats.put("vmRssBytes", status.getOrDefault("VmRSS", -1L));
        // The JDK's own extension of the bean: it has the process's CPU time; null on a JVM without it.
        final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        stats.put("cpuNanos", os != null ? os.getProcessCpuTime() : -1L);
        long gcMillis = 0;
        for (final var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        stats.put("gcMillis", gcMillis);
        // The JIT compilers' CPU: a fresh JVM's compiler threads take a large share of its CPU for minutes.
        stats.put("compilerCpuNanos", compilerCpuNanos());
        // The collector's own threads' CPU: what the garbage of any work (the console's included) costs.
        stats.put("gcCpuNanos", gcCpuNanos());
        // Each Java thread's CPU by name, so that a part of the process (the console's threads) can be told apart.
        stats.put("threadCpuNanos", threadCpuNanos());
        stats.put("uptimeMillis", ManagementFactory.getRuntimeMXBean().getUptime());
        return stats;
    }

    /**
     * CPU time of the JIT compiler threads (C1 and C2), from each thread's {@code /proc/self/task/N/stat}
     * (they are not Java threads, so the JVM's thread bean does not list them); -1 where there is no /proc.
     */
    static long compilerCpuNanos() {
        return nativeThreadCpuNanos(comm -> comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler"));
    }

    /**
     * CPU time of the garbage collector's threads (G1's and the parallel and serial collectors' workers,
     * markers and refiners, named so by HotSpot), as {@link #compilerCpuNanos()} reads it; -1 where there is no /proc.
     */
    static long gcCpuNanos() {
        return nativeThreadCpuNanos(comm -> comm.startsWith("GC Thread")
                || comm.startsWith("G1 ")
                || comm.startsWith("ParGC Thread")
                || comm.startsWith("GC "));
    }

    /** The CPU time of the process's threads whose kernel name (at most 15 characters) matches; -1 without /proc. */
    private static long nativeThreadCpuNanos(final Predicate<String> comms) {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (final Path task : tasks) {
                try {
                    final String stat = Files.readString(task.resolve("stat"));
                    // pid (comm) state ...: comm may hold spaces, so fields are counted after its closing parenthesis.
                    final int open = stat.indexOf('(');
                    final int close = stat.lastIndexOf(')');
                    final String comm = stat.substring(open + 1, close);
                    if (comms.test(comm)) {
                        final String[] fields = stat.substring(close + 2).split(" ");
                        // utime and stime: fields 14 and 15 of the line, 12 and 13 after the comm.
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        // Linux reports these in USER_HZ ticks, 100 a second on every mainstream kernel configuration.
        return ticks * 10_000_000L;
    }

    /**
     * The CPU time of the live Java threads, summed by thread name; a thread that has ended is no
     * longer counted, so a part of the process is told apart by the names of its long-lived threads.
     */
    static Map<String, Long> threadCpuNanos() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, Long> byName = new TreeMap<>();
        if (!threads.isThreadCpuTimeSupported()) {
            return byName;
        }
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                final long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    byName.merge(info.getThreadName(), cpu, Long::sum);
                }
            }
        }
        return byName;
    }

    /** The kB figures of /proc/self/status (VmHWM, VmRSS...) in bytes; empty where there is no /proc. */
    static Map<String, Long> procStatus() {
        final Map<String, Long> values = new LinkedHashMap<>();
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                final String[] parts = line.split("\\s+");
                if (parts.length == 3 && parts[2].equals("kB")) {
                    values.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no RSS figures.
        }
        return values;
    }
}
