package news.pipeline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.pipeline.runtime.LocalCluster;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.internals.Topic;

/**
 * What the fault tests of a replicated {@link LocalCluster} ask of it: who leads what, which node
 * is the active controller, whether every replica is back in sync, and a node paused as a long GC
 * pause or a stuck disk would pause it.
 */
public final class ClusterFaults {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private ClusterFaults() {}

    /** The pipeline's topics and the internal ones exactly-once relies on (offsets, transactions). */
    public static List<String> topics() {
        final List<String> topics = new ArrayList<>();
        Topics.all().stream().map(TopicSpec::name).forEach(topics::add);
        topics.add(Topic.GROUP_METADATA_TOPIC_NAME);
        topics.add(Topic.TRANSACTION_STATE_TOPIC_NAME);
        return topics;
    }

    /** How many partitions of the pipeline's topics each node leads. */
    public static Map<Integer, Integer> leadership(final LocalCluster cluster) throws Exception {
        final Map<Integer, Integer> led = new TreeMap<>();
        cluster.nodeIds().forEach(node -> led.put(node, 0));
        for (final TopicDescription topic : describe(
                        cluster, Topics.all().stream().map(TopicSpec::name).toList())
                .values()) {
            for (final TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() != null) {
                    led.merge(partition.leader().id(), 1, Integer::sum);
                }
            }
        }
        return led;
    }

    /** The node that leads the most partitions of the pipeline's topics, of those not excluded. */
    public static int mostLeading(final LocalCluster cluster, final Collection<Integer> excluded) throws Exception {
        return leadership(cluster).entrySet().stream()
                .filter(entry -> !excluded.contains(entry.getKey()))
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    /** The leader of the KRaft controller quorum: the active controller. */
    public static int activeController(final LocalCluster cluster) throws Exception {
        try (Admin admin = cluster.admin()) {
            return admin.describeMetadataQuorum()
                    .quorumInfo()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .leaderId();
        }
    }

    /**
     * Waits until every partition of the pipeline's and the internal topics has all its replicas in
     * sync again: a node that came back has caught up, and the next may go.
     */
    public static void awaitFullIsr(final LocalCluster cluster, final Duration timeout) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        String behind = "";
        while (System.nanoTime() < deadline) {
            behind = outOfSync(cluster);
            if (behind.isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new TimeoutException("replicas still out of sync after " + timeout + ": " + behind);
    }

    private static String outOfSync(final LocalCluster cluster) throws InterruptedException {
        final StringBuilder behind = new StringBuilder();
        try {
            describe(cluster, topics())
                    .forEach((name, topic) -> topic.partitions().stream()
                            .filter(partition -> partition.isr().size()
                                    < partition.replicas().size())
                            .forEach(partition -> behind.append(name)
                                    .append('-')
                                    .append(partition.partition())
                                    .append(" isr ")
                                    .append(partition.isr().stream()
                                            .map(node -> node.id())
                                            .toList())
                                    .append("; ")));
        } catch (ExecutionException | TimeoutException e) {
            return "cannot describe the topics: " + e.getMessage();
        }
        return behind.toString();
    }

    private static Map<String, TopicDescription> describe(final LocalCluster cluster, final List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = cluster.admin()) {
            return admin.describeTopics(topics).allTopicNames().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** SIGSTOP: the node's process stops in its tracks, sockets open, as in a long GC pause. */
    public static void pause(final LocalCluster cluster, final int node) {
        signal("STOP", cluster.pid(node));
    }

    /** SIGCONT: the paused node goes on where it stopped. */
    public static void resume(final LocalCluster cluster, final int node) {
        signal("CONT", cluster.pid(node));
    }

    private static void signal(final String signal, final long pid) {
        try {
            final Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid))
                    .inheritIO()
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + pid, e);
        }
    }
}
