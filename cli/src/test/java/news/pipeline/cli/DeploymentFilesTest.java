package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kafka.server.KafkaConfig;
import news.pipeline.runtime.PipelineSettings;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import scala.jdk.javaapi.CollectionConverters;

/**
 * There is no Docker engine here, so this checks what it can of the deployment: the compose file
 * parses; every service has an image or a build that exists; every setting it passes in the
 * environment is one its program reads; Prometheus scrapes every processor on the port it serves;
 * Grafana's provisioning and dashboard are there and chart the pipeline's own metrics.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROCESSORS = List.of("cleaner", "tagger", "publisher");

    private final JsonNode compose = read(ROOT.resolve("docker-compose.yml"));
    private final JsonNode services = compose.get("services");

    @Test
    void runsThreeKraftBrokersTheProcessorsAndTheirMonitoring() {
        assertThat(names(services))
                .contains(
                        "kafka-1",
                        "kafka-2",
                        "kafka-3",
                        "topics",
                        "cleaner",
                        "tagger",
                        "publisher",
                        "lag-exporter",
                        "prometheus",
                        "grafana");
        for (final String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            assertThat(services.get(broker).get("image").asText()).startsWith("apache/kafka:");
            assertThat(env(broker).get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
            assertThat(env(broker).get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
        }
        assertThat(textList(services.get("topics").get("command")))
                .containsSubsequence("topics", "--replication-factor", "3", "--min-insync-replicas", "2");
        for (final String processor : PROCESSORS) {
            assertThat(textList(services.get(processor).get("command")))
                    .containsSubsequence("run", "--processor", processor);
            // No fixed container name or published port: `docker compose up --scale` must be able to start more.
            assertThat(services.get(processor).has("container_name")).isFalse();
            assertThat(services.get(processor).has("ports")).isFalse();
        }
    }

    @Test
    void theProcessorsRunInRegistryModeAgainstTheComposeRegistry() {
        final JsonNode registry = services.get("schema-registry");
        assertThat(registry.get("image").asText()).isEqualTo("apicurio/apicurio-registry:3.0.9");
        // The image serves on 8080; published on loopback only.
        assertThat(textList(registry.get("ports"))).containsExactly("127.0.0.1:8081:8080");
        assertThat(registry.get("environment").get("APICURIO_STORAGE_KIND").asText())
                .isEqualTo("kafkasql");
        assertThat(registry.get("environment")
                        .get("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS")
                        .asText())
                .isEqualTo(env("cleaner").get("KAFKA_BOOTSTRAP_SERVERS"));
        for (final String processor : PROCESSORS) {
            assertThat(env(processor).get("NEWS_PIPELINE_SCHEMA_REGISTRY"))
                    .as(processor)
                    .isEqualTo("http://schema-registry:8080");
            assertThat(services.get(processor)
                            .get("depends_on")
                            .get("schema-registry")
                            .get("condition")
                            .asText())
                    .as("%s waits for the registry", processor)
                    .isEqualTo("service_healthy");
        }
        // The one-off tools write and read in the same mode.
        assertThat(env("ingest").get("NEWS_PIPELINE_SCHEMA_REGISTRY")).isEqualTo("http://schema-registry:8080");
    }

    @Test
    void everyServiceHasAnImageOrABuildThatExists() {
        final Set<String> built = new HashSet<>();
        services.fields().forEachRemaining(entry -> {
            final JsonNode service = entry.getValue();
            assertThat(service.has("image") || service.has("build"))
                    .as(entry.getKey())
                    .isTrue();
            if (service.has("build")) {
                final Path context = ROOT.resolve(
                        service.get("build").isTextual()
                                ? service.get("build").asText()
                                : service.get("build").get("context").asText());
                assertThat(context.resolve("Dockerfile"))
                        .as("Dockerfile of %s", entry.getKey())
                        .exists();
                built.add(service.get("image").asText());
            }
        });
        services.fields().forEachRemaining(entry -> {
            final String image = entry.getValue().get("image").asText();
            if (image.startsWith("news-pipeline")) {
                assertThat(built)
                        .as("%s uses an image some service builds", entry.getKey())
                        .contains(image);
            }
        });
    }

    @Test
    void everySettingThePipelineServicesGetIsOneTheyRead() {
        final Set<String> kafkaKeys = new HashSet<>();
        kafkaKeys.addAll(StreamsConfig.configDef().names());
        kafkaKeys.addAll(ProducerConfig.configNames());
        kafkaKeys.addAll(ConsumerConfig.configNames());
        kafkaKeys.addAll(AdminClientConfig.configNames());
        services.fields().forEachRemaining(entry -> {
            if (!entry.getValue().get("image").asText().startsWith("news-pipeline")) {
                return;
            }
            env(entry.getKey()).forEach((name, value) -> {
                if (name.startsWith("KAFKA_")) {
                    final String key = PipelineSettings.fromEnvironment(Map.of(name, value))
                            .keySet()
                            .iterator()
                            .next();
                    assertThat(kafkaKeys)
                            .as("%s: %s is a Kafka client or Streams setting", entry.getKey(), key)
                            .contains(key);
                } else {
                    assertThat(name).as(entry.getKey()).startsWith("NEWS_PIPELINE_");
                    final boolean read = PipelineSettings.ENVIRONMENT_VARIABLES.contains(name)
                            || PipelineSettings.PIPELINE_KEYS.containsAll(
                                    PipelineSettings.fromEnvironment(Map.of(name, value))
                                            .keySet());
                    assertThat(read)
                            .as("%s: the pipeline reads %s", entry.getKey(), name)
                            .isTrue();
                }
            });
        });
    }

    @Test
    void everyBrokerSettingIsAKafkaBrokerSetting() {
        final Set<String> brokerKeys = new HashSet<>(CollectionConverters.asJava(KafkaConfig.configNames()));
        for (final String broker : List.of("kafka-1", "kafka-2", "kafka-3")) {
            env(broker).forEach((name, value) -> {
                if (name.startsWith("KAFKA_")) {
                    final String key = name.substring("KAFKA_".length())
                            .toLowerCase(Locale.ROOT)
                            .replace('_', '.');
                    assertThat(brokerKeys).as("%s: %s", broker, name).contains(key);
                } else {
                    assertThat(name).as("%s: the image's own variables", broker).isEqualTo("CLUSTER_ID");
                }
            });
        }
    }

    @Test
    void prometheusScrapesEveryProcessorWhereItServes() {
        final JsonNode prometheus = read(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        final String port = env("cleaner").get("NEWS_PIPELINE_HTTP_ADDRESS").replaceAll(".*:", "");
        final Set<String> scraped = new HashSet<>();
        for (final JsonNode job : prometheus.get("scrape_configs")) {
            for (final JsonNode discovery : job.get("dns_sd_configs")) {
                assertThat(discovery.get("port").asText()).isEqualTo(port);
                discovery.get("names").forEach(name -> scraped.add(name.asText()));
            }
        }
        assertThat(scraped).containsAll(PROCESSORS).contains("lag-exporter");
        assertThat(textList(services.get("prometheus").get("volumes")))
                .anySatisfy(volume -> assertThat(volume).startsWith("./deploy/prometheus/prometheus.yml:"));
    }

    @Test
    void grafanaIsProvisionedWithADashboardOfThePipelinesMetrics() throws IOException {
        for (final String volume : textList(services.get("grafana").get("volumes"))) {
            assertThat(ROOT.resolve(volume.split(":")[0])).as(volume).exists();
        }
        assertThat(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"))
                .exists();
        assertThat(ROOT.resolve("deploy/grafana/provisioning/dashboards/news-pipeline.yml"))
                .exists();
        final JsonNode dashboard =
                JSON.readTree(Files.readString(ROOT.resolve("deploy/grafana/dashboards/news-pipeline.json")));
        final StringBuilder expressions = new StringBuilder();
        dashboard
                .get("panels")
                .forEach(panel -> panel.get("targets")
                        .forEach(target ->
                                expressions.append(target.get("expr").asText()).append('\n')));
        assertThat(expressions.toString())
                .contains(
                        "news_pipeline_records_out_total",
                        "news_pipeline_lag_seconds",
                        "news_pipeline_hanging_transactions",
                        "news_pipeline_dead_letters_total",
                        "news_pipeline_articles_tagged_total");
    }

    private Map<String, String> env(final String service) {
        final Map<String, String> env = new LinkedHashMap<>();
        final JsonNode environment = services.get(service).get("environment");
        if (environment != null) {
            environment
                    .fields()
                    .forEachRemaining(
                            entry -> env.put(entry.getKey(), entry.getValue().asText()));
        }
        return env;
    }

    private static List<String> names(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        final Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static List<String> textList(final JsonNode node) {
        final List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** Parsed as Docker Compose parses it: YAML 1.1 with merge keys (<<: *anchor) resolved. */
    private static JsonNode read(final Path file) {
        try {
            final Object document = new Yaml().load(Files.readString(file));
            return JSON.valueToTree(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
