package news.pipeline.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.topics.TopicAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replicated Kafka cluster on this machine: several KRaft nodes, each a broker and a voter of
 * the controller quorum, each in a child JVM of its own ({@link ClusterNode}) running the same
 * Kafka as the embedded broker. Clients reach it on 127.0.0.1 only. Node {@code i} (from 1) keeps
 * its data in {@code DATA-DIR/node-i} and its log in {@code DATA-DIR/node-i/node.log}; the data
 * survives a restart, of one node or of the whole cluster.
 *
 * <p>Closing it stops every node. A node whose parent ends some other way stops by itself (see
 * {@link ClusterNode}).
 */
public final class LocalCluster implements AutoCloseable {
    /** The first node's client port; the others take the next ones. */
    public static final int DEFAULT_BASE_PORT = 19092;
    /** A node's controller port is its client port plus this. */
    public static final int CONTROLLER_PORT_OFFSET = 100;
    /** Replication factor of the pipeline topics: any one node may fail. */
    public static final int REPLICATION_FACTOR = 3;
    /** Replicas that must have a write before it counts (acks=all): a write survives the loss of any one node. */
    public static final int MIN_IN_SYNC_REPLICAS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    private static final String CLUSTER_ID_FILE = "cluster.id";
    /** Each node's heap: a broker of a development cluster needs little. */
    private static final List<String> NODE_JVM_OPTIONS = List.of("-Xmx512m");

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final String clusterId;
    private final List<Integer> brokerPorts;
    private final List<Integer> controllerPorts;
    /** The latest process of each node; a supervising thread may restart a node while another reads. */
    private final Map<Integer, Process> nodes = new ConcurrentSkipListMap<>();

    private LocalCluster(
            final Path dataDir,
            final String clusterId,
            final List<Integer> brokerPorts,
            final List<Integer> controllerPorts) {
        this.dataDir = dataDir;
        this.clusterId = clusterId;
        this.brokerPorts = List.copyOf(brokerPorts);
        this.controllerPorts = List.copyOf(controllerPorts);
    }

    /**
     * Starts the nodes and waits until every one of them is a registered broker.
     *
     * @param basePort the first node's client port; the next nodes take the next ports, and each
     *                 controller its client port + {@value #CONTROLLER_PORT_OFFSET}. 0: free
     *                 ports chosen now.
     */
    public static LocalCluster start(
            final Path dataDir, final int nodeCount, final int basePort, final Duration timeout)
            throws InterruptedException, TimeoutException {
        if (nodeCount < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, not " + nodeCount);
        }
        final List<Integer> brokerPorts;
        final List<Integer> controllerPorts;
        if (basePort == 0) {
            final List<Integer> free = freePorts(2 * nodeCount);
            brokerPorts = free.subList(0, nodeCount);
            controllerPorts = free.subList(nodeCount, 2 * nodeCount);
        } else {
            brokerPorts =
                    IntStream.range(basePort, basePort + nodeCount).boxed().toList();
            controllerPorts = brokerPorts.stream()
                    .map(port -> port + CONTROLLER_PORT_OFFSET)
                    .toList();
        }
        final LocalCluster cluster = new LocalCluster(dataDir, clusterId(dataDir), brokerPorts, controllerPorts);
        try {
            for (final int node : cluster.nodeIds()) {
                cluster.launch(node);
            }
            cluster.awaitBrokers(cluster.nodeIds(), timeout);
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The client and controller ports a cluster of this size from this base port would take that are in use now. */
    public static List<Integer> portsInUse(final int basePort, final int nodeCount) {
        final List<Integer> busy = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            for (final int port : List.of(basePort + i, basePort + i + CONTROLLER_PORT_OFFSET)) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(EmbeddedKafka.DEFAULT_HOST, port));
                } catch (IOException e) {
                    busy.add(port);
                }
            }
        }
        return busy;
    }

    /** The client addresses of every node, comma-separated: the cluster's bootstrap servers. */
    public String bootstrapServers() {
        return brokerPorts.stream()
                .map(port -> EmbeddedKafka.DEFAULT_HOST + ":" + port)
                .collect(Collectors.joining(","));
    }

    public List<Integer> nodeIds() {
        return IntStream.rangeClosed(1, brokerPorts.size()).boxed().toList();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log(final int node) {
        return nodeDir(node).resolve("node.log");
    }

    /** The process id of a node, while it runs. */
    public long pid(final int node) {
        return process(node).pid();
    }

    public boolean isRunning(final int node) {
        final Process process = nodes.get(node);
        return process != null && process.isAlive();
    }

    /** The nodes not running now: killed, crashed or stopped. */
    public List<Integer> stoppedNodes() {
        return nodeIds().stream().filter(node -> !isRunning(node)).toList();
    }

    /**
     * Creates the missing pipeline topics, replicated to {@value #REPLICATION_FACTOR} nodes (fewer
     * when the cluster is smaller) with min.insync.replicas {@value #MIN_IN_SYNC_REPLICAS}, and
     * waits until they take records.
     *
     * @return the names of the topics created
     */
    public List<String> createTopics(final Duration timeout) throws InterruptedException, TimeoutException {
        final int nodeCount = brokerPorts.size();
        try (Admin admin = admin()) {
            return new TopicAdmin(admin)
                    .createMissing(
                            Optional.empty(),
                            Optional.of((short) Math.min(REPLICATION_FACTOR, nodeCount)),
                            Map.of(
                                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                    String.valueOf(Math.min(MIN_IN_SYNC_REPLICAS, nodeCount))),
                            timeout);
        }
    }

    /** SIGKILL: the node stops at once, with no controlled shutdown; its partitions move when its session ends. */
    public void kill(final int node) throws InterruptedException {
        final Process process = process(node);
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM: a controlled shutdown, the node's partitions handed over first; forced after a minute. */
    public void stop(final int node) throws InterruptedException {
        final Process process = process(node);
        process.destroy();
        awaitExit(node, process);
    }

    /** Starts a stopped node again on its data and waits until it is a registered broker. */
    public void restart(final int node, final Duration timeout) throws InterruptedException, TimeoutException {
        if (isRunning(node)) {
            throw new IllegalStateException("node " + node + " is running");
        }
        launch(node);
        awaitBrokers(List.of(node), timeout);
    }

    /** An Admin client of the cluster, for the caller to close. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Duration.ofSeconds(30).toMillis()));
    }

    /** Stops every node: SIGTERM to all, then each is waited for (and killed after a minute). */
    @Override
    public void close() {
        nodes.values().forEach(Process::destroy);
        nodes.forEach((node, process) -> {
            try {
                awaitExit(node, process);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        });
    }

    private void launch(final int node) {
        final Path dir = nodeDir(node);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        final List<String> command = ChildJvm.command(
                NODE_JVM_OPTIONS,
                ClusterNode.class.getName(),
                List.of(
                        String.valueOf(node),
                        clusterId,
                        dir.toAbsolutePath().toString(),
                        join(brokerPorts),
                        join(controllerPorts)));
        // stdin stays a pipe this process never writes to: the node stops when it closes (see ClusterNode).
        final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile()));
        try {
            nodes.put(node, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + node + ": " + command, e);
        }
        LOG.info("node {} started (pid {}), log in {}", node, pid(node), log(node));
    }

    /** Waits until each node answers on its own port and counts itself among the cluster's live brokers. */
    private void awaitBrokers(final Collection<Integer> wanted, final Duration timeout)
            throws InterruptedException, TimeoutException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        for (final int node : wanted) {
            final String address = EmbeddedKafka.DEFAULT_HOST + ":" + brokerPorts.get(node - 1);
            // Until the node listens, an Admin client would only log a warning a second.
            while (!listening(brokerPorts.get(node - 1))) {
                checkStarting(node, deadline, timeout);
                Thread.sleep(200);
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    address,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    5_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    10_000))) {
                while (!liveBrokers(admin).contains(node)) {
                    checkStarting(node, deadline, timeout);
                    Thread.sleep(200);
                }
            }
        }
    }

    private void checkStarting(final int node, final long deadline, final Duration timeout) throws TimeoutException {
        if (!isRunning(node)) {
            throw new IllegalStateException(
                    "node " + node + " exited with " + process(node).exitValue() + "; see " + log(node));
        }
        if (System.nanoTime() > deadline) {
            throw new TimeoutException(
                    "node " + node + " is not a live broker after " + timeout + "; see " + log(node));
        }
    }

    private static boolean listening(final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(EmbeddedKafka.DEFAULT_HOST, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<Integer> liveBrokers(final Admin admin) throws InterruptedException {
        try {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000)).nodes().get().stream()
                    .map(Node::id)
                    .collect(Collectors.toSet());
        } catch (ExecutionException e) {
            return Set.of();
        }
    }

    private void awaitExit(final int node, final Process process) throws InterruptedException {
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("node {} did not stop within {} of SIGTERM; killing it", node, STOP_TIMEOUT);
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private Process process(final int node) {
        final Process process = nodes.get(node);
        if (process == null) {
            throw new IllegalArgumentException("no node " + node + " in " + nodeIds());
        }
        return process;
    }

    private Path nodeDir(final int node) {
        return dataDir.resolve("node-" + node);
    }

    /** The id the nodes were formatted with, kept beside them; a new one for a new data directory. */
    private static String clusterId(final Path dataDir) {
        final Path file = dataDir.resolve(CLUSTER_ID_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(dataDir);
            final String id = Uuid.randomUuid().toString();
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    private static String join(final List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Distinct free ports on 127.0.0.1, all held open until every one is chosen. */
    private static List<Integer> freePorts(final int count) {
        final List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                final ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(EmbeddedKafka.DEFAULT_HOST, 0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free ports on " + EmbeddedKafka.DEFAULT_HOST, e);
        } finally {
            for (final ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // nothing held
                }
            }
        }
    }
}
