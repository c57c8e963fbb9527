package news.pipeline.streams;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import news.pipeline.clean.ArticleCleaner;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The one definition of the pipeline's own settings, the {@code news.pipeline.*} keys: type,
 * default, documentation and what is allowed. Everything that reads one of them reads it parsed,
 * through this class; the README's settings table is checked against {@link #DEFINITION}.
 *
 * <p>Two kinds of keys: settings a user may set ({@link #settingNames()}), and internal keys the
 * processors set themselves in their Kafka Streams configuration, because the handlers Kafka
 * Streams creates by class name receive nothing else. A user who sets an internal key, or a
 * {@code news.pipeline.*} key defined nowhere here, gets a {@link ConfigException} at startup (see
 * {@link #checkUserSettings}), so a typo cannot be silently ignored.
 */
public final class PipelineConfig extends AbstractConfig {
    /** The prefix of every key defined here; other keys are Kafka's and pass through untouched. */
    public static final String PREFIX = "news.pipeline.";

    /** Largest raw content the cleaner accepts, in bytes; larger records are dead-lettered as OVERSIZED. */
    public static final String MAX_CONTENT_BYTES_CONFIG = "news.pipeline.cleaner.max.content.bytes";
    /**
     * Below 1 KiB nearly every article would be dead-lettered: such a value is a mistake (a size
     * meant in KiB or MiB), not a choice.
     */
    public static final int MIN_MAX_CONTENT_BYTES = 1024;

    /** Prefix of every application.id: {@code <prefix>-cleaner}, {@code <prefix>-tagger}, {@code <prefix>-publisher}. */
    public static final String APPLICATION_ID_PREFIX_CONFIG = "news.pipeline.application.id.prefix";

    public static final String DEFAULT_APPLICATION_ID_PREFIX = "news-pipeline";

    /**
     * The schema registry that topic values are framed for (Confluent wire format); empty for Avro
     * single-object encoding, which needs no registry. {@code embedded} asks run and demo to start one.
     */
    public static final String SCHEMA_REGISTRY_CONFIG = "news.pipeline.schema.registry";
    /** The value of {@link #SCHEMA_REGISTRY_CONFIG} that asks run and demo to start a registry of their own. */
    public static final String EMBEDDED_REGISTRY = "embedded";

    private static final Pattern REGISTRY_ADDRESS = Pattern.compile("(|embedded|https?://[^\\s]+)");
    /**
     * The application id names the consumer group and prefixes the internal topics, so it may hold
     * only what a topic name may.
     */
    private static final Pattern LEGAL_APPLICATION_ID = Pattern.compile("[a-zA-Z0-9._-]+");

    /** Internal: which processor the dead-letter handler serves (cleaner, tagger, publisher); written into each dead letter. */
    public static final String PROCESSOR_CONFIG = "news.pipeline.processor";
    /** Internal: version of that processor's logic; written into each dead letter. */
    public static final String PROCESSOR_VERSION_CONFIG = "news.pipeline.processor.version";
    /** What a dead letter says when the handler was not told which processor it serves. */
    public static final String UNKNOWN_PROCESSOR = "unknown";

    /**
     * Internal, and the one key not in {@link #DEFINITION}: the processors pass their
     * PipelineMetrics object, not a string, to the dead-letter handler under it, and a ConfigDef
     * has no type for an arbitrary object. It is reserved all the same: users cannot set it.
     */
    public static final String METRICS_CONFIG = "news.pipeline.metrics";

    /** Who may open the console when it is served on an address other than loopback (HTTP basic auth). */
    public static final String CONSOLE_USER_CONFIG = "news.pipeline.console.user";

    public static final String CONSOLE_PASSWORD_CONFIG = "news.pipeline.console.password";

    /**
     * How long a processor process runs its steps on generated articles before it joins its groups,
     * so that the first real records meet compiled code. A first round, which loads what the steps
     * load, runs whatever the value: 0 leaves only that round.
     */
    public static final String WARMUP_MS_CONFIG = "news.pipeline.warmup.ms";

    /**
     * The first round only: on a shared 2-core machine, 3 and 10 s of warm-up did not raise the
     * rate of a fresh JVM's first 30 s measurably (docs/benchmarks.md), and they lengthen every start.
     */
    public static final long DEFAULT_WARMUP_MS = 0;
    /** A warm-up delays every start: beyond a minute it would be a mistake (a value meant in seconds elsewhere), not a choice. */
    public static final long MAX_WARMUP_MS = 60_000;

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(
                    MAX_CONTENT_BYTES_CONFIG,
                    Type.INT,
                    ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES,
                    new Allowed(
                            "an integer >= " + MIN_MAX_CONTENT_BYTES + " (bytes)",
                            ConfigDef.Range.atLeast(MIN_MAX_CONTENT_BYTES)),
                    Importance.MEDIUM,
                    "larger raw content is dead-lettered as OVERSIZED")
            .define(
                    APPLICATION_ID_PREFIX_CONFIG,
                    Type.STRING,
                    DEFAULT_APPLICATION_ID_PREFIX,
                    new Allowed(
                            "letters, digits, '.', '_' and '-'",
                            ConfigDef.LambdaValidator.with(
                                    (name, value) -> {
                                        if (value == null
                                                || !LEGAL_APPLICATION_ID
                                                        .matcher(value.toString())
                                                        .matches()) {
                                            throw new ConfigException(name, value, "not a legal application id prefix");
                                        }
                                    },
                                    () -> LEGAL_APPLICATION_ID.pattern())),
                    Importance.MEDIUM,
                    "application ids are `<prefix>-cleaner` etc.")
            .define(
                    CONSOLE_USER_CONFIG,
                    Type.STRING,
                    "",
                    Importance.MEDIUM,
                    "user name the console asks for (HTTP basic auth) when the HTTP address is not loopback, where it is required")
            .define(CONSOLE_PASSWORD_CONFIG, Type.STRING, "", Importance.MEDIUM, "that user's password")
            .define(
                    WARMUP_MS_CONFIG,
                    Type.LONG,
                    DEFAULT_WARMUP_MS,
                    new Allowed(
                            "an integer from 0 (the first round only) to " + MAX_WARMUP_MS + " (milliseconds)",
                            ConfigDef.Range.between(0, MAX_WARMUP_MS)),
                    Importance.MEDIUM,
                    "how long each processor process runs its steps on generated articles, after a first round that"
                            + " loads what they load (which always runs), before it joins its groups, so that the first"
                            + " records meet compiled code; nothing is written or counted")
            .define(
                    SCHEMA_REGISTRY_CONFIG,
                    Type.STRING,
                    "",
                    new Allowed(
                            "empty, `embedded` (run and demo), or an http(s) URL of an Apicurio Registry",
                            ConfigDef.LambdaValidator.with(
                                    (name, value) -> {
                                        if (value == null
                                                || !REGISTRY_ADDRESS
                                                        .matcher(value.toString())
                                                        .matches()) {
                                            throw new ConfigException(name, value, "not a schema registry address");
                                        }
                                    },
                                    () -> REGISTRY_ADDRESS.pattern())),
                    Importance.MEDIUM,
                    "values in the Confluent wire format, schemas in this registry; empty: Avro single-object encoding")
            .defineInternal(
                    PROCESSOR_CONFIG,
                    Type.STRING,
                    UNKNOWN_PROCESSOR,
                    null,
                    Importance.LOW,
                    "which processor the dead-letter handler serves; set by the processors")
            .defineInternal(
                    PROCESSOR_VERSION_CONFIG,
                    Type.STRING,
                    UNKNOWN_PROCESSOR,
                    null,
                    Importance.LOW,
                    "the version of that processor's logic; set by the processors");

    /**
     * The pipeline's own keys of these settings, parsed; keys without a value get their default.
     * Other keys (Kafka's, and any object the processors pass along) are ignored.
     *
     * @throws ConfigException with a one-line message when a value is not allowed
     */
    public PipelineConfig(final Map<String, ?> settings) {
        super(DEFINITION, checkedValues(settings), false);
    }

    public int maxContentBytes() {
        return getInt(MAX_CONTENT_BYTES_CONFIG);
    }

    public String applicationIdPrefix() {
        return getString(APPLICATION_ID_PREFIX_CONFIG);
    }

    public Duration warmUp() {
        return Duration.ofMillis(getLong(WARMUP_MS_CONFIG));
    }

    public String consoleUser() {
        return getString(CONSOLE_USER_CONFIG);
    }

    public String consolePassword() {
        return getString(CONSOLE_PASSWORD_CONFIG);
    }

    /** The schema registry's address as given, or empty for single-object encoding. */
    public String schemaRegistry() {
        return getString(SCHEMA_REGISTRY_CONFIG).trim();
    }

    public String processor() {
        return getString(PROCESSOR_CONFIG);
    }

    public String processorVersion() {
        return getString(PROCESSOR_VERSION_CONFIG);
    }

    /** The keys a user may set, sorted. */
    public static Set<String> settingNames() {
        final Set<String> names = new TreeSet<>();
        DEFINITION.configKeys().forEach((name, key) -> {
            if (!key.internalConfig) {
                names.add(name);
            }
        });
        return names;
    }

    /** In words, what a setting's value may be; as the README's settings table says it. */
    public static String allowed(final String name) {
        final ConfigDef.ConfigKey key = DEFINITION.configKeys().get(name);
        if (key == null) {
            throw new IllegalArgumentException("not a pipeline setting: " + name);
        }
        return key.validator == null ? key.type.name().toLowerCase(Locale.ROOT) : key.validator.toString();
    }

    /**
     * Checks the settings a user gave: every {@code news.pipeline.*} key must be a setting defined
     * here, not an internal key, with an allowed value. Other keys are not looked at.
     *
     * @throws ConfigException with a one-line message naming the key, the value and what is allowed
     */
    public static void checkUserSettings(final Map<String, ?> settings) {
        for (final String name : settings.keySet()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            final ConfigDef.ConfigKey key = DEFINITION.configKeys().get(name);
            if (key == null && !name.equals(METRICS_CONFIG)) {
                final String closest = closest(name);
                throw new ConfigException("unknown setting " + name
                        + (closest == null ? "" : " (did you mean " + closest + "?)")
                        + "; known news.pipeline settings: " + String.join(", ", settingNames()));
            }
            if (key == null || key.internalConfig) {
                throw new ConfigException(
                        name + " is set by the pipeline itself, not a setting; known news.pipeline settings: "
                                + String.join(", ", settingNames()));
            }
        }
        checkedValues(settings);
    }

    /** The defined keys among the settings, each checked against its definition. */
    private static Map<String, Object> checkedValues(final Map<String, ?> settings) {
        final Map<String, Object> defined = new LinkedHashMap<>();
        DEFINITION.configKeys().forEach((name, key) -> {
            if (!settings.containsKey(name)) {
                return;
            }
            final Object value = settings.get(name);
            final Object parsed;
            try {
                parsed = ConfigDef.parseType(name, value, key.type);
            } catch (ConfigException e) {
                throw new ConfigException(
                        shown(name, value) + ": " + typeProblem(key.type) + "; allowed: " + allowed(name));
            }
            if (key.validator != null) {
                try {
                    key.validator.ensureValid(name, parsed);
                } catch (ConfigException e) {
                    final boolean number = key.type == Type.INT
                            || key.type == Type.LONG
                            || key.type == Type.SHORT
                            || key.type == Type.DOUBLE;
                    throw new ConfigException(shown(name, value) + ": " + (number ? "out of range" : "not allowed")
                            + "; allowed: " + allowed(name));
                }
            }
            defined.put(name, value);
        });
        return defined;
    }

    private static String typeProblem(final Type type) {
        return switch (type) {
            case INT, SHORT, LONG -> "not a whole number";
            case DOUBLE -> "not a number";
            case BOOLEAN -> "not true or false";
            default -> "not a " + type.name().toLowerCase(Locale.ROOT);
        };
    }

    /** key=value for a message, on one line whatever the value holds. */
    private static String shown(final String name, final Object value) {
        final String text = String.valueOf(value).replace("\r", "\\r").replace("\n", "\\n");
        return name + "=" + text;
    }

    /** The setting a mistyped name most likely meant, or null when none is close. */
    static String closest(final String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : settingNames()) {
            final int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // A third of the name's own part may differ: catches typos and a dropped word, not unrelated keys.
        return bestDistance <= Math.max(2, (name.length() - PREFIX.length()) / 3) ? best : null;
    }

    private static int editDistance(final String a, final String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * A Kafka validator that says in words what it allows: in the one-line error messages, in
     * {@link ConfigDef#toHtml()} and in the README's table.
     */
    private record Allowed(String description, ConfigDef.Validator check) implements ConfigDef.Validator {
        @Override
        public void ensureValid(final String name, final Object value) {
            check.ensureValid(name, value);
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
