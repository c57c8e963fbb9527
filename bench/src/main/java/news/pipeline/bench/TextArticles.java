package news.pipeline.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Generates plain-text articles of a chosen size from a corpus of real stories. Each article is one
 * story, its paragraphs in order, cut at a word when it runs past a size drawn uniformly between the
 * bounds; a story shorter than the draw is taken whole when it reaches the minimum, and only a story
 * below the minimum is continued with another. So an article names the countries a real story
 * names, not those of a mix. Deterministic for a given seed, so two runs (and the pipeline and its
 * ceiling) see the same bytes.
 */
public final class TextArticles {
    /** A generated article: its title and body text. */
    public record Text(String title, String body) {
        public int bodyBytes() {
            return body.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /** A story of the corpus: its title and its prose paragraphs in order. */
    public record Story(String title, List<String> paragraphs) {
        int bytes() {
            int bytes = 0;
            for (final String paragraph : paragraphs) {
                bytes += utf8Length(paragraph) + 2;
            }
            return bytes;
        }
    }

    /** Paragraphs shorter than this are mostly datelines, bylines and site labels, not prose. */
    static final int MIN_PARAGRAPH_CHARS = 60;

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n|\\n(?=[ \\t]{2,}\\S)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final List<Story> stories;
    /** Stories long enough to make an article alone; the first pick comes from these when there are any. */
    private final List<Story> longStories;

    private final int minBytes;
    private final int maxBytes;

    public TextArticles(final List<Story> stories, final int minBytes, final int maxBytes) {
        if (minBytes <= 0 || maxBytes < minBytes) {
            throw new IllegalArgumentException("need 0 < minBytes <= maxBytes, got " + minBytes + ", " + maxBytes);
        }
        this.stories =
                stories.stream().filter(story -> !story.paragraphs().isEmpty()).toList();
        if (this.stories.isEmpty()) {
            throw new IllegalArgumentException("the corpus has no story with prose paragraphs");
        }
        final List<Story> longOnes =
                this.stories.stream().filter(story -> story.bytes() >= minBytes).toList();
        this.longStories = longOnes.isEmpty() ? this.stories : longOnes;
        this.minBytes = minBytes;
        this.maxBytes = maxBytes;
    }

    /** How many stories can make an article alone. */
    public int storiesLongEnough() {
        return longStories == stories && stories.stream().noneMatch(story -> story.bytes() >= minBytes)
                ? 0
                : longStories.size();
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
        final int target = minBytes + random.nextInt(maxBytes - minBytes + 1);
        Story story = longStories.get(random.nextInt(longStories.size()));
        final String title = story.title();
        final StringBuilder body = new StringBuilder();
        int bytes = 0;
        int next = 0;
        while (true) {
            if (next == story.paragraphs().size()) {
                if (bytes >= minBytes) {
                    break;
                }
                // Too short alone: go on with another story.
                story = stories.get(random.nextInt(stories.size()));
                next = 0;
            }
            final String paragraph = story.paragraphs().get(next++);
            final int separator = body.length() == 0 ? 0 : 2;
            final int size = utf8Length(paragraph);
            if (bytes + separator + size <= target) {
                body.append(separator == 0 ? "" : "\n\n").append(paragraph);
                bytes += separator + size;
                continue;
            }
            final int budget = (bytes < minBytes ? maxBytes : target) - bytes - separator;
            final String cut = size <= budget ? paragraph : cutAtWord(paragraph, budget);
            if (!cut.isEmpty()) {
                body.append(separator == 0 ? "" : "\n\n").append(cut);
                bytes += separator + utf8Length(cut);
            }
            if (bytes >= minBytes) {
                break;
            }
        }
        return new Text(title, body.toString());
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
