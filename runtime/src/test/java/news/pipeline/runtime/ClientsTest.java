package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The commands' clients and the processors' start from the same producer and consumer defaults;
 * the connection check, without a broker.
 */
class ClientsTest {

    @Test
    void theCommandsAndTheProcessorsShareTheClientDefaults() {
        final PipelineSettings settings = PipelineSettings.resolve(null, Map.of(), Map.of());
        final Map<String, Object> producer = Clients.producerConfig(settings);
        final Map<String, Object> reader = Clients.readerConfig(settings);
        final StreamsConfig streams = new StreamsConfig(
                StreamsSettings.forProcessor(ProcessorApp.CLEANER, settings.asMap(), PipelineMetrics.inMemory()));
        final Map<String, Object> streamsProducer = streams.getProducerConfigs("client");
        final Map<String, Object> streamsConsumer = streams.getMainConsumerConfigs("group", "client", 0);

        for (final String key : new String[] {
            ProducerConfig.COMPRESSION_TYPE_CONFIG, ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.BATCH_SIZE_CONFIG
        }) {
            assertThat(producer.get(key)).as(key).isEqualTo(streamsProducer.get(key));
        }
        assertThat(producer)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5")
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        assertThat(reader.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG))
                .isEqualTo(streamsConsumer.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG))
                .isEqualTo(String.valueOf(4 * 1024 * 1024));
    }

    @Test
    void theCommandsMaySendWhatTheLargestTopicTakesAndTheProcessorsLess() {
        final PipelineSettings settings = PipelineSettings.resolve(null, Map.of(), Map.of());
        final Properties processor =
                StreamsSettings.forProcessor(ProcessorApp.TAGGER, settings.asMap(), PipelineMetrics.inMemory());

        assertThat(Clients.producerConfig(settings))
                .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(24 * 1024 * 1024));
        assertThat(processor.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)))
                .isEqualTo(String.valueOf(20 * 1024 * 1024));
    }

    @Test
    void aUsersSettingWinsOverTheDefaults() {
        final PipelineSettings settings = PipelineSettings.resolve(
                null,
                Map.of("KAFKA_LINGER_MS", "20"),
                Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1048576"));

        assertThat(Clients.producerConfig(settings)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20");
        assertThat(Clients.readerConfig(settings))
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1048576");
    }

    @Test
    void theCheckingAdminClientIsBootstrappedFromOneServerAndGivesUpWithinItsBudget() {
        final PipelineSettings settings =
                PipelineSettings.resolve(null, Map.of(), Map.of(PipelineSettings.BOOTSTRAP_SERVERS, "a:9092,b:9092"));
        final Map<String, Object> config = Clients.checkingAdminConfig(settings, "b:9092", 4000);

        assertThat(config)
                .containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092")
                .containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000")
                .containsEntry(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        // The defaults, 10 s and 30 s, would outlast the budget on a server that stalls.
        for (final String key : new String[] {
            AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
            AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG
        }) {
            assertThat(Long.parseLong((String) config.get(key)))
                    .as(key)
                    .isPositive()
                    .isLessThan(4000);
        }
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidSo() {
        final PipelineSettings settings = PipelineSettings.resolve(
                null, Map.of(), Map.of(PipelineSettings.BOOTSTRAP_SERVERS, "no-such-host.invalid:9092"));

        assertThatThrownBy(() -> Clients.checkReachable(settings, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(
                        KafkaConnectionException.class,
                        e -> assertThat(e.problem()).isEqualTo(KafkaConnectionException.Problem.UNRESOLVED))
                .hasMessage("cannot resolve host no-such-host.invalid in bootstrap.servers no-such-host.invalid:9092");
    }

    @Test
    void aServerThatRefusesBesidesOneThatDoesNotResolveIsNothingListening() {
        final PipelineSettings settings = PipelineSettings.resolve(
                null, Map.of(), Map.of(PipelineSettings.BOOTSTRAP_SERVERS, "no-such-host.invalid:9092,127.0.0.1:1"));

        assertThatThrownBy(() -> Clients.checkReachable(settings, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(
                        KafkaConnectionException.class,
                        e -> assertThat(e.problem()).isEqualTo(KafkaConnectionException.Problem.NOT_LISTENING));
    }

    /**
     * Each server that listens is asked on its own: a silent one is named alone, and the others are
     * not waited on for the whole time.
     */
    @Test
    void aServerThatListensButDoesNotAnswerIsNamedAloneWithinTheTimeout() throws Exception {
        // A backlog never accepted from: connections succeed, and nothing is ever answered.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            final String address = "127.0.0.1:" + silent.getLocalPort();
            final PipelineSettings settings = PipelineSettings.resolve(
                    null, Map.of(), Map.of(PipelineSettings.BOOTSTRAP_SERVERS, "127.0.0.1:1," + address));
            final long start = System.nanoTime();

            assertThatThrownBy(() -> Clients.checkReachable(settings, Duration.ofSeconds(2)))
                    .isInstanceOfSatisfying(KafkaConnectionException.class, e -> {
                        assertThat(e.problem()).isEqualTo(KafkaConnectionException.Problem.NO_ANSWER);
                        assertThat(e.bootstrapServers()).isEqualTo(address);
                    })
                    .hasMessageStartingWith("no answer from Kafka at " + address + " within 2 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
