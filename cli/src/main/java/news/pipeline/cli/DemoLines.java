package news.pipeline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The demo's terminal lines: one readable line per enriched article, and dead letters in red. */
final class DemoLines {
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    /** Titles longer than this are cut, so that a line fits a wide terminal. */
    static final int TITLE_WIDTH = 90;

    private DemoLines() {}

    /** {@code title  [focus AM AZ RU]  7 countries} from an enriched article as AvroJson renders it. */
    static String article(final JsonNode article) {
        final List<String> focus = new ArrayList<>();
        article.path("focus").forEach(code -> focus.add(code.asText()));
        final int countries = article.path("countries").size();
        return printable(shorten(article.path("title").asText(""), TITLE_WIDTH))
                + "  [focus " + (focus.isEmpty() ? "none" : String.join(" ", focus)) + "]  "
                + countries + (countries == 1 ? " country" : " countries");
    }

    /** {@code dead letter REASON from processor: message}, in red when the terminal takes colour. */
    static String deadLetter(final JsonNode letter, final boolean colour) {
        final String line = "dead letter " + letter.path("reason").asText("?") + " from "
                + letter.path("processor").asText("?") + " ("
                + letter.path("source_topic").asText("?") + " "
                + letter.path("source_partition").asText("?") + "@"
                + letter.path("source_offset").asText("?") + "): "
                + printable(shorten(letter.path("message").asText(""), TITLE_WIDTH));
        return colour ? RED + line + RESET : line;
    }

    private static String shorten(final String text, final int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** One line, and no control characters: a title cannot move the cursor or change colours. */
    private static String printable(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }
}
