package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.RawArticleProducer;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testkit.FreePorts;
import news.pipeline.topics.TopicAdmin;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client security on a real broker: the embedded broker gets a SASL_PLAINTEXT listener
 * that only lets in known users, and the pipeline reaches it with nothing but a client properties
 * file (security.protocol, sasl.mechanism, sasl.jaas.config), as a user would connect to a secured
 * cluster: topics created, the three processors running, an article through. A wrong password is
 * refused, so it is the settings that let the pipeline in.
 */
class SecureClusterIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void thePipelineRunsOnASaslClusterWithOnlyAClientPropertiesFile() throws Exception {
        final int port = FreePorts.one();
        final int controllerPort = FreePorts.one();
        final int saslPort = FreePorts.one();
        final String host = EmbeddedKafka.DEFAULT_HOST;
        final Map<String, String> saslListener = Map.of(
                "listeners",
                "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort
                        + ",SASL_PLAINTEXT://" + host + ":" + saslPort,
                "controller.quorum.voters",
                "1@" + host + ":" + controllerPort,
                "advertised.listeners",
                "PLAINTEXT://" + host + ":" + port + ",SASL_PLAINTEXT://" + host + ":" + saslPort,
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                "sasl.enabled.mechanisms",
                "PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " user_news=\"news-password\" user_ops=\"ops-password\";");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), host, port, saslListener)) {
            final PipelineSettings settings = settingsFrom(clientProperties(host + ":" + saslPort, "news-password"));
            assertThat(settings.bootstrapServers()).isEqualTo(host + ":" + saslPort);

            final Path wrongPasswordFile = clientProperties(host + ":" + saslPort, "guess");
            try (Admin admin = Clients.admin(settingsFrom(wrongPasswordFile))) {
                assertThatThrownBy(() -> admin.listTopics().names().get(1, TimeUnit.MINUTES))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            // The command line says so in one line, rather than that it cannot reach the cluster.
            final CliRun refused = CliRun.execute("topics", "--describe", "--config", wrongPasswordFile.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err())
                    .startsWith("news-pipeline: Kafka at " + host + ":" + saslPort + " refused authentication: ")
                    .hasLineCount(1);

            try (Admin admin = Clients.admin(settings)) {
                new TopicAdmin(admin).createMissing(Optional.empty(), Optional.empty(), TIMEOUT);
            }
            final PipelineSettings withState =
                    settings.withDefault("state.dir", dir.resolve("streams").toString());
            try (StreamsAppRunner pipeline =
                    new StreamsAppRunner(Arrays.asList(ProcessorApp.values()), withState.asMap())) {
                pipeline.start();
                pipeline.awaitRunning(TIMEOUT);
                final ArticleFiles.Article article = ArticleFiles.fromContent(
                        Files.readAllBytes(Path.of("..", "samples", "seed-article.txt")),
                        ArticleFormat.TEXT,
                        null,
                        "seed");
                try (RawArticleProducer producer = new RawArticleProducer(settings)) {
                    assertThat(producer.send(List.of(article)))
                            .allSatisfy(sent -> assertThat(sent.error()).isNull());
                }
                final EnrichedArticle enriched = awaitEnriched(settings, article.id());
                assertThat(enriched.getCountries()).isNotEmpty();
                assertThat(pipeline.allRunning()).isTrue();
            }
        }
    }

    private Path clientProperties(final String bootstrap, final String password) throws IOException {
        final Path file = Files.createTempFile(dir, "client", ".properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "bootstrap.servers=" + bootstrap,
                        "security.protocol=SASL_PLAINTEXT",
                        "sasl.mechanism=PLAIN",
                        "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\"news\" password=\"" + password + "\";"),
                StandardCharsets.UTF_8);
        return file;
    }

    private static PipelineSettings settingsFrom(final Path file) {
        return PipelineSettings.resolve(file, Map.of(), Map.of());
    }

    private static EnrichedArticle awaitEnriched(final PipelineSettings settings, final String id) {
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(settings)) {
            final List<TopicPartition> partitions = Clients.partitions(consumer, Topics.ENRICHED.name(), TIMEOUT);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (id.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        return Topics.ENRICHED
                                .valueSerde()
                                .get()
                                .deserializer()
                                .deserialize(record.topic(), record.value());
                    }
                }
            }
        }
        throw new AssertionError(id + " not on " + Topics.ENRICHED.name() + " within " + TIMEOUT);
    }
}
