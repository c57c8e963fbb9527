package news.pipeline.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker and controller in one KRaft node, started in this JVM from the
 * Kafka jars with the production classes ({@link Formatter} then {@link KafkaRaftServer}). It is
 * the pipeline's default cluster on one machine, and the cluster of every integration test. The
 * same node can also be one voter of a replicated quorum ({@link #startQuorumMember}), each node
 * in a process of its own.
 *
 * <p>Its data directory survives restarts: a formatted directory is started again with the cluster
 * id read back from {@code meta.properties}, so topics, offsets and transactions carry over.
 */
public final class EmbeddedKafka implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9092;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Replicas of every topic of a replicated cluster (three nodes or more). */
    private static final int REPLICATED_FACTOR = 3;
    /** Replicas in sync before a write counts: one of three may be down, not two. */
    private static final int REPLICATED_MIN_IN_SYNC = 2;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDir;
    private final String clusterId;

    private EmbeddedKafka(
            final KafkaRaftServer server, final String bootstrapServers, final Path dataDir, final String clusterId) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDir = dataDir;
        this.clusterId = clusterId;
    }

    /**
     * Starts a node listening on host:port for clients; its controller takes port + 1 unless
     * port is 0, in which case both are free ports chosen now.
     *
     * @param overrides extra broker settings, applied last
     */
    public static EmbeddedKafka start(
            final Path dataDir, final String host, final int port, final Map<String, String> overrides) {
        preventKafkaFromExitingTheJvm();
        final int[] free = port == 0 ? twoFreePorts(host) : null;
        final int brokerPort = port == 0 ? free[0] : port;
        final int controllerPort = port == 0 ? free[1] : port + 1;
        final Path logDir = createLogDir(dataDir);
        final Map<String, String> config = brokerConfig(logDir, host, brokerPort, controllerPort);
        config.putAll(overrides);
        final String clusterId =
                formatIfNew(logDir, config, NODE_ID, Uuid.randomUuid().toString());
        final KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        final String bootstrap = host + ":" + brokerPort;
        LOG.info(
                "Embedded Kafka {} (cluster {}) listening on {}, data in {}",
                AppInfoParser.getVersion(),
                clusterId,
                bootstrap,
                logDir);
        return new EmbeddedKafka(server, bootstrap, dataDir, clusterId);
    }

    /**
     * Starts one node of a replicated cluster: a broker and one voter of the controller quorum
     * formed by every member of {@code quorum}. Internal topics (offsets, transactions) are
     * replicated to up to three nodes and need two in sync, as the pipeline's own topics are.
     *
     * @param clusterId the id every member of the cluster is formatted with; a node whose data
     *                  directory is formatted already keeps the id it has
     * @param self      this node's id; one of {@code quorum}
     */
    public static EmbeddedKafka startQuorumMember(
            final Path dataDir,
            final String host,
            final String clusterId,
            final int self,
            final List<QuorumMember> quorum,
            final Map<String, String> overrides) {
        preventKafkaFromExitingTheJvm();
        final QuorumMember me = quorum.stream()
                .filter(member -> member.nodeId() == self)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + self + " is not in the quorum " + quorum));
        final Path logDir = createLogDir(dataDir);
        final Map<String, String> config = quorumMemberConfig(logDir, host, self, quorum);
        config.putAll(overrides);
        final String id = formatIfNew(logDir, config, self, clusterId);
        final KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        final String bootstrap = host + ":" + me.brokerPort();
        LOG.info(
                "Kafka {} node {} of {} (cluster {}) listening on {}, data in {}",
                AppInfoParser.getVersion(),
                self,
                quorum.size(),
                id,
                bootstrap,
                logDir);
        return new EmbeddedKafka(server, bootstrap, dataDir, id);
    }

    /** One node of a replicated cluster: its id, its client port and its controller port. */
    public record QuorumMember(int nodeId, int brokerPort, int controllerPort) {}

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String clusterId() {
        return clusterId;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Path createLogDir(final Path dataDir) {
        final Path logDir = dataDir.resolve("kraft").toAbsolutePath();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + logDir, e);
        }
        return logDir;
    }

    static Map<String, String> brokerConfig(
            final Path logDir, final String host, final int brokerPort, final int controllerPort) {
        return nodeConfig(
                logDir, host, NODE_ID, brokerPort, controllerPort, NODE_ID + "@" + host + ":" + controllerPort);
    }

    static Map<String, String> quorumMemberConfig(
            final Path logDir, final String host, final int self, final List<QuorumMember> quorum) {
        final QuorumMember me = quorum.stream()
                .filter(member -> member.nodeId() == self)
                .findFirst()
                .orElseThrow();
        final String voters = quorum.stream()
                .map(member -> member.nodeId() + "@" + host + ":" + member.controllerPort())
                .collect(Collectors.joining(","));
        final Map<String, String> config = nodeConfig(logDir, host, self, me.brokerPort(), me.controllerPort(), voters);
        // Every record on three nodes, two of them in sync before a write counts (with acks=all,
        // which exactly-once implies): one node may fail without losing or refusing anything.
        final String replicas = String.valueOf(Math.min(REPLICATED_FACTOR, quorum.size()));
        final String minInSync = String.valueOf(Math.min(REPLICATED_MIN_IN_SYNC, quorum.size()));
        config.put("offsets.topic.replication.factor", replicas);
        config.put("transaction.state.log.replication.factor", replicas);
        config.put("transaction.state.log.min.isr", minInSync);
        config.put("share.coordinator.state.topic.replication.factor", replicas);
        config.put("share.coordinator.state.topic.min.isr", minInSync);
        config.put("default.replication.factor", replicas);
        config.put("min.insync.replicas", minInSync);
        return config;
    }

    private static Map<String, String> nodeConfig(
            final Path logDir,
            final String host,
            final int nodeId,
            final int brokerPort,
            final int controllerPort,
            final String voters) {
        final Map<String, String> config = new HashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(nodeId));
        config.put("controller.quorum.voters", voters);
        config.put(
                "listeners",
                "PLAINTEXT://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                        + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        // One node: every internal topic must fit on it, or groups and transactions never start.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "6");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "6");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("min.insync.replicas", "1");
        config.put("default.replication.factor", "1");
        config.put("num.partitions", "6");
        config.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly by the pipeline, so a typo cannot create a stray one.
        config.put("auto.create.topics.enable", "false");
        // Large raw pages and their dead letters: topic-level limits decide, the broker must allow them.
        config.put("message.max.bytes", String.valueOf(24 * 1024 * 1024));
        config.put("socket.request.max.bytes", String.valueOf(128 * 1024 * 1024));
        config.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return config;
    }

    /** Formats the directory on first use; afterwards reads the cluster id back from meta.properties. */
    private static String formatIfNew(
            final Path logDir, final Map<String, String> config, final int nodeId, final String newClusterId) {
        final Path meta = logDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            final Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + meta, e);
            }
            final String clusterId = properties.getProperty("cluster.id");
            if (clusterId == null) {
                throw new IllegalStateException(meta + " has no cluster.id; remove " + logDir + " to start afresh");
            }
            return clusterId;
        }
        final String clusterId = newClusterId;
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka data directory " + logDir + ": " + e.getMessage(), e);
        }
        return clusterId;
    }

    /**
     * Kafka calls Exit on a fatal fault, which would end the whole JVM: the processors, the CLI, a
     * test run. Turn it into an exception and a log line instead.
     */
    private static void preventKafkaFromExitingTheJvm() {
        Exit.setExitProcedure((status, message) -> {
            LOG.error("Embedded Kafka asked to exit with status {}: {}", status, message);
            throw new IllegalStateException("Embedded Kafka fault (exit " + status + "): " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            LOG.error("Embedded Kafka asked to halt with status {}: {}", status, message);
            throw new IllegalStateException("Embedded Kafka fault (halt " + status + "): " + message);
        });
    }

    /**
     * Two distinct free ports, the first held open while the second is chosen: chosen one after the
     * other with nothing held, the system may hand out the same port twice, and the broker then
     * refuses to start with both listeners on it.
     */
    private static int[] twoFreePorts(final String host) {
        try (ServerSocket first = new ServerSocket();
                ServerSocket second = new ServerSocket()) {
            first.setReuseAddress(true);
            first.bind(new InetSocketAddress(host, 0));
            second.setReuseAddress(true);
            second.bind(new InetSocketAddress(host, 0));
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException("no free ports on " + host, e);
        }
    }
}
