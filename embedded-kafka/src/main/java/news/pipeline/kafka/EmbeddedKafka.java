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
 * the pipeline's default cluster on one machine, and the cluster of every integration test.
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
        final int brokerPort = port == 0 ? freePort(host) : port;
        final int controllerPort = port == 0 ? freePort(host) : port + 1;
        final Path logDir = dataDir.resolve("kraft").toAbsolutePath();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + logDir, e);
        }
        final Map<String, String> config = brokerConfig(logDir, host, brokerPort, controllerPort);
        config.putAll(overrides);
        final String clusterId = formatIfNew(logDir, config);
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

    static Map<String, String> brokerConfig(
            final Path logDir, final String host, final int brokerPort, final int controllerPort) {
        final Map<String, String> config = new HashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
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
    private static String formatIfNew(final Path logDir, final Map<String, String> config) {
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
        final String clusterId = Uuid.randomUuid().toString();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
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

    private static int freePort(final String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
