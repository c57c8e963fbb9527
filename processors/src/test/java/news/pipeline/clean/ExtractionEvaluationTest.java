package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionEvaluationTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteTheBodyOfEveryPageKeyedByItsNameAndReportTiming() throws Exception {
        Files.write(dir.resolve("plain.html"), Fixtures.page("classic-news"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("zipped.html.gz")))) {
            out.write(Fixtures.page("split-sections"));
        }
        Files.writeString(dir.resolve("empty.html"), "");
        Files.writeString(dir.resolve("notes.txt"), "not a page");
        final Path outFile = dir.resolve("out/result.json");
        final ByteArrayOutputStream report = new ByteArrayOutputStream();

        final int status = ExtractionEvaluation.run(dir, outFile, new PrintStream(report, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        final JsonNode json = new ObjectMapper().readTree(outFile.toFile());
        assertThat(json.size()).isEqualTo(3);
        assertThat(json.get("plain").asText()).startsWith("The harbour bridge reopened").doesNotContain("reopens after");
        assertThat(json.get("zipped").asText()).startsWith("For three generations");
        assertThat(json.get("empty").asText()).isEmpty();
        assertThat(report.toString(StandardCharsets.UTF_8)).contains("pages/s", "median CPU", "1 rejected");
    }

    @Test
    void shouldFailWhenTheFolderHasNoPages() {
        final ByteArrayOutputStream report = new ByteArrayOutputStream();
        assertThat(ExtractionEvaluation.run(dir, dir.resolve("out.json"), new PrintStream(report))).isEqualTo(2);
        assertThat(ExtractionEvaluation.run(dir.resolve("missing"), dir.resolve("out.json"), new PrintStream(report)))
                .isEqualTo(2);
        assertThat(dir.resolve("out.json")).doesNotExist();
    }
}
