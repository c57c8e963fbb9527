package news.pipeline.serde;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import news.pipeline.streams.PipelineConfig;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/**
 * How the pipeline frames topic values: Avro single-object encoding (the default, no registry), or
 * the Confluent wire format with schemas kept in a schema registry. Readers accept both framings in
 * either mode, per record, so a deployment can switch modes without a migration.
 *
 * <p>The registry is reached through Apicurio's serde and client. Any {@code apicurio.*} setting
 * (basic auth, TLS trust and key stores, request headers) passes through to them unchanged, as
 * Kafka's own settings pass through to the Kafka clients.
 */
public final class ValueFormat {
    /** The prefix of the registry client's own settings, passed through as given. */
    public static final String REGISTRY_SETTINGS_PREFIX = "apicurio.";

    private static final ValueFormat SINGLE_OBJECT = new ValueFormat(null, Map.of());
    /** The paths of the registry's APIs a user may have copied: its Confluent-compatible API or its own. */
    private static final Pattern API_PATH = Pattern.compile("/apis/(ccompat/v\\d+|registry/v\\d+)/?$");

    private final String registryBaseUrl;
    private final Map<String, Object> registrySettings;

    private ValueFormat(final String registryBaseUrl, final Map<String, Object> registrySettings) {
        this.registryBaseUrl = registryBaseUrl;
        this.registrySettings = Map.copyOf(registrySettings);
    }

    /** Avro single-object encoding: no registry. */
    public static ValueFormat singleObject() {
        return SINGLE_OBJECT;
    }

    /**
     * Registry mode.
     *
     * @param registryUrl      the registry's address, or the URL of its Confluent-compatible or v2 API
     * @param registrySettings {@code apicurio.*} settings for the registry client (auth, TLS)
     */
    public static ValueFormat registry(final String registryUrl, final Map<String, ?> registrySettings) {
        final Map<String, Object> passed = new LinkedHashMap<>();
        registrySettings.forEach((key, value) -> {
            if (key.startsWith(REGISTRY_SETTINGS_PREFIX)) {
                passed.put(key, value);
            }
        });
        return new ValueFormat(baseUrl(registryUrl), passed);
    }

    /**
     * The format the settings ask for: registry mode when {@code news.pipeline.schema.registry}
     * holds a URL. Run and demo replace {@code embedded} with the URL of the registry they start.
     */
    public static ValueFormat fromSettings(final Map<String, ?> settings) {
        final String registry = new PipelineConfig(settings).schemaRegistry();
        if (registry.isEmpty()) {
            return SINGLE_OBJECT;
        }
        if (registry.equals(PipelineConfig.EMBEDDED_REGISTRY)) {
            throw new ConfigException(PipelineConfig.SCHEMA_REGISTRY_CONFIG
                    + "=embedded: only run and demo start a registry; give the URL of the one they started");
        }
        return registry(registry, settings);
    }

    public boolean usesRegistry() {
        return registryBaseUrl != null;
    }

    /** The registry's own API (v2), which Apicurio's serde and client speak. */
    public String registryApiUrl() {
        requireRegistry();
        return registryBaseUrl + "/apis/registry/v2";
    }

    /** The registry's Confluent-compatible API, for clients in other languages. */
    public String confluentApiUrl() {
        requireRegistry();
        return registryBaseUrl + "/apis/ccompat/v7";
    }

    /** The {@code apicurio.*} settings given by the user, for the registry client. */
    public Map<String, Object> registrySettings() {
        return registrySettings;
    }

    /** The value serde of a record type in this format; it reads both framings. */
    public <T extends SpecificRecordBase> Serde<T> serde(final Class<T> type) {
        return new ValueSerde<>(type, this);
    }

    private void requireRegistry() {
        if (registryBaseUrl == null) {
            throw new IllegalStateException("single-object encoding has no schema registry");
        }
    }

    private static String baseUrl(final String url) {
        String base = url.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return API_PATH.matcher(base).replaceFirst("");
    }

    @Override
    public String toString() {
        return usesRegistry() ? "registry " + confluentApiUrl() : "single-object";
    }
}
