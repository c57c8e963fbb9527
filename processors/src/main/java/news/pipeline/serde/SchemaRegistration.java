package news.pipeline.serde;

import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.RegistryClientFactory;
import io.apicurio.registry.rest.client.exception.ArtifactNotFoundException;
import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.registry.rest.client.exception.RuleViolationException;
import io.apicurio.registry.rest.v2.beans.IfExists;
import io.apicurio.registry.rest.v2.beans.Rule;
import io.apicurio.registry.rest.v2.beans.RuleViolationCause;
import io.apicurio.registry.rest.v2.beans.RuleViolationError;
import io.apicurio.registry.types.ArtifactType;
import io.apicurio.registry.types.RuleType;
import io.apicurio.rest.client.auth.Auth;
import io.apicurio.rest.client.auth.BasicAuth;
import io.apicurio.rest.client.error.ApicurioRestClientException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.pipeline.topics.TopicSpec;
import org.apache.avro.Schema;

/**
 * What the processors do at startup in registry mode: register the current schema of every
 * Avro topic's value under its subject ({@code <topic>-value}), with BACKWARD compatibility, so that a
 * schema that cannot read what is already stored is refused before any record is written.
 */
public final class SchemaRegistration {
    /** The group Confluent-compatible subjects live in; null is the registry's default group. */
    private static final String DEFAULT_GROUP = null;

    private static final String BACKWARD = "BACKWARD";
    private static final Pattern FIELD_PATH = Pattern.compile("/fields/(\\d+)");

    private SchemaRegistration() {}

    /** The registry refuses a schema as incompatible with the versions registered before it. */
    public static final class IncompatibleSchemaException extends RuntimeException {
        IncompatibleSchemaException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Registers each topic's value schema and sets BACKWARD compatibility on its subject.
     *
     * @throws IncompatibleSchemaException        naming the subject and the field, when the registry refuses a schema
     * @throws SchemaRegistryUnavailableException when the registry cannot be reached or fails
     */
    public static void register(final ValueFormat format, final List<TopicSpec<?, ?>> topics) {
        final RegistryClient client = client(format);
        for (final TopicSpec<?, ?> topic : topics) {
            if (topic.valueAvroSchema().isEmpty()) {
                // Not Avro (the crawl state's JSON): not framed, not registered.
                continue;
            }
            final Schema schema = topic.valueAvroSchema().get();
            try {
                registerOne(client, topic.valueSubject(), schema);
            } catch (RuleViolationException e) {
                throw new IncompatibleSchemaException(refusal(topic.valueSubject(), schema, e), e);
            } catch (RestClientException e) {
                if (e.getError() != null
                        && e.getError().getErrorCode() != null
                        && e.getError().getErrorCode() == 409) {
                    throw new IncompatibleSchemaException(refusal(topic.valueSubject(), schema, e), e);
                }
                throw unavailable(format, e);
            } catch (ApicurioRestClientException e) {
                throw unavailable(format, e);
            }
        }
    }

    private static void registerOne(final RegistryClient client, final String subject, final Schema schema) {
        final boolean exists = exists(client, subject);
        if (!exists) {
            // The first version: nothing stored to be compatible with yet.
            client.createArtifact(
                    DEFAULT_GROUP, subject, null, ArtifactType.AVRO, IfExists.RETURN, false, content(schema));
        }
        // The rule before the new version, so that the registry checks the new version against it.
        if (client.listArtifactRules(DEFAULT_GROUP, subject).contains(RuleType.COMPATIBILITY)) {
            client.updateArtifactRuleConfig(
                    DEFAULT_GROUP, subject, RuleType.COMPATIBILITY, new Rule(BACKWARD, RuleType.COMPATIBILITY));
        } else {
            client.createArtifactRule(DEFAULT_GROUP, subject, new Rule(BACKWARD, RuleType.COMPATIBILITY));
        }
        if (exists) {
            client.createArtifact(
                    DEFAULT_GROUP, subject, null, ArtifactType.AVRO, IfExists.RETURN_OR_UPDATE, false, content(schema));
        }
    }

    private static boolean exists(final RegistryClient client, final String subject) {
        try {
            client.getArtifactMetaData(DEFAULT_GROUP, subject);
            return true;
        } catch (ArtifactNotFoundException e) {
            return false;
        }
    }

    private static ByteArrayInputStream content(final Schema schema) {
        return new ByteArrayInputStream(schema.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One line: the subject, the field the registry points at (its path names a field of our
     * schema, the reader under BACKWARD compatibility), and the registry's own words.
     */
    static String refusal(final String subject, final Schema schema, final RestClientException e) {
        final List<String> words = new ArrayList<>();
        if (e.getError() != null) {
            words.add(e.getError().getMessage());
            if (e.getError().getDetail() != null) {
                words.add(e.getError().getDetail());
            }
            if (e.getError() instanceof RuleViolationError violation && violation.getCauses() != null) {
                for (final RuleViolationCause cause : violation.getCauses()) {
                    words.add(cause.getDescription() + " at " + cause.getContext());
                }
            }
        } else {
            words.add(e.getMessage());
        }
        final String said =
                String.join("; ", words.stream().distinct().toList()).replaceAll("\\s+", " ");
        final Set<String> fields = new LinkedHashSet<>();
        final Matcher path = FIELD_PATH.matcher(said);
        while (path.find()) {
            final int index = Integer.parseInt(path.group(1));
            if (index < schema.getFields().size()) {
                fields.add("'" + schema.getFields().get(index).name() + "'");
            }
        }
        final String named =
                fields.isEmpty() ? " it" : (fields.size() == 1 ? " field " : " fields ") + String.join(", ", fields);
        return "the schema registry refuses " + schema.getName() + " for subject " + subject + ":" + named
                + (fields.size() > 1 ? " are" : " is") + " not BACKWARD compatible with the registered version ("
                + said + ")";
    }

    private static SchemaRegistryUnavailableException unavailable(final ValueFormat format, final RuntimeException e) {
        return new SchemaRegistryUnavailableException(
                "cannot register the pipeline's schemas at the schema registry " + format.registryApiUrl() + ": "
                        + ValueSerde.rootMessage(e),
                e);
    }

    private static RegistryClient client(final ValueFormat format) {
        final Object user = format.registrySettings().get("apicurio.auth.username");
        final Object password = format.registrySettings().get("apicurio.auth.password");
        final Auth auth = user == null ? null : new BasicAuth(user.toString(), String.valueOf(password));
        // A copy the factory may change: it adds to the map it is given, and with credentials set an
        // unmodifiable one made every start fail with UnsupportedOperationException.
        return RegistryClientFactory.create(format.registryApiUrl(), new HashMap<>(format.registrySettings()), auth);
    }
}
