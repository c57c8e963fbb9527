package news.pipeline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results: rows of section, measure, value and unit, printed as a table or written as JSON. */
public final class BenchTable {
    /**
     * @param value  the figure; NaN when it could not be measured
     * @param detail how it was measured, or the verdict of a target
     */
    public record Row(String section, String measure, double value, String unit, String detail) {}

    private final Map<String, Object> context = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();

    /** A fact about the run (machine, load, sizes, settings), printed above the table. */
    public void context(final String key, final Object value) {
        context.put(key, value);
    }

    public void add(
            final String section, final String measure, final double value, final String unit, final String detail) {
        rows.add(new Row(section, measure, value, unit, detail == null ? "" : detail));
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public Map<String, Object> contextValues() {
        return Map.copyOf(context);
    }

    /** Prints the context lines, then the rows as aligned columns. */
    public void print(final PrintWriter out) {
        context.forEach((key, value) -> out.println(key + ": " + value));
        out.println();
        final int sectionWidth = Math.max(
                7, rows.stream().mapToInt(r -> r.section().length()).max().orElse(0));
        final int measureWidth = Math.max(
                7, rows.stream().mapToInt(r -> r.measure().length()).max().orElse(0));
        final int valueWidth = Math.max(
                5, rows.stream().mapToInt(r -> format(r.value()).length()).max().orElse(0));
        final int unitWidth =
                Math.max(4, rows.stream().mapToInt(r -> r.unit().length()).max().orElse(0));
        final String pattern =
                "%-" + sectionWidth + "s  %-" + measureWidth + "s  %" + valueWidth + "s  %-" + unitWidth + "s  %s%n";
        out.printf(Locale.ROOT, pattern, "section", "measure", "value", "unit", "detail");
        String lastSection = null;
        for (final Row row : rows) {
            final String section = row.section().equals(lastSection) ? "" : row.section();
            out.printf(Locale.ROOT, pattern, section, row.measure(), format(row.value()), row.unit(), row.detail());
            lastSection = row.section();
        }
        out.flush();
    }

    public void writeJson(final Path file) throws IOException {
        final Map<String, Object> document = new LinkedHashMap<>();
        document.put("context", context);
        final List<Map<String, Object>> list = new ArrayList<>();
        for (final Row row : rows) {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("section", row.section());
            entry.put("measure", row.measure());
            entry.put("value", Double.isFinite(row.value()) ? row.value() : null);
            entry.put("unit", row.unit());
            entry.put("detail", row.detail());
            list.add(entry);
        }
        document.put("rows", list);
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
    }

    /** Three significant figures below 100, whole numbers with thousands separators above. */
    static String format(final double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        final double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
