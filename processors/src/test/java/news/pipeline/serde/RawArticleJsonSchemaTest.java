package news.pipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import news.pipeline.schema.DeadLetterReason;
import org.junit.jupiter.api.Test;

/**
 * The raw article's JSON Schema ({@code schemas/src/main/json/raw-article.schema.json}) says what
 * the reader ({@link RawArticleJson}) does: the same fields, and the same verdict on the README's
 * example, the samples and the fixtures. Checked with networknt's json-schema-validator, formats
 * asserted.
 */
class RawArticleJsonSchemaTest {
    private static final Path REPO = Path.of("..");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchema schema() throws IOException {
        final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        final SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(REPO.resolve("schemas/src/main/json/raw-article.schema.json"))) {
            return factory.getSchema(in, config);
        }
    }

    @Test
    void theSchemaNamesExactlyTheFieldsTheReaderReads() throws IOException {
        final JsonNode schema = JSON.readTree(
                REPO.resolve("schemas/src/main/json/raw-article.schema.json").toFile());
        final Set<String> properties = new TreeSet<>();
        final Iterator<String> names = schema.get("properties").fieldNames();
        names.forEachRemaining(properties::add);
        assertThat(properties).containsExactlyInAnyOrderElementsOf(RawArticleJson.FIELDS);
        assertThat(schema.get("properties"))
                .allSatisfy(
                        field -> assertThat(field.get("description").asText()).isNotBlank());
    }

    @Test
    void theReadmeExampleTheSamplesAndTheFixturesAreValidAndRead() throws Exception {
        final JsonSchema schema = schema();
        final List<String> articles = new ArrayList<>();
        articles.add(readmeExample());
        articles.addAll(Files.readAllLines(REPO.resolve("samples/feed-items.jsonl")));
        articles.addAll(fixture("raw-articles.jsonl"));
        for (final String article : articles) {
            assertThat(schema.validate(JSON.readTree(article))).as(article).isEmpty();
            assertThat(RawArticleJson.decode(article.getBytes(StandardCharsets.UTF_8))
                            .getContent()
                            .remaining())
                    .as(article)
                    .isPositive();
        }
        assertThat(articles).hasSizeGreaterThanOrEqualTo(9);
    }

    @Test
    void whatTheSchemaRefusesTheReaderRefusesAsNoArticle() throws Exception {
        final JsonSchema schema = schema();
        final List<String> refused = fixture("not-raw-articles.jsonl");
        assertThat(refused).hasSizeGreaterThanOrEqualTo(13);
        for (final String value : refused) {
            assertThat(schema.validate(JSON.readTree(value))).as(value).isNotEmpty();
            assertThatThrownBy(() -> RawArticleJson.decode(value.getBytes(StandardCharsets.UTF_8)))
                    .as(value)
                    .isInstanceOfSatisfying(
                            RawArticleJson.InvalidJsonException.class,
                            e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.INVALID_JSON_ARTICLE));
        }
    }

    /** The JSON block of the README's section on writing articles as JSON. */
    private static String readmeExample() throws IOException {
        final String readme = Files.readString(REPO.resolve("README.md"));
        final int section = readme.indexOf("## Writing articles from other languages (JSON)");
        assertThat(section).as("the README's JSON section").isNotNegative();
        final int start = readme.indexOf("```json\n", section) + "```json\n".length();
        return readme.substring(start, readme.indexOf("```", start)).strip();
    }

    private static List<String> fixture(final String name) throws IOException {
        try (InputStream in = RawArticleJsonSchemaTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank())
                    .toList();
        }
    }
}
