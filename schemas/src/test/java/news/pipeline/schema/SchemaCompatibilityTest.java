package news.pipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic's value schema must read data written by each of its released versions, so a
 * consumer upgraded to the current schema still reads what is already on the topics. A change
 * that breaks this fails here; release a schema by adding its {@code <Name>-<n>.avsc} to
 * {@code src/main/resources/news/pipeline/schema/released/}.
 */
class SchemaCompatibilityTest {

    static Stream<Schema> topicValueSchemas() {
        return Stream.of(
                RawArticle.SCHEMA$,
                CleanArticle.SCHEMA$,
                EnrichedArticle.SCHEMA$,
                CountryArticle.SCHEMA$,
                DeadLetter.SCHEMA$);
    }

    @ParameterizedTest
    @MethodSource("topicValueSchemas")
    void currentSchemaReadsEveryReleasedVersion(final Schema current) throws IOException {
        final List<Schema> released = released(current.getName());
        assertThat(released).as("released versions of %s", current.getName()).isNotEmpty();
        for (final Schema writer : released) {
            final SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
            assertThat(result.getType())
                    .as("%s reading data written by a released version: %s", current.getName(), result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    /**
     * New dead-letter reasons must not break an older reader: the reason enum's default, UNKNOWN,
     * stands in for a symbol it does not know.
     */
    @Test
    void aReaderOfTheFirstDeadLetterVersionReadsANewerReasonAsUnknown() throws IOException {
        final DeadLetter letter = DeadLetter.newBuilder()
                .setReason(DeadLetterReason.INVALID_JSON_ARTICLE)
                .setMessage("a JSON article needs \"html\" or \"text\"")
                .setProcessor("cleaner")
                .setProcessorVersion("1.0.0")
                .setSourceTopic("news.articles.raw")
                .setSourcePartition(0)
                .setSourceOffset(7)
                .setSourceTimestamp(Instant.ofEpochMilli(0))
                .build();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(DeadLetter.class).write(letter, encoder);
        encoder.flush();

        final Schema first = released("DeadLetter").get(0);
        assertThat(first.getField("reason").schema().getEnumSymbols()).doesNotContain("INVALID_JSON_ARTICLE");
        final GenericRecord read = new GenericDatumReader<GenericRecord>(DeadLetter.SCHEMA$, first)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertThat(read.get("reason")).hasToString("UNKNOWN");
        assertThat(read.get("message")).hasToString("a JSON article needs \"html\" or \"text\"");
    }

    @ParameterizedTest
    @MethodSource("topicValueSchemas")
    void everyFieldIsDocumented(final Schema current) {
        assertDocumented(current, new ArrayList<>());
    }

    private static void assertDocumented(final Schema schema, final List<String> seen) {
        if (schema.getType() != Schema.Type.RECORD || seen.contains(schema.getFullName())) {
            return;
        }
        seen.add(schema.getFullName());
        for (final Schema.Field field : schema.getFields()) {
            assertThat(field.doc())
                    .as("doc of %s.%s", schema.getName(), field.name())
                    .isNotBlank();
            for (final Schema nested : nestedRecords(field.schema())) {
                assertDocumented(nested, seen);
            }
        }
    }

    private static List<Schema> nestedRecords(final Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> List.of(schema);
            case ARRAY -> nestedRecords(schema.getElementType());
            case MAP -> nestedRecords(schema.getValueType());
            case UNION ->
                schema.getTypes().stream()
                        .flatMap(type -> nestedRecords(type).stream())
                        .toList();
            default -> List.of();
        };
    }

    private static List<Schema> released(final String name) throws IOException {
        final List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            try (InputStream in = SchemaCompatibilityTest.class
                    .getClassLoader()
                    .getResourceAsStream("news/pipeline/schema/released/" + name + "-" + version + ".avsc")) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            }
        }
    }
}
