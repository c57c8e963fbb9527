package news.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import news.pipeline.bench.Progress;
import news.pipeline.tag.CountryTagger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountryEvaluationTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteFocusCodesPerStory() throws IOException {
        final Path stories = dir.resolve("stories.jsonl");
        Files.writeString(
                stories,
                String.join(
                        "\n",
                        "{\"newid\": 7, \"title\": \"JAPAN CUTS RATES\", \"dateline\": \"TOKYO, March 3 -\", \"body\": \"The Bank of Japan cut rates.\"}",
                        "{\"newid\": 8, \"title\": \"SHARES RISE\", \"dateline\": \"NEW YORK, March 3 -\", \"body\": \"Shares rose.\"}",
                        "{\"newid\": 9, \"title\": \"PROFIT UP\", \"dateline\": \"\", \"body\": \"Profit rose.\"}",
                        ""),
                StandardCharsets.UTF_8);
        final Path out = dir.resolve("pred.jsonl");
        final StringWriter report = new StringWriter();

        final int code = CountryEvaluation.run(stories, out, new PrintWriter(report));

        assertThat(code).isZero();
        assertThat(Files.readAllLines(out))
                .containsExactly(
                        "{\"newid\":7,\"codes\":[\"JP\"]}",
                        "{\"newid\":8,\"codes\":[\"US\"]}",
                        "{\"newid\":9,\"codes\":[]}");
        assertThat(report.toString()).contains("articles/s");
    }

    @Test
    void shouldWriteEveryCountryFoundWhenAskedForAll() throws IOException {
        final Path stories = dir.resolve("stories.jsonl");
        final String story = "{\"newid\": 7, \"title\": \"JAPAN CUTS RATES\", \"dateline\": \"TOKYO, March 3 -\","
                + " \"body\": \"The Bank of Japan cut rates. A French bank said it would wait and see.\"}\n";
        Files.writeString(stories, story, StandardCharsets.UTF_8);
        final Path focus = dir.resolve("focus.jsonl");
        final Path all = dir.resolve("all.jsonl");

        CountryEvaluation.run(
                stories, focus, new PrintWriter(new StringWriter()), Progress.none(), CountryEvaluation.Codes.FOCUS);
        CountryEvaluation.run(
                stories, all, new PrintWriter(new StringWriter()), Progress.none(), CountryEvaluation.Codes.ALL);

        assertThat(Files.readAllLines(focus)).containsExactly("{\"newid\":7,\"codes\":[\"JP\"]}");
        assertThat(Files.readAllLines(all)).containsExactly("{\"newid\":7,\"codes\":[\"JP\",\"FR\"]}");
    }

    @Test
    void shouldFailOnALineThatIsNoStory() throws IOException {
        final Path stories = dir.resolve("bad.jsonl");
        Files.writeString(stories, "{\"title\": \"no id\"}\n", StandardCharsets.UTF_8);
        final StringWriter report = new StringWriter();
        assertThat(CountryEvaluation.run(stories, dir.resolve("out"), new PrintWriter(report)))
                .isEqualTo(1);
    }

    @Test
    void shouldCloseADatelineGivenWithoutItsDash() {
        assertThat(CountryEvaluation.wireText("MOSCOW (Reuters)", "Officials met."))
                .isEqualTo("MOSCOW (Reuters) - Officials met.");
        assertThat(CountryEvaluation.wireText("NEW YORK, March 3 -", "Shares rose."))
                .isEqualTo("NEW YORK, March 3 - Shares rose.");
        assertThat(CountryEvaluation.wireText(null, "Shares rose.")).isEqualTo("Shares rose.");
        assertThat(List.of(CountryTagger.loadDefault()
                        .tag("", CountryEvaluation.wireText("MOSCOW", "Officials met."))
                        .focus()))
                .containsExactly(List.of("RU"));
    }
}
