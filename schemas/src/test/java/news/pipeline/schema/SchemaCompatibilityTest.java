package news.pipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
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
