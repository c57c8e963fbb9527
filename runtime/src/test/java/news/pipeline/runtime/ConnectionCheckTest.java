package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** The connection check, without a broker: what it says of servers that do not resolve, refuse or stay silent. */
class ConnectionCheckTest {

    @Test
    void theCheckingAdminClientIsBootstrappedFromOneServerAndGivesUpWithinItsBudget() {
        final PipelineSettings settings =
                PipelineSettings.resolve(null, Map.of(), Map.of(PipelineSettings.BOOTSTRAP_SERVERS, "a:9092,b:9092"));
        final Map<String, Object> config = ConnectionCheck.checkingAdminConfig(settings, "b:9092", 4000);

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

        assertThatThrownBy(() -> ConnectionCheck.reachable(settings, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(
                        KafkaConnectionException.class,
                        e -> assertThat(e.problem()).isEqualTo(KafkaConnectionException.Problem.UNRESOLVED))
                .hasMessage("cannot resolve host no-such-host.invalid in bootstrap.servers no-such-host.invalid:9092");
    }

    @Test
    void aServerThatRefusesBesidesOneThatDoesNotResolveIsNothingListening() {
        final PipelineSettings settings = PipelineSettings.resolve(
                null, Map.of(), Map.of(PipelineSettings.BOOTSTRAP_SERVERS, "no-such-host.invalid:9092,127.0.0.1:1"));

        assertThatThrownBy(() -> ConnectionCheck.reachable(settings, Duration.ofSeconds(2)))
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

            assertThatThrownBy(() -> ConnectionCheck.reachable(settings, Duration.ofSeconds(2)))
                    .isInstanceOfSatisfying(KafkaConnectionException.class, e -> {
                        assertThat(e.problem()).isEqualTo(KafkaConnectionException.Problem.NO_ANSWER);
                        assertThat(e.bootstrapServers()).isEqualTo(address);
                    })
                    .hasMessageStartingWith("no answer from Kafka at " + address + " within 2 s");
            // Far under the minute Kafka's clients would retry for; loose for a busy machine.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        }
    }
}
