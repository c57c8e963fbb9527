package news.pipeline.clean;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * The measuring pass: one walk over the page gives every visible element its {@link ElementStats}
 * (text, link text, commas, counts of paragraphs, images, list items), skips the subtrees that are
 * never content, and lists the elements that read as paragraphs. Linear in the page.
 */
final class PageStatistics {
    /** Never article text; skipped with their whole subtree. */
    private static final Set<String> SKIP_TAGS = Set.of(
            "script",
            "style",
            "noscript",
            "template",
            "svg",
            "math",
            "canvas",
            "iframe",
            "object",
            "embed",
            "video",
            "audio",
            "picture",
            "source",
            "track",
            "map",
            "button",
            "input",
            "select",
            "option",
            "optgroup",
            "textarea",
            "label",
            "nav",
            "aside",
            "footer",
            "head",
            "title",
            "meta",
            "link",
            "base",
            "dialog",
            "menu",
            "figure",
            "figcaption",
            "img",
            "hr",
            "applet",
            "frame",
            "frameset",
            "datalist",
            "output",
            "progress",
            "meter",
            "h1");

    private static final Set<String> HEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");
    /**
     * Phrasing content: elements that sit inside a line of text. Any other element starts a block
     * and ends the run of loose text before it.
     */
    private static final Set<String> PHRASING_TAGS = Set.of(
            "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
            "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
            "wbr", "nobr");
    /**
     * Blocks whose loose text runs count as paragraphs of their own (Readability's "div to p"):
     * the generic containers a site may fill with text nodes and line breaks instead of paragraphs.
     */
    private static final Set<String> LOOSE_TEXT_CONTAINERS =
            Set.of("div", "section", "article", "main", "center", "body");
    /** Roles and attributes that hide an element or mark it as page furniture. */
    private static final Set<String> SKIP_ROLES = Set.of(
            "menu",
            "menubar",
            "complementary",
            "navigation",
            "alert",
            "alertdialog",
            "dialog",
            "banner",
            "contentinfo",
            "search",
            "toolbar",
            "tablist");

    private static final Pattern HIDDEN_STYLE = Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");

    private static final int EXPECTED_ELEMENTS_WITH_TEXT = 512;

    private final Element body;
    private final boolean stripUnlikely;
    private final ClassNameHints hints;
    /** Sized for a typical page's elements with visible text, so that the map seldom grows. */
    private final Map<Element, ElementStats> stats = new IdentityHashMap<>(EXPECTED_ELEMENTS_WITH_TEXT);

    private final Set<Element> skipped = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Element> paragraphs = new ArrayList<>();
    private final List<Element> looseTextContainers = new ArrayList<>();

    /** @param stripUnlikely whether elements named like furniture are skipped with their subtree */
    PageStatistics(final Element body, final boolean stripUnlikely, final ClassNameHints hints) {
        this.body = body;
        this.stripUnlikely = stripUnlikely;
        this.hints = hints;
    }

    /** The element's statistics; null when it holds nothing visible or was skipped. */
    ElementStats of(final Element element) {
        return stats.get(element);
    }

    /** The element's statistics, created empty if it has none yet. */
    ElementStats ofOrNew(final Element element) {
        return stats.computeIfAbsent(element, absent -> new ElementStats());
    }

    boolean isSkipped(final Element element) {
        return skipped.contains(element);
    }

    /** The elements that read as paragraphs, in the order the pass closed them. */
    List<Element> paragraphs() {
        return paragraphs;
    }

    /**
     * Blocks holding runs of loose text (text nodes and inline elements between blocks or
     * {@code <br><br>}) that read as paragraphs, in the order the pass closed them; each run
     * scores the block itself, as a paragraph scores its parent.
     */
    List<Element> looseTextContainers() {
        return looseTextContainers;
    }

    /** Subtrees that are never content: hidden, furniture by tag or role, and unlikely by name. */
    private boolean skip(final Element element) {
        final String tag = element.normalName();
        if (SKIP_TAGS.contains(tag)) {
            return true;
        }
        // No early exit on an element without attributes: jsoup counts them by looping over the
        // keys, which costs more than the lookups below, each of which is cheap without attributes.
        if (element.hasAttr("hidden") || "true".equals(element.attr("aria-hidden")) && !element.hasText()) {
            return true;
        }
        if (hints.screenReaderOnly(element)) {
            return true;
        }
        final String style = element.attr("style");
        if (!style.isEmpty() && HIDDEN_STYLE.matcher(style).find()) {
            return true;
        }
        final String role = element.attr("role");
        if (!role.isEmpty() && SKIP_ROLES.contains(role.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (stripUnlikely && element != body && !"a".equals(tag) && !"body".equals(tag)) {
            return hints.unlikely(element)
                    && !ClassNameHints.wrapsEmbeddedPost(element)
                    && !isInlineNameWithCard(element);
        }
        return false;
    }

    /**
     * An inline wrapper such as {@code <span class="popover"><a>Name</a><span>card</span></span>}
     * carries a linked name that belongs to the sentence; only its card, which starts with
     * something other than the name, is furniture.
     */
    private static boolean isInlineNameWithCard(final Element element) {
        if (!"span".equals(element.normalName())) {
            return false;
        }
        final Node first = element.childNodeSize() == 0 ? null : element.childNode(0);
        return first instanceof Element firstElement && "a".equals(firstElement.normalName());
    }

    /** One pass: every element's text, link text, commas and counts of paragraphs, images, list items. */
    void measure() {
        TreeWalk.filter(new Walk(), body);
    }

    /**
     * The measuring walk. The statistics of the elements still open (body down to the current
     * element) are kept on a stack, created when something visible is counted into them, and
     * entered in the map once, when their element closes: a map lookup for every text node and
     * element was a fifth of the pass.
     */
    private final class Walk implements NodeFilter {
        private ElementStats[] open = new ElementStats[64];
        /** Open elements; the current one's statistics are {@code open[depth - 1]}. */
        private int depth;

        private int linkDepth;
        private final Deque<LooseText> blocks = new ArrayDeque<>();

        Walk() {
            blocks.push(new LooseText(body));
        }

        @Override
        public FilterResult head(final Node node, final int nodeDepth) {
            if (node instanceof TextNode textNode) {
                countText(textNode, linkDepth > 0, blocks.peek());
                return FilterResult.CONTINUE;
            }
            if (node instanceof Element element) {
                if (element != body) {
                    if (skip(element)) {
                        skipped.add(element);
                        countSkipped(element);
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    final String tag = element.normalName();
                    if ("a".equals(tag)) {
                        linkDepth++;
                    } else if ("br".equals(tag)) {
                        blocks.peek().lineBreak();
                    } else if (!PHRASING_TAGS.contains(tag)) {
                        blocks.peek().blockChild();
                        blocks.push(new LooseText(element));
                    }
                }
                if (depth == open.length) {
                    open = Arrays.copyOf(open, depth * 2);
                }
                open[depth++] = null;
                return FilterResult.CONTINUE;
            }
            return node instanceof Comment ? FilterResult.SKIP_ENTIRELY : FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(final Node node, final int nodeDepth) {
            if (!(node instanceof Element element)) {
                return FilterResult.CONTINUE;
            }
            final String tag = element.normalName();
            if ("a".equals(tag)) {
                linkDepth--;
            }
            if (!blocks.isEmpty() && blocks.peek().block == element) {
                blocks.pop().close(this);
                if (!blocks.isEmpty()) {
                    // The block ends the parent's run of loose text before it.
                    blocks.peek().endRun();
                }
            }
            final ElementStats closed = open[--depth];
            open[depth] = null;
            if (closed == null) {
                return FilterResult.CONTINUE;
            }
            stats.put(element, closed);
            if (isParagraph(tag, closed)) {
                paragraphs.add(element);
            }
            if (depth > 0) {
                addToParent(tag, closed, current());
            }
            return FilterResult.CONTINUE;
        }

        /** The statistics of the element now open, created if it has none yet. */
        private ElementStats current() {
            ElementStats current = open[depth - 1];
            if (current == null) {
                current = new ElementStats();
                open[depth - 1] = current;
            }
            return current;
        }

        /**
         * Counts a text node's visible characters and commas into its element's statistics, and
         * into the run of loose text of the block around it.
         */
        private void countText(final TextNode textNode, final boolean inLink, final LooseText block) {
            final String text = textNode.getWholeText();
            int visible = 0;
            int commas = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                final char c = text.charAt(i);
                if (c > ' ' && !TextNormalizer.isSpace(c)) {
                    visible++;
                    if (c == ',' || c == '，' || c == '、') {
                        commas++;
                    }
                }
            }
            if (visible > 0 && depth > 0) {
                final ElementStats parentStats = current();
                parentStats.textChars += visible;
                parentStats.ownTextChars += visible;
                parentStats.commas += commas;
                if (inLink) {
                    parentStats.linkChars += visible;
                }
                if (block != null) {
                    block.text(visible, commas);
                }
            }
        }

        /** A skipped image, form control or embed still counts in its parent: conditional cleaning weighs them. */
        private void countSkipped(final Element element) {
            if (depth == 0) {
                return;
            }
            final String tag = element.normalName();
            if ("img".equals(tag) || "picture".equals(tag) || "figure".equals(tag)) {
                current().images++;
            } else if ("input".equals(tag) || "select".equals(tag) || "textarea".equals(tag) || "button".equals(tag)) {
                current().inputs++;
            } else if ("iframe".equals(tag) || "embed".equals(tag) || "object".equals(tag) || "video".equals(tag)) {
                current().embeds++;
            }
        }
    }

    private static void addToParent(final String tag, final ElementStats child, final ElementStats parent) {
        parent.textChars += child.textChars;
        parent.linkChars += child.linkChars;
        parent.commas += child.commas;
        parent.paragraphs += child.paragraphs + ("p".equals(tag) ? 1 : 0);
        parent.looseParagraphs += child.looseParagraphs;
        parent.images += child.images;
        parent.listItems += child.listItems + ("li".equals(tag) ? 1 : 0);
        parent.linkedListItems += child.linkedListItems + ("li".equals(tag) && child.linkChars > 0 ? 1 : 0);
        parent.inputs += child.inputs;
        parent.embeds += child.embeds;
        parent.headings += child.headings + (HEADINGS.contains(tag) ? 1 : 0);
    }

    private static boolean isParagraph(final String tag, final ElementStats element) {
        if (element.textChars < ElementStats.MIN_PARAGRAPH_CHARS || element.looseTextScore > 0) {
            return false;
        }
        switch (tag) {
            case "p", "pre", "td", "blockquote":
                return true;
            case "div", "section", "article", "span", "font", "center", "li", "dd":
                return element.ownTextChars >= ElementStats.MIN_PARAGRAPH_CHARS;
            default:
                return false;
        }
    }

    /**
     * The runs of loose text in one open block: text and inline elements up to the next block
     * child or the next two line breaks in a row. A block whose text is split into runs that way
     * holds them as paragraphs; a block that is one run is a paragraph itself, as before.
     */
    private final class LooseText {
        final Element block;
        private int runChars;
        private int runCommas;
        private int lineBreaks;
        private boolean split;
        private int runs;
        private double score;

        LooseText(final Element block) {
            this.block = block;
        }

        void text(final int visible, final int commas) {
            runChars += visible;
            runCommas += commas;
            lineBreaks = 0;
        }

        void lineBreak() {
            lineBreaks++;
            if (lineBreaks == 2) {
                split = true;
                endRun();
            }
        }

        void blockChild() {
            split = true;
            endRun();
        }

        void endRun() {
            if (runChars >= ElementStats.MIN_PARAGRAPH_CHARS) {
                runs++;
                score += CandidateSelection.paragraphScore(runChars, runCommas);
            }
            runChars = 0;
            runCommas = 0;
            lineBreaks = 0;
        }

        void close(final Walk walk) {
            endRun();
            if (runs == 0 || !split || !LOOSE_TEXT_CONTAINERS.contains(block.normalName())) {
                return;
            }
            // The block is the element now closing: its statistics are the walk's current ones.
            final ElementStats blockStats = walk.current();
            blockStats.looseTextScore = score;
            blockStats.looseParagraphs += runs;
            looseTextContainers.add(block);
        }
    }
}
