package news.pipeline.clean;

import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Reads an article root's text as paragraphs, in document order: block elements break paragraphs,
 * two {@code <br>} in a row do too, and the blocks conditional cleaning removes are left out.
 */
final class ParagraphCollector {
    /** Elements whose start and end break the text into paragraphs. */
    private static final Set<String> BLOCK_TAGS = Set.of(
            "p",
            "div",
            "section",
            "article",
            "main",
            "header",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "li",
            "dl",
            "dt",
            "dd",
            "blockquote",
            "pre",
            "table",
            "thead",
            "tbody",
            "tfoot",
            "tr",
            "caption",
            "address",
            "center",
            "details",
            "summary",
            "fieldset",
            "form",
            "hgroup",
            "body",
            "br");
    /** Marks a {@code <br>} in collected text; the normaliser turns a lone one into a space. */
    private static final char LINE_BREAK = '\u2029';
    /** Link text above this share of a block makes it mostly links: a list of stories, a "read more" line. */
    private static final double LINK_HEAVY_SHARE = 0.7;
    /** A mostly-links block goes only with less prose of its own than this; a sentence around a link stays. */
    private static final int MAX_PROSE_IN_LINK_BLOCK_CHARS = 80;

    private final PageStatistics stats;
    private final ConditionalCleaning cleaning;

    ParagraphCollector(final PageStatistics stats, final ConditionalCleaning cleaning) {
        this.stats = stats;
        this.cleaning = cleaning;
    }

    /** Appends the root's blocks, in document order, as paragraphs. */
    void collect(final Element root, final List<String> out) {
        final ElementStats rootStats = stats.of(root);
        final int rootText = rootStats == null ? 0 : rootStats.textChars;
        final StringBuilder buffer = new StringBuilder();
        final int[] linkChars = {0};
        final int[] linkDepth = {0};
        TreeWalk.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(final Node node, final int depth) {
                        if (node instanceof TextNode textNode) {
                            final String text = textNode.getWholeText();
                            buffer.append(text);
                            if (linkDepth[0] > 0) {
                                linkChars[0] += TextNormalizer.visibleLength(text);
                            }
                            return FilterResult.CONTINUE;
                        }
                        if (!(node instanceof Element element)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (stats.isSkipped(element)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        final String tag = element.normalName();
                        final ElementStats elementStats = stats.of(element);
                        if (elementStats == null || elementStats.textChars == 0) {
                            if ("br".equals(tag)) {
                                buffer.append(LINE_BREAK);
                            }
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (element != root && cleaning.removes(element, elementStats, root, rootText)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (BLOCK_TAGS.contains(tag)) {
                            flush(buffer, linkChars, out);
                        } else if ("td".equals(tag) || "th".equals(tag)) {
                            // A table row reads as one line: its cells are separated, not split.
                            buffer.append(' ');
                        }
                        if ("a".equals(tag)) {
                            linkDepth[0]++;
                        }
                        return FilterResult.CONTINUE;
                    }

                    @Override
                    public FilterResult tail(final Node node, final int depth) {
                        if (node instanceof Element element) {
                            final String tag = element.normalName();
                            if ("a".equals(tag)) {
                                linkDepth[0]--;
                            }
                            if (BLOCK_TAGS.contains(tag)) {
                                flush(buffer, linkChars, out);
                            }
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                root);
        flush(buffer, linkChars, out);
    }

    private static void flush(final StringBuilder buffer, final int[] linkChars, final List<String> out) {
        if (buffer.length() == 0) {
            return;
        }
        final String raw = buffer.toString();
        final int total = TextNormalizer.visibleLength(raw);
        // Mostly links and little prose of its own: a list of related stories, a "read more" line.
        final boolean linkHeavy = total > 0
                && linkChars[0] > total * LINK_HEAVY_SHARE
                && total - linkChars[0] < MAX_PROSE_IN_LINK_BLOCK_CHARS;
        buffer.setLength(0);
        linkChars[0] = 0;
        if (linkHeavy) {
            return;
        }
        // Two line breaks in a row (<br><br>) separate paragraphs; one joins lines.
        int start = 0;
        int lastBreak = -1;
        for (int i = 0, n = raw.length(); i <= n; i++) {
            final char c = i < n ? raw.charAt(i) : LINE_BREAK;
            if (c == LINE_BREAK) {
                if (lastBreak >= 0 || i == n) {
                    final String part = TextNormalizer.clean(raw.substring(start, i));
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                    start = i + 1;
                    lastBreak = -1;
                } else {
                    lastBreak = i;
                }
            } else if (lastBreak >= 0 && c > ' ' && !TextNormalizer.isSpace(c)) {
                lastBreak = -1;
            }
        }
    }
}
