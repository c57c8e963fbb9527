package news.pipeline.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Generates plain-text articles of a chosen size from a corpus of real paragraphs: a title, then
 * paragraphs drawn at random until the text reaches a size drawn uniformly between the bounds; the
 * last paragraph is cut at a word when needed. Deterministic for a given seed, so two runs (and the
 * pipeline and its ceiling) see the same bytes.
 */
public final class TextArticles {
    /** A generated article: its title and body text. */
    public record Text(String title, String body) {
        public int bodyBytes() {
            return body.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** Paragraphs shorter than this are mostly datelines, bylines and site labels, not prose. */
    static final int MIN_PARAGRAPH_CHARS = 60;
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n|\\n(?=[ \\t]{2,}\\S)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final List<String> paragraphs;
    private final List<String> titles;
    private final int minBytes;
    private final int maxBytes;

    /**
     * @param paragraphs prose paragraphs, each at least {@link #MIN_PARAGRAPH_CHARS} characters
     * @param titles     headlines to draw from; at least one
     */
    public TextArticles(final List<String> paragraphs, final List<String> titles, final int minBytes, final int maxBytes) {
        if (paragraphs.isEmpty() || titles.isEmpty()) {
            throw new IllegalArgumentException("the corpus needs paragraphs and titles");
        }
        if (minBytes <= 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException("need 0 < minBytes <= maxBytes, got " + minBytes + ", " + maxBytes);
        }
        this.paragraphs = List.copyOf(paragraphs);
        this.titles = List.copyOf(titles);
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
    }

    /** Splits a text into prose paragraphs (blank lines or indented first lines), single-spaced. */
    public static List<String> paragraphsOf(final String text) {
        final List<String> found = new ArrayList<>();
        for (final String part : PARAGRAPH_BREAK.split(text.replace("\r\n", "\n"))) {
            final String paragraph = WHITESPACE.matcher(part).replaceAll(" ").strip();
            if (paragraph.length() >= MIN_PARAGRAPH_CHARS) {
                found.add(paragraph);
            }
        }
        return found;
    }

    /** {@code count} articles from the seed; the same seed gives the same articles. */
    public List<Text> generate(final int count, final long seed) {
        final Random random = new Random(seed);
        final List<Text> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(one(random));
        }
        return texts;
    }

    private Text one(final Random random) {
        int target = minBytes + random.nextInt(maxBytes - minBytes + 1);
        final StringBuilder body = new StringBuilder();
        int bytes = 0;
        while (true) {
            final String paragraph = paragraphs.get(random.nextInt(paragraphs.size()));
            final int separator = body.length() == 0 ? 0 : 2;
            final int size = utf8Length(paragraph);
            if (bytes + separator + size <= target) {
                body.append(separator == 0 ? "" : "\n\n").append(paragraph);
                bytes += separator + size;
                if (bytes == target) {
                    break;
                }
                continue;
            }
            final String cut = cutAtWord(paragraph, target - bytes - separator);
            if (!cut.isEmpty()) {
                body.append(separator == 0 ? "" : "\n\n").append(cut);
                bytes += separator + utf8Length(cut);
            }
            if (bytes >= minBytes) {
                break;
            }
            // The target sat so close to the minimum that no cut reached it: allow up to the maximum.
            target = maxBytes;
        }
        return new Text(titles.get(random.nextInt(titles.size())), body.toString());
    }

    /** The longest prefix of whole words of at most {@code budget} UTF-8 bytes, ending in a full stop. */
    static String cutAtWord(final String paragraph, final int budget) {
        if (budget <= 0) {
            return "";
        }
        int end = 0;
        int bytes = 0;
        for (int i = 0; i < paragraph.length(); i++) {
            final char c = paragraph.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            if (bytes > budget - 1) {
                break;
            }
            if (c == ' ') {
                end = i;
            }
        }
        return end == 0 ? "" : paragraph.substring(0, end) + ".";
    }

    static int utf8Length(final String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
