package news.pipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedded broker listens on the loopback interface only, unless told otherwise. */
class EmbeddedKafkaConfigTest {

    @Test
    void everyListenerBindsToLoopbackByDefault() {
        final Map<String, String> config = EmbeddedKafka.brokerConfig(
                Path.of("/tmp/kraft"),
                EmbeddedKafka.DEFAULT_HOST,
                EmbeddedKafka.DEFAULT_PORT,
                EmbeddedKafka.DEFAULT_PORT + 1);

        assertThat(EmbeddedKafka.DEFAULT_HOST).isEqualTo("127.0.0.1");
        assertThat(config.get("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        assertThat(config.get("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
        assertThat(config.get("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
    }

    @Test
    void aQuorumMemberVotesWithEveryNodeAndReplicatesToThreeWithTwoInSync() {
        final List<EmbeddedKafka.QuorumMember> quorum = List.of(
                new EmbeddedKafka.QuorumMember(1, 19092, 19192),
                new EmbeddedKafka.QuorumMember(2, 19093, 19193),
                new EmbeddedKafka.QuorumMember(3, 19094, 19194));
        final Map<String, String> config =
                EmbeddedKafka.quorumMemberConfig(Path.of("/tmp/kraft"), EmbeddedKafka.DEFAULT_HOST, 2, quorum);

        assertThat(config.get("node.id")).isEqualTo("2");
        assertThat(config.get("controller.quorum.voters"))
                .isEqualTo("1@127.0.0.1:19192,2@127.0.0.1:19193,3@127.0.0.1:19194");
        assertThat(config.get("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19093,CONTROLLER://127.0.0.1:19193");
        assertThat(config)
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2");
    }
}
