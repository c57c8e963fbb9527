package news.pipeline.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.topics.TopicAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cluster a command works on: the one the settings name, or else the embedded broker, started here. */
public final class Cluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafka embedded;
    private final PipelineSettings settings;

    private Cluster(final EmbeddedKafka embedded, final PipelineSettings settings) {
        this.embedded = embedded;
        this.settings = settings;
    }

    /**
     * @param dataDir      where the embedded broker keeps its data and the processors their local state
     * @param embeddedPort the embedded broker's client port, used only when the settings name no cluster
     */
    public static Cluster open(final PipelineSettings requested, final Path dataDir, final int embeddedPort) {
        PipelineSettings settings = requested;
        EmbeddedKafka embedded = null;
        if (!requested.bootstrapGiven()) {
            embedded =
                    EmbeddedKafka.start(dataDir.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, embeddedPort, Map.of());
            settings = requested.withBootstrapServers(embedded.bootstrapServers());
        } else {
            LOG.info("using the Kafka cluster at {}", settings.bootstrapServers());
        }
        settings = settings.withDefault(
                StreamsConfig.STATE_DIR_CONFIG,
                dataDir.resolve("streams").toAbsolutePath().toString());
        return new Cluster(embedded, settings);
    }

    /** The settings with the actual bootstrap servers and state directory. */
    public PipelineSettings settings() {
        return settings;
    }

    /** Creates the missing pipeline topics and waits until they take records. */
    public void createTopics() throws InterruptedException, TimeoutException {
        try (Admin admin = Clients.admin(settings)) {
            final var created = new TopicAdmin(admin).createMissing(Optional.empty(), Optional.empty(), TOPIC_TIMEOUT);
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
