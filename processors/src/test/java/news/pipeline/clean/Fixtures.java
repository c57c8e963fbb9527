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
    static final List<String> NAMES = List.of("classic-news", "blog-div-soup", "legacy-windows-1252", "split-sections",
            "magazine-longform", "sidebar-wrapper-brief", "table-and-embeds", "old-table-layout",
            "paragraphs-between-ads");

    private Fixtures() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] page(String name) {
        return bytes("fixtures/" + name + ".html");
    }

    static JsonNode expected(String name) {
        try {
            return new ObjectMapper().readTree(bytes("fixtures/" + name + ".expected.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> expectedParagraphs(String name) {
        final List<String> paragraphs = new ArrayList<>();
        expected(name).get("paragraphs").forEach(p -> paragraphs.add(p.asText()));
        return paragraphs;
    }

    /**
     * The article-extraction benchmark's measure: texts become multisets of 4-token shingles
     * (tokens are {@code \w+}), then precision and recall of the predicted shingles.
     */
    static double[] shinglePrecisionRecall(String expected, String predicted) {
        final Map<List<String>, Integer> truth = shingles(expected);
        final Map<List<String>, Integer> pred = shingles(predicted);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (Map.Entry<List<String>, Integer> e : pred.entrySet()) {
            final int t = truth.getOrDefault(e.getKey(), 0);
            tp += Math.min(t, e.getValue());
            fp += Math.max(0, e.getValue() - t);
        }
        for (Map.Entry<List<String>, Integer> e : truth.entrySet()) {
            fn += Math.max(0, e.getValue() - pred.getOrDefault(e.getKey(), 0));
        }
        final double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        final double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        return new double[] {precision, recall};
    }

    private static Map<List<String>, Integer> shingles(String text) {
        final List<String> tokens = new ArrayList<>();
        final Matcher m = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS).matcher(text);
        while (m.find()) {
            tokens.add(m.group());
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
