package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTableTest {
    @TempDir
    Path dir;

    @Test
    void figuresKeepThreeSignificantDigitsBelowAHundredAndWholeNumbersAbove() {
        assertThat(BenchTable.format(12345.6)).isEqualTo("12,346");
        assertThat(BenchTable.format(123.4)).isEqualTo("123");
        assertThat(BenchTable.format(12.34)).isEqualTo("12.3");
        assertThat(BenchTable.format(1.234)).isEqualTo("1.23");
        assertThat(BenchTable.format(0.1234)).isEqualTo("0.123");
        assertThat(BenchTable.format(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void theTablePrintsEachSectionNameOnceAndTheJsonHasEveryRow() throws Exception {
        final BenchTable table = new BenchTable();
        table.context("load average at start", "0.50 0.40 0.30");
        table.add("stages", "cleaner CPU per page, median", 2.5, "ms", "128 pages");
        table.add("stages", "cleaner CPU per page, p99", 9.0, "ms", "");
        table.add("targets", "text pipeline/ceiling >= 0.7", Double.NaN, "", "NOT MET");
        final StringWriter text = new StringWriter();
        table.print(new PrintWriter(text));
        final String printed = text.toString();
        assertThat(printed).contains("load average at start: 0.50 0.40 0.30");
        assertThat(printed.split("stages", -1)).hasSize(2);
        assertThat(printed).contains("n/a");

        final Path file = dir.resolve("out/bench.json");
        table.writeJson(file);
        final JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.path("rows")).hasSize(3);
        assertThat(json.path("rows").get(0).path("value").asDouble()).isEqualTo(2.5);
        assertThat(json.path("rows").get(2).path("value").isNull()).isTrue();
        assertThat(json.path("context").path("load average at start").asText()).isEqualTo("0.50 0.40 0.30");
    }
}
