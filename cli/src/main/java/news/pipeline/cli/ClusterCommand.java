package news.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import news.pipeline.runtime.LocalCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A replicated Kafka cluster on this machine, each node a child process, until Ctrl-C. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a replicated Kafka cluster on 127.0.0.1 until Ctrl-C (or SIGTERM): each node a broker and a"
                    + " controller voter (KRaft) in a process of its own, the same Kafka as the embedded broker.",
            "Prints the bootstrap servers on one line, then creates the pipeline topics replicated to 3 nodes with"
                    + " min.insync.replicas 2. Point the other commands at it with --bootstrap-servers."
        })
final class ClusterCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCommand.class);
    /** Three JVMs starting at once on two cores, then a leader election: generous. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private static final int MAX_NODES = 9;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--nodes",
            paramLabel = "N",
            defaultValue = "3",
            description = "Nodes (1 to " + MAX_NODES + "). Default: ${DEFAULT-VALUE}.")
    int nodeCount;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "data/cluster",
            description = "Where the nodes keep their data (node-1, node-2, ...) and logs (node-N/node.log);"
                    + " kept across restarts. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(
            names = "--base-port",
            paramLabel = "PORT",
            defaultValue = "" + LocalCluster.DEFAULT_BASE_PORT,
            description = "Client port of node 1; node N takes PORT+N-1, and each controller its client port + "
                    + LocalCluster.CONTROLLER_PORT_OFFSET + ". Default: ${DEFAULT-VALUE}.")
    int basePort;

    @Option(
            names = "--restart-after",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "A node that stops (killed, crashed) is started again after this long, as a service manager"
                    + " would; 0: never. Default: ${DEFAULT-VALUE}.")
    int restartAfterSeconds;

    @Override
    public Integer call() throws Exception {
        if (nodeCount < 1 || nodeCount > MAX_NODES) {
            throw new UserError("--nodes must be from 1 to " + MAX_NODES + ", not " + nodeCount);
        }
        if (restartAfterSeconds < 0) {
            throw new UserError("--restart-after must be 0 or more seconds, not " + restartAfterSeconds);
        }
        if (basePort < 1 || basePort + nodeCount - 1 + LocalCluster.CONTROLLER_PORT_OFFSET > 65_535) {
            throw new UserError("--base-port " + basePort + " leaves no room for " + nodeCount + " nodes");
        }
        final List<Integer> busy = LocalCluster.portsInUse(basePort, nodeCount);
        if (!busy.isEmpty()) {
            throw new UserError(
                    UserError.FAILURE,
                    "ports " + busy + " on 127.0.0.1 are in use (another cluster?);" + " --base-port to choose others");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final LocalCluster cluster;
        try {
            cluster = LocalCluster.start(dataDir, nodeCount, basePort, START_TIMEOUT);
        } catch (IllegalStateException e) {
            // A node that exits while starting: its log says why (a port taken, a data directory of another cluster).
            throw new UserError(UserError.FAILURE, e.getMessage());
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread supervisor = new Thread(() -> supervise(cluster), "news-pipeline-cluster-supervisor");
        supervisor.setDaemon(true);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping the cluster");
                            supervisor.interrupt();
                            try {
                                supervisor.join(START_TIMEOUT.toMillis());
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            cluster.close();
                            stopped.countDown();
                        },
                        "news-pipeline-cluster-shutdown"));
        out.println(cluster.bootstrapServers());
        out.flush();
        final List<String> created = cluster.createTopics(START_TIMEOUT);
        if (!created.isEmpty()) {
            LOG.info("created topics {}", created);
        }
        if (restartAfterSeconds > 0) {
            supervisor.start();
        }
        LOG.info(
                "cluster of {} nodes on {}, data and node logs in {}; Ctrl-C to stop",
                nodeCount,
                cluster.bootstrapServers(),
                dataDir.toAbsolutePath());
        stopped.await();
        return 0;
    }

    /** Starts again, after the delay, the nodes that have stopped, until interrupted by the shutdown. */
    private void supervise(final LocalCluster cluster) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                final List<Integer> stopped = cluster.stoppedNodes();
                if (!stopped.isEmpty()) {
                    for (final int node : stopped) {
                        LOG.warn(
                                "node {} has stopped (see {}); starting it again in {} s",
                                node,
                                cluster.log(node),
                                restartAfterSeconds);
                    }
                    // One delay for every node that went down together, not one after another.
                    Thread.sleep(restartAfterSeconds * 1000L);
                    for (final int node : stopped) {
                        cluster.restart(node, START_TIMEOUT);
                        LOG.info("node {} is back (pid {})", node, cluster.pid(node));
                    }
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            // The command is stopping.
        } catch (TimeoutException | RuntimeException e) {
            LOG.error("could not start a node again; the cluster runs without it: {}", e.getMessage());
        }
    }
}
