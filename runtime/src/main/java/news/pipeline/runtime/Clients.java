package news.pipeline.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.pipeline.streams.ClientDefaults;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/** Plain Kafka clients for the commands, with the user's settings (security included) passed through. */
public final class Clients {
    /**
     * A raw page may be several MiB; the 1 MiB default would refuse it before the cleaner could
     * judge it. The commands write to any pipeline topic (ingest to raw, dlq retry and replay to the
     * others), so they may send what the largest of them accepts, and the topic judges.
     */
    static final int MAX_REQUEST_BYTES = Topics.OUTPUT_MAX_MESSAGE_BYTES;

    private Clients() {}

    /**
     * Fails within about {@code timeout} when the cluster cannot be used, where Kafka's clients
     * would retry for a minute or more: first a plain TCP connection to each bootstrap server
     * (nothing listening fails at once, without a Kafka client retrying and logging), then a
     * describeCluster request (which fails on wrong credentials or on something that is not
     * Kafka), then, when topics are given, that each exists.
     *
     * @throws KafkaConnectionException when no bootstrap server answers as Kafka, or authentication fails
     * @throws MissingTopicException    when one of the topics is not on the cluster
     */
    public static void checkReachable(final PipelineSettings settings, final Duration timeout, final String... topics) {
        final String servers = settings.bootstrapServers();
        final long deadline = System.nanoTime() + timeout.toNanos();
        if (!anyListening(servers, deadline)) {
            throw new KafkaConnectionException(
                    KafkaConnectionException.Problem.NOT_LISTENING,
                    servers,
                    "nothing accepts connections at " + servers,
                    null);
        }
        final Map<String, Object> config = adminConfig(settings);
        final String millis = String.valueOf(Math.max(1, remainingMillis(deadline)));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        final Admin admin = Admin.create(config);
        try {
            admin.describeCluster().clusterId().get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
            if (topics.length > 0) {
                final Set<String> existing =
                        admin.listTopics().names().get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
                for (final String topic : topics) {
                    if (!existing.contains(topic)) {
                        throw new MissingTopicException(topic, servers);
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException) {
                throw new KafkaConnectionException(
                        KafkaConnectionException.Problem.AUTHENTICATION,
                        servers,
                        e.getCause().getMessage(),
                        e.getCause());
            }
            throw noAnswer(servers, timeout, e.getCause());
        } catch (TimeoutException e) {
            throw noAnswer(servers, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw noAnswer(servers, timeout, e);
        } finally {
            // Closing must not wait for requests to a server that does not answer.
            admin.close(Duration.ZERO);
        }
    }

    private static KafkaConnectionException noAnswer(
            final String servers, final Duration timeout, final Throwable cause) {
        final String within = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        return new KafkaConnectionException(
                KafkaConnectionException.Problem.NO_ANSWER,
                servers,
                "no answer from Kafka at " + servers + " within " + within
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                cause);
    }

    /** True when any bootstrap server accepts a TCP connection before the deadline. */
    private static boolean anyListening(final String servers, final long deadline) {
        for (final String server : servers.split(",")) {
            final String address = server.trim();
            final String host = Utils.getHost(address);
            final Integer port = Utils.getPort(address);
            if (host == null || port == null) {
                // As the Kafka clients themselves would refuse it.
                throw new ConfigException("Invalid url in bootstrap.servers: " + address);
            }
            final InetAddress[] resolved;
            try {
                resolved = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                continue;
            }
            for (final InetAddress ip : resolved) {
                final long left = remainingMillis(deadline);
                if (left <= 0) {
                    return false;
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(ip, port), (int) Math.min(Integer.MAX_VALUE, left));
                    return true;
                } catch (IOException e) {
                    // Refused or timed out: try the next address.
                }
            }
        }
        return false;
    }

    private static long remainingMillis(final long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    public static Admin admin(final PipelineSettings settings) {
        return Admin.create(adminConfig(settings));
    }

    public static KafkaProducer<byte[], byte[]> producer(final PipelineSettings settings) {
        return new KafkaProducer<>(producerConfig(settings), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A consumer with no group: it reads only committed transactions, and the caller assigns partitions. */
    public static KafkaConsumer<byte[], byte[]> reader(final PipelineSettings settings) {
        return new KafkaConsumer<>(readerConfig(settings), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The admin client's configuration: the user's client settings (security included) as given. */
    public static Map<String, Object> adminConfig(final PipelineSettings settings) {
        return new HashMap<>(settings.clientSettings());
    }

    /** The producer's configuration: the user's client settings, then the ingest defaults where they set nothing. */
    public static Map<String, Object> producerConfig(final PipelineSettings settings) {
        final Map<String, Object> config = new HashMap<>(settings.clientSettings());
        config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        ClientDefaults.PRODUCER.forEach(config::putIfAbsent);
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(MAX_REQUEST_BYTES));
        return config;
    }

    /** The reader's configuration: the user's client settings, with no group and read_committed unless told otherwise. */
    public static Map<String, Object> readerConfig(final PipelineSettings settings) {
        final Map<String, Object> config = new HashMap<>(settings.clientSettings());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ClientDefaults.CONSUMER.forEach(config::putIfAbsent);
        return config;
    }
}
