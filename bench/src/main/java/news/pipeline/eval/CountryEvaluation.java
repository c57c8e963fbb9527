package news.pipeline.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import news.pipeline.bench.Progress;
import news.pipeline.tag.CountryTagger;
import news.pipeline.tag.CountryTagging;
import news.pipeline.tag.TaggedArticle;

/**
 * Country-tagging evaluation on wire stories: reads JSON lines {@code {newid, title,
 * dateline, body}}, tags each story with the title as title and "dateline body" as text, as a wire
 * story arrives, and writes {@code {"newid": ..., "codes": [...]}} lines for a scorer: the focus
 * codes (what a story is about), or every country found (what it involves).
 */
public final class CountryEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CountryEvaluation() {}

    /**
     * The text the tagger sees: the dateline, then the body, as a wire story arrives. A dateline
     * given without its closing dash ("MOSCOW (Reuters)") gets one, so it still reads as a dateline.
     */
    static String wireText(final String dateline, final String body) {
        final String d = dateline == null ? "" : dateline.strip();
        final String b = body == null ? "" : body;
        if (d.isEmpty()) {
            return b;
        }
        final char last = d.charAt(d.length() - 1);
        final boolean closed = last == '-' || last == '\u2013' || last == '\u2014' || last == ':';
        return closed ? d + " " + b : d + " - " + b;
    }

    /** Which codes of a tagged story are written. */
    public enum Codes {
        /** The focus: the countries the story is about, most salient first. */
        FOCUS,
        /** Every country found, most salient first. */
        ALL
    }

    /** The focus codes, without a progress display. */
    public static int run(final Path storiesJsonl, final Path outFile, final PrintWriter report) {
        return run(storiesJsonl, outFile, report, Progress.none(), Codes.FOCUS);
    }

    /**
     * Tags every story of {@code storiesJsonl} and writes the chosen codes to {@code outFile}.
     *
     * @return 0 on success, 1 when the input cannot be read or a line is not a story
     */
    public static int run(
            final Path storiesJsonl,
            final Path outFile,
            final PrintWriter report,
            final Progress progress,
            final Codes codes) {
        final int status = evaluate(storiesJsonl, outFile, report, progress, codes);
        report.flush();
        return status;
    }

    private static int evaluate(
            final Path storiesJsonl,
            final Path outFile,
            final PrintWriter report,
            final Progress progress,
            final Codes codes) {
        final CountryTagger tagger = CountryTagger.loadDefault();
        final List<JsonNode> stories = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(storiesJsonl, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                final JsonNode story = JSON.readTree(line);
                if (!story.isObject() || !story.has("newid")) {
                    report.printf("line %d: not a story (no newid)%n", lineNo);
                    return 1;
                }
                stories.add(story);
            }
        } catch (IOException e) {
            report.println("cannot read " + storiesJsonl + ": " + e.getMessage());
            return 1;
        }
        final String[] titles = new String[stories.size()];
        final String[] texts = new String[stories.size()];
        for (int i = 0; i < titles.length; i++) {
            final JsonNode s = stories.get(i);
            titles[i] = s.path("title").asText("");
            texts[i] = wireText(s.path("dateline").asText(""), s.path("body").asText(""));
        }
        final TaggedArticle[] results = new TaggedArticle[titles.length];
        final AtomicInteger tagged = new AtomicInteger();
        progress.begin("tagging", "articles", titles.length, tagged::get);
        final long t0 = System.nanoTime();
        for (int i = 0; i < titles.length; i++) {
            results[i] = tagger.tag(titles[i], texts[i]);
            tagged.lazySet(i + 1);
        }
        final long elapsed = System.nanoTime() - t0;
        progress.end();
        // a second pass, with the JIT warm, for the steady-state rate
        tagged.set(0);
        progress.begin("tagging again, warm", "articles", titles.length, tagged::get);
        final long t1 = System.nanoTime();
        long sink = 0;
        for (int i = 0; i < titles.length; i++) {
            sink += tagger.tag(titles[i], texts[i]).focus().size();
            tagged.lazySet(i + 1);
        }
        final long warm = System.nanoTime() - t1;
        progress.end();
        try (BufferedWriter out = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            for (int i = 0; i < results.length; i++) {
                final ObjectNode line = JSON.createObjectNode();
                line.set("newid", stories.get(i).get("newid"));
                final List<String> written = codes == Codes.ALL
                        ? results[i].countries().stream()
                                .map(CountryTagging::code)
                                .toList()
                        : results[i].focus();
                line.putArray("codes")
                        .addAll(written.stream()
                                .map(JSON.getNodeFactory()::textNode)
                                .toList());
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        } catch (IOException e) {
            report.println("cannot write " + outFile + ": " + e.getMessage());
            return 1;
        }
        final double seconds = elapsed / 1e9;
        final double warmSeconds = warm / 1e9;
        report.printf(
                Locale.ROOT,
                "tagged %d articles in %.2f s: %.0f articles/s cold, %.0f articles/s on a second "
                        + "pass (one thread); tagger %s, gazetteer %s%n",
                results.length,
                seconds,
                results.length / Math.max(seconds, 1e-9),
                results.length / Math.max(warmSeconds, 1e-9),
                CountryTagger.VERSION,
                tagger.gazetteerVersion());
        if (sink < 0) {
            report.println();
        }
        report.println("wrote " + outFile);
        return 0;
    }

    public static void main(final String[] args) {
        final boolean all = args.length == 3 && args[2].equals("--all");
        if (args.length != 2 && !all) {
            System.err.println("usage: CountryEvaluation STORIES.jsonl OUT.jsonl [--all]");
            System.exit(2);
        }
        System.exit(run(
                Path.of(args[0]),
                Path.of(args[1]),
                new PrintWriter(System.out, true),
                Progress.none(),
                all ? Codes.ALL : Codes.FOCUS));
    }
}
