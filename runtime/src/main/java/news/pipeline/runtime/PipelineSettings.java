package news.pipeline.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import news.pipeline.serde.ValueFormat;
import news.pipeline.streams.PipelineConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every setting of a pipeline process, merged from four layers, each overriding the one before:
 *
 * <ol>
 *   <li>defaults built into the code;</li>
 *   <li>a properties file ({@code --config FILE});</li>
 *   <li>the environment: {@code KAFKA_FOO_BAR=x} becomes {@code foo.bar=x} (any Kafka client or
 *       Streams setting, as in the official images), and {@code NEWS_PIPELINE_FOO_BAR=x} becomes
 *       {@code news.pipeline.foo.bar=x};</li>
 *   <li>command-line flags ({@code --bootstrap-servers}, {@code --set key=value}).</li>
 * </ol>
 *
 * Keys are Kafka's own names (bootstrap.servers, security.protocol, sasl.jaas.config,
 * processing.guarantee, producer.linger.ms...) or the pipeline's news.pipeline.* names, and pass
 * through unchanged to every client the process makes.
 *
 * <p>The news.pipeline.* keys are checked against their one definition, {@link PipelineConfig}, as
 * soon as the layers are merged, before any client exists: an unknown key (a typo) or a value that
 * is not allowed throws a {@link ConfigException} whose message is one line naming the key, the
 * value and what is allowed. Kafka's own keys are left for Kafka to check.
 */
public final class PipelineSettings {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

    /** Every news.pipeline.* setting a user may set; any other news.pipeline.* key is refused. */
    public static final Set<String> PIPELINE_KEYS = PipelineConfig.settingNames();
    /** Environment variables the launcher and the command line read themselves; not settings. */
    public static final Set<String> ENVIRONMENT_VARIABLES = Set.of(
            ProjectHome.ENVIRONMENT_VARIABLE,
            "NEWS_PIPELINE_DATA_DIR",
            "NEWS_PIPELINE_HTTP_ADDRESS",
            "NEWS_PIPELINE_JAVA_OPTS",
            "NEWS_PIPELINE_LOG_DIR");

    /** Environment variables that start with KAFKA_ but are not client settings. */
    private static final Set<String> NOT_CLIENT_SETTINGS = Set.of(
            "KAFKA_HOME",
            "KAFKA_OPTS",
            "KAFKA_HEAP_OPTS",
            "KAFKA_JVM_PERFORMANCE_OPTS",
            "KAFKA_LOG4J_OPTS",
            "KAFKA_JMX_OPTS",
            "KAFKA_DEBUG");
    /**
     * Keys whose values are never printed: passwords, JAAS configurations, tokens, private keys,
     * and user-info credentials ({@code basic.auth.user.info} is {@code user:password}).
     */
    private static final Set<String> SECRET_WORDS =
            Set.of("password", "secret", "jaas", "token", "credential", "key", "passphrase", "user.info", "userinfo");

    private final Map<String, String> values;
    private final boolean bootstrapGiven;
    private final PipelineConfig pipelineConfig;

    /** @throws ConfigException when a news.pipeline.* key is unknown or its value not allowed */
    private PipelineSettings(final Map<String, String> values, final boolean bootstrapGiven) {
        PipelineConfig.checkUserSettings(values);
        this.values = Map.copyOf(values);
        this.bootstrapGiven = bootstrapGiven;
        this.pipelineConfig = new PipelineConfig(values);
    }

    /**
     * @throws ConfigException when a news.pipeline.* key is unknown or its value not allowed, with
     *                         a one-line message naming the key, the value and what is allowed;
     *                         or when the config file cannot be read (a folder, no permission)
     */
    public static PipelineSettings resolve(
            final Path configFile, final Map<String, String> environment, final Map<String, String> flags) {
        final Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            merged.putAll(readProperties(configFile));
        }
        merged.putAll(fromEnvironment(environment));
        merged.putAll(flags);
        final boolean bootstrapGiven = merged.containsKey(BOOTSTRAP_SERVERS);
        merged.putIfAbsent(BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS);
        return new PipelineSettings(merged, bootstrapGiven);
    }

    /** The pipeline's own settings, parsed, with their defaults where no layer set them. */
    public PipelineConfig pipelineConfig() {
        return pipelineConfig;
    }

    /**
     * How topic values are framed: single-object encoding, or the Confluent wire format for the
     * schema registry these settings name.
     */
    public ValueFormat valueFormat() {
        return ValueFormat.fromSettings(values);
    }

    /** The settings, bootstrap.servers included. */
    public Map<String, String> asMap() {
        return values;
    }

    public String bootstrapServers() {
        return values.get(BOOTSTRAP_SERVERS);
    }

    /** False when no layer named a cluster: run and demo then start the embedded broker. */
    public boolean bootstrapGiven() {
        return bootstrapGiven;
    }

    /** The same settings pointing at another cluster (the embedded broker's actual address). */
    public PipelineSettings withBootstrapServers(final String bootstrapServers) {
        final Map<String, String> changed = new LinkedHashMap<>(values);
        changed.put(BOOTSTRAP_SERVERS, bootstrapServers);
        return new PipelineSettings(changed, true);
    }

    /** The same settings with one key set, whatever a layer set it to (the embedded registry's actual URL). */
    public PipelineSettings with(final String key, final String value) {
        final Map<String, String> changed = new LinkedHashMap<>(values);
        changed.put(key, value);
        return new PipelineSettings(changed, bootstrapGiven);
    }

    /** The same settings with one key set, unless a layer already set it. */
    public PipelineSettings withDefault(final String key, final String value) {
        final Map<String, String> changed = new LinkedHashMap<>(values);
        changed.putIfAbsent(key, value);
        return new PipelineSettings(changed, bootstrapGiven);
    }

    /** Settings for a plain client (producer, consumer, admin): the pipeline's own keys left out. */
    public Map<String, Object> clientSettings() {
        final Map<String, Object> client = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            // The registry client's apicurio.* settings are for the value serdes, not for Kafka.
            if (!key.startsWith(PipelineConfig.PREFIX) && !key.startsWith(ValueFormat.REGISTRY_SETTINGS_PREFIX)) {
                client.put(key, value);
            }
        });
        return client;
    }

    /** The settings with every secret masked: safe to log, whoever logs it. */
    @Override
    public String toString() {
        return redacted(values);
    }

    /** For logs: every value whose key looks secret is masked. */
    public static String redacted(final Map<String, ?> settings) {
        final Map<String, Object> shown = new LinkedHashMap<>();
        settings.forEach((key, value) -> shown.put(key, isSecret(key) ? "[hidden]" : value));
        return shown.toString();
    }

    public static boolean isSecret(final String key) {
        final String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream()
                .anyMatch(word -> lower.contains(word)
                        && !lower.endsWith(".type")
                        && !lower.endsWith("serializer")
                        && !lower.endsWith("deserializer")
                        && !lower.endsWith(".location"));
    }

    public static Map<String, String> fromEnvironment(final Map<String, String> environment) {
        final Map<String, String> settings = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && !NOT_CLIENT_SETTINGS.contains(name)) {
                settings.put(toKey(name.substring("KAFKA_".length())), value);
            } else if (name.startsWith("NEWS_PIPELINE_") && !ENVIRONMENT_VARIABLES.contains(name)) {
                settings.put(PipelineConfig.PREFIX + toKey(name.substring("NEWS_PIPELINE_".length())), value);
            }
        });
        return settings;
    }

    private static String toKey(final String environmentSuffix) {
        return environmentSuffix.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** An IOException's message; a file system's names only the file (AccessDeniedException: FILE), so then its kind. */
    private static String describe(final IOException e) {
        return e instanceof FileSystemException || e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage();
    }

    private static Map<String, String> readProperties(final Path file) {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            // A user's mistake (a folder, a file without read permission), as a bad setting is.
            final ConfigException unreadable =
                    new ConfigException("cannot read config file " + file + ": " + describe(e));
            unreadable.initCause(e);
            throw unreadable;
        }
        final Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().stream()
                .sorted()
                .forEach(key -> settings.put(key, properties.getProperty(key).trim()));
        return settings;
    }
}
