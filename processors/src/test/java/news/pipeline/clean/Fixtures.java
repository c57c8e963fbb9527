package news.pipeline.clean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hand-written fixture pages under {@code fixtures/} and their expected clean articles. */
final class Fixtures {
    /** Every fixture page; each has {@code NAME.html} and {@code NAME.expected.json}. */
    static final List<String> NAMES = List.of(
            "classic-news",
            "blog-div-soup",
            "legacy-windows-1252",
            "split-sections",
            "magazine-longform",
            "sidebar-wrapper-brief",
            "table-and-embeds",
            "old-table-layout",
            "paragraphs-between-ads");

    private Fixtures() {}

    static byte[] bytes(final String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] page(final String name) {
        return bytes("fixtures/" + name + ".html");
    }

    static JsonNode expected(final String name) {
        return readJson("fixtures/" + name + ".expected.json");
    }

    static JsonNode readJson(final String resource) {
        try {
            return new ObjectMapper().readTree(bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> expectedParagraphs(final String name) {
        final List<String> paragraphs = new ArrayList<>();
        expected(name).get("paragraphs").forEach(paragraph -> paragraphs.add(paragraph.asText()));
        return paragraphs;
    }

    /**
     * The article-extraction benchmark's measure: texts become multisets of 4-token shingles
     * (tokens are {@code \w+}), then precision and recall of the predicted shingles.
     */
    static double[] shinglePrecisionRecall(final String expected, final String predicted) {
        final Map<List<String>, Integer> truth = shingles(expected);
        final Map<List<String>, Integer> predictedShingles = shingles(predicted);
        int truePositives = 0;
        int falsePositives = 0;
        int falseNegatives = 0;
        for (Map.Entry<List<String>, Integer> shingle : predictedShingles.entrySet()) {
            final int inTruth = truth.getOrDefault(shingle.getKey(), 0);
            truePositives += Math.min(inTruth, shingle.getValue());
            falsePositives += Math.max(0, shingle.getValue() - inTruth);
        }
        for (Map.Entry<List<String>, Integer> shingle : truth.entrySet()) {
            falseNegatives += Math.max(0, shingle.getValue() - predictedShingles.getOrDefault(shingle.getKey(), 0));
        }
        final double precision =
                truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
        final double recall =
                truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
        return new double[] {precision, recall};
    }

    private static Map<List<String>, Integer> shingles(final String text) {
        final List<String> tokens = new ArrayList<>();
        final Matcher word =
                Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS).matcher(text);
        while (word.find()) {
            tokens.add(word.group());
        }
        final Map<List<String>, Integer> out = new HashMap<>();
        if (tokens.isEmpty()) {
            return out;
        }
        if (tokens.size() < 4) {
            out.put(List.copyOf(tokens), 1);
            return out;
        }
        for (int i = 0; i + 4 <= tokens.size(); i++) {
            out.merge(List.copyOf(tokens.subList(i, i + 4)), 1, Integer::sum);
        }
        return out;
    }
}
