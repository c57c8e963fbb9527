package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security settings a user gives, from any layer (file, environment,
 * flags), reach every Kafka client the pipeline makes: the commands' admin, producer and reader,
 * and each processor's Kafka Streams consumers, producer and admin. And secrets are never shown.
 */
class ClientSecurityTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"news\" password=\"jaas-secret-1\";";

    @TempDir
    Path dir;

    /** A SASL_SSL setup, spread over the three layers as an operator might. */
    private PipelineSettings saslSslSettings() throws Exception {
        final Path file = dir.resolve("client.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "bootstrap.servers=broker.example.com:9093",
                        "security.protocol=SASL_SSL",
                        "sasl.mechanism=SCRAM-SHA-512",
                        "sasl.jaas.config=" + JAAS,
                        "ssl.truststore.location=/etc/kafka/truststore.jks",
                        "ssl.truststore.password=truststore-secret-2"),
                StandardCharsets.UTF_8);
        return PipelineSettings.resolve(
                file,
                Map.of(
                        "KAFKA_SSL_KEYSTORE_PASSWORD",
                        "keystore-secret-3",
                        "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM",
                        "https"),
                Map.of("ssl.key.password", "key-secret-4", "ssl.keystore.location", "/etc/kafka/keystore.jks"));
    }

    private static Map<String, String> expectedSecurity() {
        final Map<String, String> expected = new LinkedHashMap<>();
        expected.put("bootstrap.servers", "broker.example.com:9093");
        expected.put("security.protocol", "SASL_SSL");
        expected.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        expected.put(SaslConfigs.SASL_JAAS_CONFIG, JAAS);
        expected.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/kafka/truststore.jks");
        expected.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, "truststore-secret-2");
        expected.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, "/etc/kafka/keystore.jks");
        expected.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, "keystore-secret-3");
        expected.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, "key-secret-4");
        expected.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
        return expected;
    }

    @Test
    void securitySettingsFromEveryLayerReachTheCommandsClients() throws Exception {
        final PipelineSettings settings = saslSslSettings();
        final Map<String, String> expected = expectedSecurity();

        assertThat(Clients.adminConfig(settings)).containsAllEntriesOf(expected);
        assertThat(Clients.producerConfig(settings)).containsAllEntriesOf(expected);
        assertThat(Clients.readerConfig(settings)).containsAllEntriesOf(expected);

        // Kafka's own parsing of those configurations takes them as the security settings they are.
        final ProducerConfig producer = new ProducerConfig(withSerdes(Clients.producerConfig(settings)));
        assertThat(producer.getString("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(producer.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value()).isEqualTo(JAAS);
        final ConsumerConfig reader = new ConsumerConfig(withSerdes(Clients.readerConfig(settings)));
        assertThat(reader.getPassword(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG).value())
                .isEqualTo("truststore-secret-2");
        assertThat(reader.getString(SaslConfigs.SASL_MECHANISM)).isEqualTo("SCRAM-SHA-512");
        final AdminClientConfig admin = new AdminClientConfig(Clients.adminConfig(settings));
        assertThat(admin.getPassword(SslConfigs.SSL_KEY_PASSWORD_CONFIG).value())
                .isEqualTo("key-secret-4");
    }

    @Test
    void securitySettingsReachEveryClientOfEveryProcessor() throws Exception {
        final PipelineSettings settings = saslSslSettings();
        final Map<String, String> expected = expectedSecurity();
        for (final ProcessorApp processor : ProcessorApp.values()) {
            final Properties props =
                    StreamsSettings.forProcessor(processor, settings.asMap(), PipelineMetrics.inMemory());
            final StreamsConfig streams = new StreamsConfig(props);
            final String app = StreamsSettings.applicationId(processor, settings.asMap());
            assertThat(streams.getMainConsumerConfigs(app, app + "-client", 0))
                    .as("%s main consumer", processor)
                    .containsAllEntriesOf(expected);
            assertThat(streams.getRestoreConsumerConfigs(app + "-client"))
                    .as("%s restore consumer", processor)
                    .containsAllEntriesOf(expected);
            assertThat(streams.getGlobalConsumerConfigs(app + "-client"))
                    .as("%s global consumer", processor)
                    .containsAllEntriesOf(expected);
            assertThat(streams.getProducerConfigs(app + "-client"))
                    .as("%s producer", processor)
                    .containsAllEntriesOf(expected);
            assertThat(streams.getAdminConfigs(app + "-client"))
                    .as("%s admin", processor)
                    .containsAllEntriesOf(expected);
        }
    }

    @Test
    void redactedHidesEverySecretAndKeepsTheRest() throws Exception {
        final Map<String, String> settings =
                new LinkedHashMap<>(saslSslSettings().asMap());
        settings.put("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----pem-secret-5");
        settings.put("sasl.oauthbearer.client.credentials.client.secret", "oauth-secret-6");
        settings.put("sasl.oauthbearer.assertion.private.key.passphrase", "passphrase-secret-7");
        settings.put("basic.auth.user.info", "news:userinfo-secret-8");
        settings.put("news.pipeline.api.token", "token-secret-9");
        settings.put("ssl.keystore.type", "PKCS12");
        settings.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");

        final String shown = PipelineSettings.redacted(settings);

        assertThat(shown).doesNotContain("secret-");
        assertThat(shown)
                .contains(
                        "sasl.jaas.config=[hidden]",
                        "ssl.truststore.password=[hidden]",
                        "ssl.keystore.password=[hidden]",
                        "ssl.key.password=[hidden]",
                        "ssl.keystore.key=[hidden]",
                        "basic.auth.user.info=[hidden]",
                        "news.pipeline.api.token=[hidden]");
        assertThat(shown)
                .contains(
                        "bootstrap.servers=broker.example.com:9093",
                        "security.protocol=SASL_SSL",
                        "sasl.mechanism=SCRAM-SHA-512",
                        "ssl.truststore.location=/etc/kafka/truststore.jks",
                        "ssl.keystore.type=PKCS12",
                        "key.serializer=org.apache.kafka.common.serialization.ByteArraySerializer");
    }

    @Test
    void settingsPrintedByAccidentShowNoSecret() throws Exception {
        final PipelineSettings settings = saslSslSettings();
        assertThat(settings.toString()).doesNotContain("secret-").contains("security.protocol=SASL_SSL");
    }

    private static Map<String, Object> withSerdes(final Map<String, Object> config) {
        final Map<String, Object> copy = new LinkedHashMap<>(config);
        copy.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        copy.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        copy.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        copy.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return copy;
    }
}
