package news.pipeline.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import news.pipeline.runtime.LocalCluster;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.testkit.ArticleFlow;
import news.pipeline.testkit.ClusterFaults;
import news.pipeline.testkit.Delivery;
import news.pipeline.testkit.FaultKit;
import news.pipeline.testkit.ForkedPipeline;
import news.pipeline.testkit.OutputWatch;
import news.pipeline.testkit.TopicFollower;
import news.pipeline.testkit.TopicMarks;
import news.pipeline.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a replicated cluster of three KRaft nodes ({@link LocalCluster}, each node a
 * process of its own; topics at replication factor 3, min.insync.replicas 2) while nodes are
 * killed, paused and restarted under it. The processors run in JVMs of their own, articles flow
 * in at a steady rate the whole time, and read_committed readers must find every article exactly
 * once on enriched and each of its countries exactly once on by-country, with no dead letter.
 *
 * <p>Every case prints, for each fault, how long the first article sent after it took to come
 * out (the recovery), and the longest time no new article came out (the stall).
 *
 * <p>One cluster and one processors' JVM (all three processors) serve every case, as a deployment
 * lives through one fault after another. Each case sends articles numbered past the cases before
 * it and reads the output topics from where they ended when it began, so that its counts are its
 * own; any record after that moment that is not one of its articles fails it (an earlier case's
 * article coming out again is a duplicate). Starting processors and fresh topics for each case
 * took a quarter of the class's time and proved nothing more: a processors' JVM starting against
 * the cluster is in every case's log anyway, in the scale-out case's new instances.
 */
@Tag("fault")
class ReplicatedClusterFaultIT {
    /**
     * At least this many articles flow through each case; more when its faults take longer. They
     * flow at the case's rate while its faults last, then as fast as the pipeline takes them.
     */
    private static final int ARTICLES = 20_000;
    /** The most articles a case may send: more than any case's faults take at its rate. */
    private static final int MAX_ARTICLES = 500_000;

    private static final Duration LEADER_DOWN = Duration.ofSeconds(10);
    private static final Duration HUNG = Duration.ofSeconds(30);
    private static final Duration TWO_DOWN = Duration.ofSeconds(20);
    private static final Duration NODE_START = Duration.ofMinutes(2);
    private static final Duration IN_SYNC = Duration.ofMinutes(2);
    /**
     * The most articles sent and not yet out: on a busy machine the flow slows down to what the
     * pipeline keeps up with rather than build a backlog, which would hide a fault's stall and
     * make the case as long as the backlog.
     */
    private static final int MAX_AHEAD = 2_000;
    /** Articles out before the first fault, so that it lands in a pipeline in full flow. */
    private static final int WARM = 500;

    private static final List<String> PROCESSOR_JVM = List.of("-Xmx512m");

    /** Kept when a case fails: the nodes' and processors' logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    private static final String APPLICATION_PREFIX = "replicated";

    private static LocalCluster cluster;
    private static PipelineSettings settings;
    /** The processors every case shares: one JVM running all three, replaced if a case left it dead. */
    private static ForkedPipeline pipeline;
    /** How many processors' JVMs the class has started, for their logs' and data's names. */
    private static int jvmsStarted;
    /** How many cases have begun: each numbers its articles from its own block of {@link #MAX_ARTICLES}. */
    private static int casesBegun;

    @BeforeAll
    static void startCluster() throws Exception {
        final long start = System.nanoTime();
        cluster = LocalCluster.start(dir.resolve("cluster"), 3, 0, NODE_START);
        settings = FaultKit.settings(cluster.bootstrapServers(), dir.resolve("reader-state"), Map.of());
        cluster.createTopics(FaultKit.TIMEOUT);
        pipeline = startProcessors("all");
        pipeline.awaitRunning(FaultKit.TIMEOUT);
        System.out.printf(
                "[replicated] 3 nodes on %s and the processors running in %.1f s%n",
                cluster.bootstrapServers(), seconds(System.nanoTime() - start));
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (pipeline != null && pipeline.isAlive()) {
            pipeline.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * The leader kills, then the active controller's: one case rather than two, because each case
     * pays for processors starting, a warm-up and fresh topics, and the controller's failover
     * proves the same in a pipeline that has already weathered three kills as in a fresh one. Each
     * fault still reports its own recovery.
     */
    @Test
    void leaderKilledThreeTimesOnDifferentNodesThenTheActiveController() throws Exception {
        try (Case run = Case.start("leader-kill", 300)) {
            final List<Integer> killed = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                final int node = ClusterFaults.mostLeading(cluster, killed);
                final Map<Integer, Integer> leadership = ClusterFaults.leadership(cluster);
                run.fault("SIGKILL node " + node + " leading " + leadership.get(node) + " partitions " + leadership);
                cluster.kill(node);
                Thread.sleep(LEADER_DOWN.toMillis());
                cluster.restart(node, NODE_START);
                ClusterFaults.awaitFullIsr(cluster, IN_SYNC);
                run.note("node " + node + " back and in sync");
                killed.add(node);
            }
            assertThat(killed)
                    .as("three different nodes")
                    .doesNotHaveDuplicates()
                    .hasSize(3);

            final int controller = ClusterFaults.activeController(cluster);
            run.fault("SIGKILL the active controller, node " + controller);
            cluster.kill(controller);
            Thread.sleep(LEADER_DOWN.toMillis());
            final int successor = ClusterFaults.activeController(cluster);
            run.note("active controller now node " + successor);
            assertThat(successor).as("a new active controller").isNotEqualTo(controller);
            cluster.restart(controller, NODE_START);
            ClusterFaults.awaitFullIsr(cluster, IN_SYNC);
            run.note("node " + controller + " back and in sync");
            run.finish();
        }
    }

    @Test
    void nodeHungForThirtySeconds() throws Exception {
        try (Case run = Case.start("hung-node", 500)) {
            final int node = ClusterFaults.mostLeading(cluster, List.of());
            run.fault("SIGSTOP node " + node);
            ClusterFaults.pause(cluster, node);
            Thread.sleep(HUNG.toMillis());
            ClusterFaults.resume(cluster, node);
            run.note("SIGCONT node " + node);
            ClusterFaults.awaitFullIsr(cluster, IN_SYNC);
            run.note("node " + node + " in sync");
            run.finish();
        }
    }

    @Test
    void rollingRestartOfEveryNode() throws Exception {
        try (Case run = Case.start("rolling-restart", 350)) {
            for (final int node : cluster.nodeIds()) {
                run.fault("SIGTERM node " + node);
                cluster.stop(node);
                cluster.restart(node, NODE_START);
                ClusterFaults.awaitFullIsr(cluster, IN_SYNC);
                run.note("node " + node + " back and in sync");
            }
            run.finish();
        }
    }

    @Test
    void taggerScaledOutToThreeAndBackToOneBySigkill() throws Exception {
        try (Case run = Case.start("scale-out-in", 500)) {
            final ForkedPipeline second = run.processors("tagger");
            final ForkedPipeline third = run.processors("tagger");
            second.awaitRunning(FaultKit.TIMEOUT);
            third.awaitRunning(FaultKit.TIMEOUT);
            run.note("three tagger instances running");
            run.awaitMoreOut(WARM);
            run.fault("SIGKILL two of the three tagger instances");
            run.kill(second);
            run.kill(third);
            run.finish();
        }
    }

    @Test
    void twoNodesDownBlocksWithoutLossUntilOneIsBack() throws Exception {
        try (Case run = Case.start("too-few-replicas", 400)) {
            final List<Integer> down = cluster.nodeIds().subList(1, 3);
            final long killed = run.fault("SIGKILL nodes " + down);
            for (final int node : down) {
                cluster.kill(node);
            }
            final int outAtKill = run.watch.distinct();
            Thread.sleep(TWO_DOWN.toMillis());
            run.note(String.format(
                    Locale.ROOT,
                    "%d articles came out while two nodes were down (%d sent meanwhile)",
                    run.watch.distinct() - outAtKill,
                    run.flow.sent()));
            assertThat(run.allAlive())
                    .as("the processors wait for the cluster; none has exited")
                    .isTrue();
            final long back = System.nanoTime();
            cluster.restart(down.get(0), NODE_START);
            run.note("node " + down.get(0) + " started again: two of three nodes up");
            run.awaitMoreOut(WARM);
            cluster.restart(down.get(1), NODE_START);
            ClusterFaults.awaitFullIsr(cluster, IN_SYNC);
            run.note("node " + down.get(1) + " back and in sync");
            run.finish();
            final OutputWatch.Recovery recovery = run.watch.recoveryAfter(killed, back);
            System.out.printf(
                    Locale.ROOT,
                    "[%s] output flowing again %.1f s after the first node was started again%n",
                    run.name,
                    seconds(killed + recovery.resumed().toNanos() - back));
        }
    }

    /**
     * One case: articles flowing through the shared processors (and any the case starts), and a
     * report at the end on what came out after the case began.
     */
    private static final class Case implements AutoCloseable {
        private final String name;
        /** The processors this case started itself, beside the shared ones; stopped when it ends. */
        private final List<ForkedPipeline> ownProcesses = new ArrayList<>();

        private final Map<String, Long> faults = new LinkedHashMap<>();
        private final long start = System.nanoTime();
        private TopicMarks marks;
        private ArticleFlow flow;
        private OutputWatch watch;

        private Case(final String name) {
            this.name = name;
        }

        /**
         * @param perSecond the articles' rate while the faults last (a few hundred a second, so that
         *                  thousands flow through each fault)
         */
        static Case start(final String name, final int perSecond) throws Exception {
            final Case run = new Case(name);
            if (!pipeline.isAlive()) {
                // An earlier case failed and took the processors with it: this one starts with new ones.
                pipeline = startProcessors("all");
                pipeline.awaitRunning(FaultKit.TIMEOUT);
            }
            run.marks = TopicMarks.now(settings, List.of(Topics.ENRICHED, Topics.BY_COUNTRY, Topics.DEAD_LETTER));
            run.watch = OutputWatch.start(settings, run.marks);
            run.flow = ArticleFlow.start(
                    settings, casesBegun++ * MAX_ARTICLES, perSecond, MAX_ARTICLES, run.watch::distinct, MAX_AHEAD);
            run.awaitMoreOut(WARM);
            run.note("articles flowing");
            return run;
        }

        /** Starts more processors for this case only. */
        ForkedPipeline processors(final String which) throws IOException {
            final ForkedPipeline process = startProcessors(which);
            ownProcesses.add(process);
            return process;
        }

        /** SIGKILL, on purpose: from now on the case goes on without this process. */
        void kill(final ForkedPipeline process) throws InterruptedException {
            process.kill();
            ownProcesses.remove(process);
        }

        void awaitMoreOut(final int more) throws InterruptedException {
            watch.awaitOut(watch.distinct() + more, FaultKit.TIMEOUT, this::allAlive, this::context);
        }

        /** Notes a fault and returns when it happened ({@link System#nanoTime()}). */
        long fault(final String what) {
            final long now = System.nanoTime();
            faults.put(what, now);
            note(what);
            return now;
        }

        void note(final String what) {
            System.out.printf(
                    "[%s] %6.1f s: %s (%d sent, %d out)%n",
                    name, seconds(System.nanoTime() - start), what, flow == null ? 0 : flow.sent(), outSoFar());
        }

        private int outSoFar() {
            return watch == null ? 0 : watch.distinct();
        }

        /** Stops the flow, waits for every article, and checks what the read_committed readers get. */
        void finish() throws Exception {
            final Set<String> sent = flow.finish(ARTICLES, FaultKit.TIMEOUT);
            watch.awaitOut(sent.size(), FaultKit.TIMEOUT, this::allAlive, this::context);
            try (TopicFollower byCountry = new TopicFollower(
                    settings,
                    Topics.BY_COUNTRY,
                    record -> FaultKit.value(Topics.BY_COUNTRY, record).getArticleId(),
                    marks.of(Topics.BY_COUNTRY))) {
                byCountry.awaitDistinct(sent.size(), FaultKit.TIMEOUT, this::allAlive, this::context);
            }
            final List<Map.Entry<String, Long>> timeline = new ArrayList<>(faults.entrySet());
            for (int i = 0; i < timeline.size(); i++) {
                final long until = i + 1 < timeline.size() ? timeline.get(i + 1).getValue() : System.nanoTime();
                final OutputWatch.Recovery recovery =
                        watch.recoveryAfter(timeline.get(i).getValue(), until);
                System.out.printf(
                        Locale.ROOT,
                        "[%s] after %s: output stopped for %.1f s at most, the longest stop ending %.1f s after it%n",
                        name,
                        timeline.get(i).getKey(),
                        seconds(recovery.stalled().toNanos()),
                        seconds(recovery.resumed().toNanos()));
            }
            System.out.printf(
                    Locale.ROOT,
                    "[%s] longest stall %.1f s; %d articles in %.1f s%n",
                    name,
                    seconds(watch.longestStall().toNanos()),
                    sent.size(),
                    seconds(System.nanoTime() - start));
            final Delivery delivery = Delivery.readSince(settings, marks);
            final int deadLetters =
                    FaultKit.readSince(settings, Topics.DEAD_LETTER, marks).size();
            System.out.println(delivery.summary(name, sent) + " | dead letters=" + deadLetters);
            assertThat(sent).as("articles flowing").hasSizeGreaterThanOrEqualTo(ARTICLES);
            delivery.assertExactlyOnce(sent);
            assertThat(deadLetters).as("dead letters").isZero();
        }

        boolean allAlive() {
            return pipeline.isAlive() && ownProcesses.stream().allMatch(ForkedPipeline::isAlive);
        }

        private String context() {
            final StringBuilder context = new StringBuilder("processors' logs:");
            final List<ForkedPipeline> processes = new ArrayList<>(ownProcesses);
            processes.add(0, pipeline);
            for (final ForkedPipeline process : processes) {
                context.append("\n--- pid ").append(process.pid()).append('\n');
                final String log = process.log();
                context.append(log, Math.max(0, log.length() - 4_000), log.length());
            }
            return context.toString();
        }

        @Override
        public void close() throws Exception {
            if (watch != null) {
                watch.close();
            }
            if (flow != null) {
                flow.close();
            }
            for (final ForkedPipeline process : ownProcesses) {
                if (process.isAlive()) {
                    process.stop();
                }
            }
            // A failed case may leave nodes down or paused: the next case needs all three.
            for (final int node : cluster.nodeIds()) {
                if (!cluster.isRunning(node)) {
                    cluster.restart(node, NODE_START);
                } else {
                    ClusterFaults.resume(cluster, node);
                }
            }
        }
    }

    /** A processors' JVM running these processors against the cluster, under the class's one application id prefix. */
    private static ForkedPipeline startProcessors(final String which) throws IOException {
        final int n = ++jvmsStarted;
        return ForkedPipeline.start(
                dir.resolve("processors-" + n + ".log"),
                PROCESSOR_JVM,
                List.of(
                        "run",
                        "--processor",
                        which,
                        "--bootstrap-servers",
                        cluster.bootstrapServers(),
                        "--data-dir",
                        dir.resolve("processors-" + n).toString(),
                        "--http-address",
                        "127.0.0.1:0",
                        // The connection check's 5 s is short for a 2-core machine running three brokers and more.
                        "--connect-timeout",
                        "60",
                        // A member killed with SIGKILL gives its partitions up after 10 s, not 45 s.
                        "--set",
                        "session.timeout.ms=10000",
                        "--set",
                        "news.pipeline.application.id.prefix=" + APPLICATION_PREFIX));
    }

    private static double seconds(final long nanos) {
        return nanos / 1e9;
    }
}
