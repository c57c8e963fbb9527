package news.pipeline.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.testkit.Delivery;
import news.pipeline.testkit.FaultKit;
import news.pipeline.testkit.ForkedPipeline;
import news.pipeline.testkit.TopicFollower;
import news.pipeline.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processors' process is killed with SIGKILL in the middle of 20,000
 * articles (no shutdown hook, no commit, transactions left open), then started again on the same
 * data directory. A read_committed consumer of enriched and by-country must see every article
 * exactly once. The processes also get secrets in their settings, which must never reach their logs.
 */
@Tag("fault")
class CrashFaultIT {
    private static final int ARTICLES = 20_000;
    /** Kill once this many articles are through, so the kill lands in the middle of the run. */
    private static final int KILL_AFTER = 4_000;

    private static final String SECRET = "FaultSecret-4e1d";

    /** Kafka's clients log their whole configuration at INFO: the place a secret would leak. */
    private static final List<String> INFO_LOGS = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");

    @TempDir
    Path dir;

    @Test
    void processorsKilledMidRunAndStartedAgainDeliverEveryArticleExactlyOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, 0, Map.of())) {
            final PipelineSettings settings =
                    FaultKit.settings(kafka.bootstrapServers(), dir.resolve("reader-state"), Map.of());
            FaultKit.createTopics(settings);
            FaultKit.produce(settings, FaultKit.goodRecords(0, ARTICLES));
            final Set<String> expected =
                    IntStream.range(0, ARTICLES).mapToObj(FaultKit::id).collect(Collectors.toSet());

            final Path log = dir.resolve("processors.log");
            final List<String> run = List.of(
                    "run",
                    "--processor",
                    "all",
                    "--bootstrap-servers",
                    kafka.bootstrapServers(),
                    "--data-dir",
                    dir.resolve("processors").toString(),
                    // The killed member's partitions move after its session times out; 10 s, not 45 s.
                    "--set",
                    "session.timeout.ms=10000",
                    // Secrets a real deployment would carry; PLAINTEXT leaves them unused, the logs must not show them.
                    "--set",
                    "ssl.truststore.password=" + SECRET + "-truststore",
                    "--set",
                    "ssl.key.password=" + SECRET + "-key",
                    "--set",
                    "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                            + " username=\"news\" password=\"" + SECRET + "-jaas\";",
                    "--set",
                    "ssl.keystore.password=" + SECRET + "-keystore");

            final long start = System.nanoTime();
            final int atKill;
            try (TopicFollower enriched = new TopicFollower(settings, Topics.ENRICHED, FaultKit::key);
                    TopicFollower byCountry = new TopicFollower(
                            settings,
                            Topics.BY_COUNTRY,
                            record -> FaultKit.value(Topics.BY_COUNTRY, record).getArticleId())) {
                try (ForkedPipeline first = ForkedPipeline.start(log, INFO_LOGS, run)) {
                    enriched.awaitDistinct(KILL_AFTER, FaultKit.TIMEOUT, first::isAlive, () -> FaultKit.tail(log, 40));
                    first.kill();
                    atKill = enriched.poll();
                }
                System.out.printf(
                        "[crash] SIGKILL after %.1f s with %d of %d articles on enriched%n",
                        (System.nanoTime() - start) / 1e9, atKill, ARTICLES);
                assertThat(atKill)
                        .as("the kill landed in the middle of the run")
                        .isLessThan(ARTICLES);

                final long restart = System.nanoTime();
                try (ForkedPipeline second = ForkedPipeline.start(log, INFO_LOGS, run)) {
                    enriched.awaitDistinct(ARTICLES, FaultKit.TIMEOUT, second::isAlive, () -> FaultKit.tail(log, 40));
                    byCountry.awaitDistinct(ARTICLES, FaultKit.TIMEOUT, second::isAlive, () -> FaultKit.tail(log, 40));
                    System.out.printf(
                            "[crash] restarted: all %d articles through %.1f s after the restart%n",
                            ARTICLES, (System.nanoTime() - restart) / 1e9);
                    assertThat(second.stop()).as("exit code after SIGTERM").isIn(0, 130, 143);
                }
            }

            final Delivery delivery = Delivery.read(settings);
            System.out.println(delivery.summary("crash", expected));
            // The kill left writes of open transactions behind; a read_uncommitted reader sees them, read_committed
            // must not.
            final PipelineSettings uncommitted = FaultKit.settings(
                    kafka.bootstrapServers(),
                    dir.resolve("reader-state"),
                    Map.of("isolation.level", "read_uncommitted"));
            System.out.printf(
                    "[crash] read_uncommitted for comparison: clean=%d enriched=%d by-country=%d records%n",
                    FaultKit.readAll(uncommitted, Topics.CLEAN).size(),
                    FaultKit.readAll(uncommitted, Topics.ENRICHED).size(),
                    FaultKit.readAll(uncommitted, Topics.BY_COUNTRY).size());
            delivery.assertExactlyOnce(expected);
            assertThat(FaultKit.readAll(settings, Topics.DEAD_LETTER))
                    .as("dead letters")
                    .isEmpty();

            final String output = Files.readString(log, StandardCharsets.ISO_8859_1);
            assertThat(output)
                    .as("the processors logged their client settings")
                    .contains("sasl.jaas.config = [hidden]")
                    .contains("ssl.key.password = [hidden]")
                    .contains("ssl.truststore.password = [hidden]");
            assertThat(output).as("no secret in the processors' logs").doesNotContain(SECRET);
        }
    }
}
