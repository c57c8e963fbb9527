package news.pipeline.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.kafka.EmbeddedKafka.QuorumMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a {@link LocalCluster}, in a JVM of its own: a Kafka broker and controller voter
 * until SIGTERM, or until the process that started it is gone.
 *
 * <p>Arguments: {@code NODE-ID CLUSTER-ID DATA-DIR BROKER-PORTS CONTROLLER-PORTS}, the ports as
 * comma-separated lists in node order (node ids count from 1).
 */
public final class ClusterNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final int ARGUMENTS = 5;

    private ClusterNode() {}

    public static void main(final String[] args) throws InterruptedException {
        if (args.length != ARGUMENTS) {
            throw new IllegalArgumentException(
                    "usage: ClusterNode NODE-ID CLUSTER-ID DATA-DIR BROKER-PORTS CONTROLLER-PORTS; got "
                            + Arrays.toString(args));
        }
        final int self = Integer.parseInt(args[0]);
        final List<QuorumMember> quorum = quorum(ports(args[3]), ports(args[4]));
        final EmbeddedKafka node = EmbeddedKafka.startQuorumMember(
                Path.of(args[2]), EmbeddedKafka.DEFAULT_HOST, args[1], self, quorum, Map.of());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("node {} stopping", self);
                            node.close();
                            stopped.countDown();
                        },
                        "cluster-node-shutdown"));
        exitWhenParentIsGone();
        stopped.await();
    }

    static List<QuorumMember> quorum(final List<Integer> brokerPorts, final List<Integer> controllerPorts) {
        if (brokerPorts.size() != controllerPorts.size()) {
            throw new IllegalArgumentException(
                    "as many broker ports as controller ports: " + brokerPorts + " " + controllerPorts);
        }
        final List<QuorumMember> quorum = new ArrayList<>();
        for (int i = 0; i < brokerPorts.size(); i++) {
            quorum.add(new QuorumMember(i + 1, brokerPorts.get(i), controllerPorts.get(i)));
        }
        return quorum;
    }

    private static List<Integer> ports(final String list) {
        return Arrays.stream(list.split(",")).map(Integer::parseInt).toList();
    }

    /**
     * The parent holds this process's stdin open and never writes to it: end of input means the
     * parent has ended, however it ended (even SIGKILL, which runs no shutdown hook of its), so
     * no node outlives the command that started it.
     */
    private static void exitWhenParentIsGone() {
        final Thread watcher = new Thread(
                () -> {
                    try (InputStream in = System.in) {
                        while (in.read() >= 0) {
                            // Nothing is ever written; keep waiting for the end.
                        }
                    } catch (IOException e) {
                        // A broken pipe is the same news: the parent is gone.
                    }
                    LOG.warn("the process that started this node is gone; stopping");
                    System.exit(0);
                },
                "cluster-node-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
