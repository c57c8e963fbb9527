package news.pipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
}
