package news.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionEvaluationTest {
    @TempDir
    Path dir;

    /** A small news page: a menu, a headline, two paragraphs of body, a footer. */
    private static byte[] page(final String headline, final String firstParagraph) {
        final String body = "<p>" + firstParagraph + " The council met on Tuesday, and the vote, taken late in the"
                + " evening, was close.</p><p>Officials said the work would take another year, and that the cost,"
                + " shared by the city and the region, had risen since the plan was first approved.</p>";
        return ("<html><head><title>" + headline + " | Example News</title></head><body>"
                        + "<nav><a href=/>Home</a> <a href=/world>World</a> <a href=/sport>Sport</a></nav>"
                        + "<article><h1>" + headline + "</h1>" + body + "</article>"
                        + "<footer>Copyright Example News. All rights reserved.</footer></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteTheBodyOfEveryPageKeyedByItsNameAndReportTiming() throws Exception {
        Files.write(
                dir.resolve("plain.html"), page("Harbour bridge reopens", "The harbour bridge reopened to traffic."));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("zipped.html.gz")))) {
            out.write(page("Family bakery closes", "For three generations the bakery fed the town."));
        }
        Files.writeString(dir.resolve("empty.html"), "");
        Files.writeString(dir.resolve("notes.txt"), "not a page");
        final Path outFile = dir.resolve("out/result.json");
        final StringWriter report = new StringWriter();

        final int status = ExtractionEvaluation.run(dir, outFile, new PrintWriter(report));

        assertThat(status).isZero();
        final JsonNode json = new ObjectMapper().readTree(outFile.toFile());
        assertThat(json.size()).isEqualTo(3);
        assertThat(json.get("plain").asText())
                .startsWith("The harbour bridge reopened")
                .doesNotContain("Sport", "Copyright");
        assertThat(json.get("zipped").asText()).startsWith("For three generations");
        assertThat(json.get("empty").asText()).isEmpty();
        assertThat(report.toString()).contains("pages/s", "median CPU", "1 rejected", "machine reference");
    }

    @Test
    void shouldFailWhenTheFolderHasNoPages() {
        final StringWriter report = new StringWriter();
        assertThat(ExtractionEvaluation.run(dir, dir.resolve("out.json"), new PrintWriter(report)))
                .isEqualTo(2);
        assertThat(ExtractionEvaluation.run(dir.resolve("missing"), dir.resolve("out.json"), new PrintWriter(report)))
                .isEqualTo(2);
        assertThat(dir.resolve("out.json")).doesNotExist();
    }
}
