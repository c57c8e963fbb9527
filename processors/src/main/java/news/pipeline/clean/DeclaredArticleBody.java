package news.pipeline.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The article body a page declares in its JSON-LD ({@code articleBody}), used when the page shows
 * only a teaser of it: a paywalled or "read more" page whose visible text is the declared body's
 * beginning. The visible text wins whenever it is the article itself, since declared bodies are
 * often stale, truncated or stripped of their paragraph breaks.
 */
final class DeclaredArticleBody {
    /** A declared body shorter than this is a summary, not the article. */
    private static final int MIN_DECLARED_WORDS = 50;
    /** The declared body replaces the visible text only when it is this many times longer: a teaser, not the article. */
    private static final double MIN_LENGTH_RATIO = 2.0;
    /** Markup in the declared body: the page put HTML there, which would need its own cleaning. */
    private static final Pattern MARKUP = Pattern.compile("(?i)<(p|br|div|a|span|strong|em|img|h[1-6])[\\s>/]");

    private static final Pattern LINE_BREAKS = Pattern.compile("\\R+");

    private DeclaredArticleBody() {}

    /**
     * The declared body as paragraphs when the extracted text is a teaser of it (every extracted
     * paragraph is found in it, and it is much longer), else the extracted paragraphs.
     */
    static List<String> orExtracted(final List<String> extracted, final String declared) {
        if (declared == null) {
            return extracted;
        }
        int extractedChars = 0;
        for (String paragraph : extracted) {
            extractedChars += paragraph.length();
        }
        // Most declared bodies are the visible text again: the characters tell, before any word is counted.
        if (declared.length() < extractedChars * MIN_LENGTH_RATIO
                || MARKUP.matcher(declared).find()) {
            return extracted;
        }
        final List<String> paragraphs = new ArrayList<>();
        for (String line : LINE_BREAKS.split(declared)) {
            final String paragraph = TextNormalizer.clean(line);
            if (!paragraph.isEmpty()) {
                paragraphs.add(paragraph);
            }
        }
        final String declaredText = String.join(" ", paragraphs);
        final int declaredWords = BoilerplateLines.wordCount(declaredText);
        int extractedWords = 0;
        for (String paragraph : extracted) {
            extractedWords += BoilerplateLines.wordCount(paragraph);
        }
        if (declaredWords < MIN_DECLARED_WORDS || declaredWords < extractedWords * MIN_LENGTH_RATIO) {
            return extracted;
        }
        // The visible text must be part of the declared body: else the declaration is another article's.
        final String declaredKey = TextNormalizer.dedupeKey(declaredText);
        for (String paragraph : extracted) {
            if (!declaredKey.contains(TextNormalizer.dedupeKey(paragraph))) {
                return extracted;
            }
        }
        return paragraphs;
    }
}
