package news.pipeline.clean;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Finds the article body in a page and returns it as paragraphs.
 *
 * <p>The approach is Readability's, tuned with trafilatura's and boilerpipe's observations: every
 * paragraph scores its parent and grandparent by its length and commas; class and id names push
 * a container up ("article", "content") or down ("comment", "share", "related"); the best
 * container, weighed by its link density, is the article, together with its siblings that score
 * well. Inside it, blocks that are mostly links, forms, figures or interface words are dropped.
 * One pass computes every element's statistics, so the cost is linear in the page.
 *
 * <p>The parts: {@link ClassNameHints} (what class and id names say), {@link PageStatistics} (the
 * measuring pass), {@link CandidateSelection} (scoring, best candidate and siblings),
 * {@link ConditionalCleaning} (what a reader skips inside the article), {@link ParagraphCollector}
 * (the text as paragraphs); {@link ParagraphPolish} then removes labels, repeats and interface
 * lines from what it returns.
 */
final class HtmlArticleExtractor {
    /** Below this many characters the first attempt is retried with fewer rules: a real article is longer. */
    private static final int RETRY_BELOW_CHARS = 300;

    private HtmlArticleExtractor() {}

    /**
     * Which rules an attempt applies; later attempts relax them, as Readability does. Class
     * weights always apply: without them a long comment thread outscores a short article.
     */
    private record Rules(boolean stripUnlikely, boolean cleanConditionally) {}

    static List<String> extract(final Element body) {
        if (body == null) {
            return List.of();
        }
        final ClassNameHints hints = new ClassNameHints();
        List<String> best = List.of();
        int bestLength = -1;
        final Rules[] attempts = {new Rules(true, true), new Rules(false, true), new Rules(false, false)};
        for (Rules rules : attempts) {
            final List<String> paragraphs = attempt(body, rules, hints);
            final int length = totalLength(paragraphs);
            if (length > bestLength) {
                best = paragraphs;
                bestLength = length;
            }
            if (length >= RETRY_BELOW_CHARS) {
                break;
            }
        }
        return best;
    }

    private static List<String> attempt(final Element body, final Rules rules, final ClassNameHints hints) {
        final PageStatistics stats = new PageStatistics(body, rules.stripUnlikely(), hints);
        stats.measure();
        final List<Element> roots = new CandidateSelection(body, stats, hints).articleRoots();
        final ParagraphCollector collector = new ParagraphCollector(
                stats, new ConditionalCleaning(rules.cleanConditionally(), rules.stripUnlikely(), hints, stats));
        final List<String> out = new ArrayList<>();
        boolean wholePage = false;
        for (Element root : roots) {
            collector.collect(root, out);
            wholePage |= root == body;
        }
        // Read from the whole page, the text ends with the page's footer (copyright, address,
        // telephone). Inside an article's own container such a line is the publisher's notice on
        // the story, and stays.
        if (wholePage) {
            while (!out.isEmpty() && BoilerplateLines.isFooterText(out.get(out.size() - 1))) {
                out.remove(out.size() - 1);
            }
        }
        return out;
    }

    private static int totalLength(final List<String> paragraphs) {
        int length = 0;
        for (String paragraph : paragraphs) {
            length += paragraph.length();
        }
        return length;
    }
}
