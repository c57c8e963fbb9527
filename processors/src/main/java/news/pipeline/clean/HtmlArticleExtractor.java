package news.pipeline.clean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import org.jsoup.select.NodeTraversor;

/**
 * Finds the article body in a page and returns it as paragraphs.
 *
 * <p>The approach is Readability's, tuned with trafilatura's and boilerpipe's observations: every
 * paragraph scores its parent and grandparent by its length and commas; class and id names push
 * a container up ("article", "content") or down ("comment", "share", "related"); the best
 * container, weighed by its link density, is the article, together with its siblings that score
 * well. Inside it, blocks that are mostly links, forms, figures or interface words are dropped.
 * One pass computes every element's statistics, so the cost is linear in the page.
 */
final class HtmlArticleExtractor {
    /** Never article text; skipped with their whole subtree. */
    private static final Set<String> SKIP_TAGS = Set.of("script", "style", "noscript", "template", "svg", "math",
            "canvas", "iframe", "object", "embed", "video", "audio", "picture", "source", "track", "map", "button",
            "input", "select", "option", "optgroup", "textarea", "label", "nav", "aside", "footer", "head", "title",
            "meta", "link", "base", "dialog", "menu", "figure", "figcaption", "img", "hr", "applet", "frame",
            "frameset", "datalist", "output", "progress", "meter", "h1");
    /** Elements whose start and end break the text into paragraphs. */
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "header",
            "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead",
            "tbody", "tfoot", "tr", "caption", "address", "center", "details", "summary", "fieldset",
            "form", "hgroup", "body", "br");
    private static final Set<String> HEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");

    // Readability's class and id hints. Each is a list of literal words looked for anywhere in the
    // lower-cased "class id" string; a regex alternation of the same words tried every word at every
    // position and was 11% of the cleaner's CPU on real pages.
    private static final AnyWord UNLIKELY = new AnyWord("-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
            "community", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related",
            "remark", "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
            "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote", "share", "newsletter", "cookie",
            "consent", "subscribe", "signup", "promo", "outbrain", "taboola", "recirc", "most-popular", "trending",
            "toolbar", "masthead", "byline", "author", "modal", "paywall", "tags", "popover", "tooltip", "rollover",
            "hovercard", "caption");
    private static final AnyWord MAYBE_CANDIDATE = new AnyWord("and", "article", "body", "column", "content", "main",
            "shadow", "story");
    /** Also "hid" as a whole space-separated word, which {@link #classBits} checks apart. */
    private static final AnyWord NEGATIVE = new AnyWord("-ad-", "hidden", "banner", "combx", "comment", "com-",
            "contact", "footer", "footnote", "gdpr", "masthead", "media", "meta", "outbrain", "promo", "related",
            "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", "social",
            "newsletter", "subscribe", "cookie", "byline", "caption", "credit", "taboola", "recirc", "nav");
    private static final AnyWord POSITIVE = new AnyWord("article", "body", "content", "entry", "hentry", "h-entry",
            "main", "page", "pagination", "post", "text", "blog", "story");
    private static final Pattern EMBEDDED_POST = Pattern.compile("(?i)tweet|instagram|tiktok|embed");
    /** Roles and attributes that hide an element or mark it as page furniture. */
    private static final Set<String> SKIP_ROLES = Set.of("menu", "menubar", "complementary", "navigation", "alert",
            "alertdialog", "dialog", "banner", "contentinfo", "search", "toolbar", "tablist");
    /** Text meant only for screen readers ("opens in a new window"), by the common utility class names. */
    private static final Pattern SCREEN_READER_ONLY = Pattern.compile(
            "(?i)\\b(sr-only|visually-?hidden|screen-?reader-?(only|text)|a11y-hidden|visuallyhidden|offscreen)\\b");
    private static final Pattern HIDDEN_STYLE = Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");

    private static final int MIN_PARAGRAPH_CHARS = 25;
    /** Marks a {@code <br>} in collected text; the normaliser turns a lone one into a space. */
    private static final char LINE_BREAK = '\u2029';
    /** Below this many characters the first attempt is retried with fewer rules. */
    private static final int RETRY_BELOW_CHARS = 300;

    private HtmlArticleExtractor() {
    }

    /** Statistics of one element's visible subtree. */
    private static final class Box {
        int text;
        int link;
        int commas;
        int own;
        int p;
        int img;
        int li;
        int input;
        int embed;
        int headings;
        int linkedLi;
        boolean candidate;
        double score;
    }

    /**
     * Which rules an attempt applies; later attempts relax them, as Readability does. Class
     * weights always apply: without them a long comment thread outscores a short article.
     */
    private record Flags(boolean stripUnlikely, boolean cleanConditionally) {
    }

    static List<String> extract(Element body) {
        if (body == null) {
            return List.of();
        }
        final Map<String, Integer> classCache = new HashMap<>();
        List<String> best = List.of();
        int bestLength = -1;
        final Flags[] attempts = {new Flags(true, true), new Flags(false, true), new Flags(false, false)};
        for (Flags flags : attempts) {
            final List<String> paragraphs = new Attempt(body, flags, classCache).run();
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

    private static int totalLength(List<String> paragraphs) {
        int n = 0;
        for (String p : paragraphs) {
            n += p.length();
        }
        return n;
    }

    /** Class-name verdicts, cached per page because the same class strings repeat on every card. */
    private static final int UNLIKELY_BIT = 1;
    private static final int MAYBE_BIT = 2;
    private static final int NEGATIVE_BIT = 4;
    private static final int POSITIVE_BIT = 8;

    private static int classBits(Element e, Map<String, Integer> cache) {
        final String cls = e.className();
        final String id = e.id();
        if (cls.isEmpty() && id.isEmpty()) {
            return 0;
        }
        final String key = cls + " " + id;
        final Integer cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        final String s = key.toLowerCase(Locale.ROOT);
        int bits = 0;
        if (UNLIKELY.foundIn(s)) {
            bits |= UNLIKELY_BIT;
        }
        if (MAYBE_CANDIDATE.foundIn(s)) {
            bits |= MAYBE_BIT;
        }
        if (NEGATIVE.foundIn(s) || (" " + s + " ").contains(" hid ")) {
            bits |= NEGATIVE_BIT;
        }
        if (POSITIVE.foundIn(s)) {
            bits |= POSITIVE_BIT;
        }
        cache.put(key, bits);
        return bits;
    }

    private static final class Attempt {
        private final Element body;
        private final Flags flags;
        private final Map<String, Integer> classCache;
        private final Map<Element, Box> boxes = new IdentityHashMap<>();
        private final Set<Element> skipped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<Element> paragraphs = new ArrayList<>();
        private final List<Element> candidates = new ArrayList<>();

        Attempt(Element body, Flags flags, Map<String, Integer> classCache) {
            this.body = body;
            this.flags = flags;
            this.classCache = classCache;
        }

        List<String> run() {
            measure();
            score();
            final Element top = topCandidate();
            final List<Element> roots = top == null ? List.of(body) : withSiblings(top);
            final List<String> out = new ArrayList<>();
            for (Element root : roots) {
                collect(root, out);
            }
            return out;
        }

        private Box box(Element e) {
            return boxes.computeIfAbsent(e, k -> new Box());
        }

        private int weight(Element e) {
            final int bits = classBits(e, classCache);
            int w = 0;
            if ((bits & NEGATIVE_BIT) != 0) {
                w -= 25;
            }
            if ((bits & POSITIVE_BIT) != 0) {
                w += 25;
            }
            return w;
        }

        /** Subtrees that are never content: hidden, furniture by tag or role, and unlikely by name. */
        private boolean skip(Element e) {
            final String tag = e.normalName();
            if (SKIP_TAGS.contains(tag)) {
                return true;
            }
            if (e.attributesSize() == 0) {
                return false;
            }
            if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden")) && !e.hasText()) {
                return true;
            }
            final String cls = e.className();
            if (!cls.isEmpty() && SCREEN_READER_ONLY.matcher(cls).find()) {
                return true;
            }
            final String style = e.attr("style");
            if (!style.isEmpty() && HIDDEN_STYLE.matcher(style).find()) {
                return true;
            }
            final String role = e.attr("role");
            if (!role.isEmpty() && SKIP_ROLES.contains(role.toLowerCase(Locale.ROOT))) {
                return true;
            }
            if (flags.stripUnlikely && e != body && !"a".equals(tag) && !"body".equals(tag)) {
                final int bits = classBits(e, classCache);
                return (bits & UNLIKELY_BIT) != 0 && (bits & MAYBE_BIT) == 0 && !wrapsEmbeddedPost(e)
                        && !isInlineNameWithCard(e);
            }
            return false;
        }

        /**
         * An inline wrapper such as {@code <span class="popover"><a>Name</a><span>card</span></span>}
         * carries a linked name that belongs to the sentence; only its card, which starts with
         * something other than the name, is furniture.
         */
        private boolean isInlineNameWithCard(Element e) {
            if (!"span".equals(e.normalName())) {
                return false;
            }
            final Node first = e.childNodeSize() == 0 ? null : e.childNode(0);
            return first instanceof Element f && "a".equals(f.normalName());
        }

        /**
         * Embedded social posts (the platforms' embed code is a {@code blockquote} with the post's
         * text) are quotations in the story, even inside a wrapper named "social".
         */
        private boolean wrapsEmbeddedPost(Element e) {
            if ("blockquote".equals(e.normalName())) {
                return true;
            }
            for (Element child : e.children()) {
                if ("blockquote".equals(child.normalName()) && EMBEDDED_POST.matcher(child.className()).find()) {
                    return true;
                }
            }
            return false;
        }

        /** One pass: every element's text, link text, commas and counts of paragraphs, images, list items. */
        private void measure() {
            final int[] linkDepth = {0};
            NodeTraversor.filter(new NodeFilter() {
                @Override
                public FilterResult head(Node node, int depth) {
                    if (node instanceof TextNode t) {
                        final Element parent = (Element) t.parentNode();
                        final String s = t.getWholeText();
                        int visible = 0;
                        int commas = 0;
                        for (int i = 0, n = s.length(); i < n; i++) {
                            final char c = s.charAt(i);
                            if (c > ' ' && !TextNormalizer.isSpace(c)) {
                                visible++;
                                if (c == ',' || c == '，' || c == '、') {
                                    commas++;
                                }
                            }
                        }
                        if (visible > 0 && parent != null) {
                            final Box b = box(parent);
                            b.text += visible;
                            b.own += visible;
                            b.commas += commas;
                            if (linkDepth[0] > 0) {
                                b.link += visible;
                            }
                        }
                        return FilterResult.CONTINUE;
                    }
                    if (node instanceof Element e) {
                        if (e != body && skip(e)) {
                            skipped.add(e);
                            final String tag = e.normalName();
                            final Element parent = e.parent();
                            if (parent != null) {
                                if ("img".equals(tag) || "picture".equals(tag) || "figure".equals(tag)) {
                                    box(parent).img++;
                                } else if ("input".equals(tag) || "select".equals(tag) || "textarea".equals(tag)
                                        || "button".equals(tag)) {
                                    box(parent).input++;
                                } else if ("iframe".equals(tag) || "embed".equals(tag) || "object".equals(tag)
                                        || "video".equals(tag)) {
                                    box(parent).embed++;
                                }
                            }
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if ("a".equals(e.normalName())) {
                            linkDepth[0]++;
                        }
                        return FilterResult.CONTINUE;
                    }
                    return node instanceof Comment ? FilterResult.SKIP_ENTIRELY : FilterResult.CONTINUE;
                }

                @Override
                public FilterResult tail(Node node, int depth) {
                    if (!(node instanceof Element e)) {
                        return FilterResult.CONTINUE;
                    }
                    final String tag = e.normalName();
                    if ("a".equals(tag)) {
                        linkDepth[0]--;
                    }
                    final Box b = boxes.get(e);
                    if (b == null) {
                        return FilterResult.CONTINUE;
                    }
                    if (isParagraph(tag, b)) {
                        paragraphs.add(e);
                    }
                    final Element parent = e.parent();
                    if (parent != null && e != body) {
                        final Box pb = box(parent);
                        pb.text += b.text;
                        pb.link += b.link;
                        pb.commas += b.commas;
                        pb.p += b.p + ("p".equals(tag) ? 1 : 0);
                        pb.img += b.img;
                        pb.li += b.li + ("li".equals(tag) ? 1 : 0);
                        pb.linkedLi += b.linkedLi + ("li".equals(tag) && b.link > 0 ? 1 : 0);
                        pb.input += b.input;
                        pb.embed += b.embed;
                        pb.headings += b.headings + (HEADINGS.contains(tag) ? 1 : 0);
                    }
                    return FilterResult.CONTINUE;
                }
            }, body);
        }

        private boolean isParagraph(String tag, Box b) {
            if (b.text < MIN_PARAGRAPH_CHARS) {
                return false;
            }
            switch (tag) {
                case "p", "pre", "td", "blockquote":
                    return true;
                case "div", "section", "article", "span", "font", "center", "li", "dd":
                    return b.own >= MIN_PARAGRAPH_CHARS;
                default:
                    return false;
            }
        }

        private void score() {
            for (Element p : paragraphs) {
                final Box pb = boxes.get(p);
                final double contentScore = 1 + pb.commas + Math.min(3, pb.text / 100);
                Element ancestor = p.parent();
                for (int level = 0; ancestor != null && level < 5; level++) {
                    final Box ab = box(ancestor);
                    if (!ab.candidate) {
                        ab.candidate = true;
                        ab.score = initialScore(ancestor);
                        candidates.add(ancestor);
                    }
                    final double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                    ab.score += contentScore / divider;
                    if (ancestor == body) {
                        break;
                    }
                    ancestor = ancestor.parent();
                }
            }
        }

        private double initialScore(Element e) {
            final double base;
            switch (e.normalName()) {
                case "div", "article", "main", "section":
                    base = 5;
                    break;
                case "pre", "td", "blockquote":
                    base = 3;
                    break;
                case "address", "ol", "ul", "dl", "dd", "dt", "li", "form":
                    base = -3;
                    break;
                case "h1", "h2", "h3", "h4", "h5", "h6", "th":
                    base = -5;
                    break;
                default:
                    base = 0;
            }
            return base + weight(e);
        }

        private double linkDensity(Box b) {
            return b.text == 0 ? 0 : (double) b.link / b.text;
        }

        private double finalScore(Element e) {
            final Box b = boxes.get(e);
            return b.score * (1 - linkDensity(b));
        }

        private Element topCandidate() {
            Element top = null;
            double topScore = 0;
            final List<Element> best = new ArrayList<>(6);
            for (Element c : candidates) {
                final double s = finalScore(c);
                if (top == null || s > topScore) {
                    top = c;
                    topScore = s;
                }
            }
            if (top == null) {
                return null;
            }
            candidates.sort((a, b) -> Double.compare(finalScore(b), finalScore(a)));
            for (int i = 1; i < Math.min(5, candidates.size()); i++) {
                if (finalScore(candidates.get(i)) / topScore >= 0.75) {
                    best.add(candidates.get(i));
                }
            }
            // Several nearly as good candidates: the article is their common ancestor.
            if (best.size() >= 3) {
                Element parent = top.parent();
                while (parent != null && parent != body) {
                    int contained = 0;
                    for (Element alt : best) {
                        if (isAncestor(parent, alt)) {
                            contained++;
                        }
                    }
                    if (contained >= 3) {
                        top = parent;
                        break;
                    }
                    parent = parent.parent();
                }
            }
            // A parent scoring higher than its best child holds more of the article.
            double lastScore = finalScore(top);
            final double threshold = lastScore / 3;
            Element parent = top.parent();
            while (parent != null && parent != body) {
                final Box pb = boxes.get(parent);
                if (pb == null || !pb.candidate) {
                    parent = parent.parent();
                    continue;
                }
                final double ps = finalScore(parent);
                if (ps < threshold) {
                    break;
                }
                if (ps > lastScore) {
                    top = parent;
                    break;
                }
                lastScore = ps;
                parent = parent.parent();
            }
            while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1) {
                top = top.parent();
            }
            return top;
        }

        private boolean isAncestor(Element ancestor, Element e) {
            for (Element p = e.parent(); p != null; p = p.parent()) {
                if (p == ancestor) {
                    return true;
                }
            }
            return false;
        }

        /** The top candidate and those siblings that read like more of the same article. */
        private List<Element> withSiblings(Element top) {
            final Element parent = top.parent();
            if (parent == null || top == body) {
                return List.of(top);
            }
            final Box tb = boxes.get(top);
            final double topScore = tb == null ? 0 : tb.score;
            final double threshold = Math.max(10, topScore * 0.2);
            final List<Element> roots = new ArrayList<>();
            for (Element sibling : parent.children()) {
                if (sibling == top) {
                    roots.add(sibling);
                    continue;
                }
                if (skipped.contains(sibling)) {
                    continue;
                }
                final int bits = classBits(sibling, classCache);
                if ((bits & UNLIKELY_BIT) != 0 && (bits & MAYBE_BIT) == 0) {
                    continue;
                }
                final Box sb = boxes.get(sibling);
                if (sb == null || sb.text == 0) {
                    continue;
                }
                double bonus = 0;
                if (!top.className().isEmpty() && top.className().equals(sibling.className())) {
                    bonus = topScore * 0.2;
                }
                if (sb.candidate && sb.score + bonus >= threshold) {
                    roots.add(sibling);
                } else if (bonus > 0 && sb.p > 0 && sb.text >= 100 && linkDensity(sb) < 0.3) {
                    // A section of the same kind as the article's, its paragraphs nested too deep to score it.
                    roots.add(sibling);
                } else if ("p".equals(sibling.normalName()) || sb.own >= MIN_PARAGRAPH_CHARS) {
                    final double ld = linkDensity(sb);
                    if (sb.text > 80 && ld < 0.25) {
                        roots.add(sibling);
                    } else if (sb.text <= 80 && ld == 0 && sibling.text().matches(".*\\.( |$).*")) {
                        roots.add(sibling);
                    }
                }
            }
            return roots;
        }

        /** Readability's conditional cleaning: containers that look like furniture rather than prose. */
        private boolean dropContainer(Element e, Box b) {
            if (!flags.cleanConditionally) {
                return false;
            }
            final String tag = e.normalName();
            if (!(tag.equals("div") || tag.equals("section") || tag.equals("ul") || tag.equals("ol")
                    || tag.equals("table") || tag.equals("form") || tag.equals("header") || tag.equals("dl"))) {
                return false;
            }
            if (wrapsEmbeddedPost(e)) {
                return false;
            }
            final int weight = weight(e);
            final double contentScore = b.candidate ? b.score : 0;
            if (weight < 0 && weight + contentScore < 0) {
                return true;
            }
            if (b.commas >= 10) {
                return false;
            }
            final boolean isList = tag.equals("ul") || tag.equals("ol") || tag.equals("dl");
            final int li = b.li - (isList ? 100 : 0);
            final double ld = linkDensity(b);
            if (b.img > 1 && (double) b.p / b.img < 0.5) {
                return true;
            }
            // An image with a line of text and no paragraph: a caption or a credit.
            if (b.img >= 1 && b.p == 0 && b.headings == 0 && b.text < 120 && !isList) {
                return true;
            }
            if (!isList && li > b.p && b.headings == 0) {
                return true;
            }
            if (b.input > Math.floor(b.p / 3.0)) {
                return true;
            }
            if (!isList && b.text < MIN_PARAGRAPH_CHARS && b.headings == 0 && (b.img == 0 || b.img > 2)) {
                return true;
            }
            if (weight < 25 && ld > (b.p > 0 ? 0.35 : 0.2) && !isList) {
                return true;
            }
            if (isList && ld > 0.5) {
                return true;
            }
            // Every item a short line with a link: a list of other stories, however it is worded.
            if (isList && b.li >= 3 && b.linkedLi == b.li && b.text < 100 * b.li && ld > 0.3) {
                return true;
            }
            if (weight >= 25 && ld > 0.5) {
                return true;
            }
            return (b.embed == 1 && b.text < 75) || b.embed > 1;
        }

        /**
         * When unlikely names were not stripped up front (because that removed the article's own
         * wrapper), they still remove the furniture inside the article: parts named like share
         * bars or author boxes that hold a small share of its text.
         */
        private boolean unlikelyPart(Element e, Box b, int rootText) {
            if (flags.stripUnlikely || e.attributesSize() == 0 || b.text * 3 > rootText) {
                return false;
            }
            final int bits = classBits(e, classCache);
            return (bits & UNLIKELY_BIT) != 0 && (bits & MAYBE_BIT) == 0 && !wrapsEmbeddedPost(e);
        }

        /** Appends the root's blocks, in document order, as paragraphs. */
        private void collect(Element root, List<String> out) {
            final Box rootBox = boxes.get(root);
            final int rootText = rootBox == null ? 0 : rootBox.text;
            final StringBuilder buffer = new StringBuilder();
            final int[] linkChars = {0};
            final int[] linkDepth = {0};
            NodeTraversor.filter(new NodeFilter() {
                @Override
                public FilterResult head(Node node, int depth) {
                    if (node instanceof TextNode t) {
                        final String s = t.getWholeText();
                        buffer.append(s);
                        if (linkDepth[0] > 0) {
                            linkChars[0] += TextNormalizer.visibleLength(s);
                        }
                        return FilterResult.CONTINUE;
                    }
                    if (!(node instanceof Element e)) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (skipped.contains(e)) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    final String tag = e.normalName();
                    final Box b = boxes.get(e);
                    if (b == null || b.text == 0) {
                        if ("br".equals(tag)) {
                            buffer.append(LINE_BREAK);
                        }
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (e != root && (dropContainer(e, b) || unlikelyPart(e, b, rootText)
                            || "header".equals(tag) && b.text < 300)) {
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
                public FilterResult tail(Node node, int depth) {
                    if (node instanceof Element e) {
                        final String tag = e.normalName();
                        if ("a".equals(tag)) {
                            linkDepth[0]--;
                        }
                        if (BLOCK_TAGS.contains(tag)) {
                            flush(buffer, linkChars, out);
                        }
                    }
                    return FilterResult.CONTINUE;
                }
            }, root);
            flush(buffer, linkChars, out);
        }

        private void flush(StringBuilder buffer, int[] linkChars, List<String> out) {
            if (buffer.length() == 0) {
                return;
            }
            final String raw = buffer.toString();
            final int total = TextNormalizer.visibleLength(raw);
            // Mostly links and little prose of its own: a list of related stories, a "read more" line.
            final boolean linkHeavy = total > 0 && linkChars[0] > total * 0.7 && total - linkChars[0] < 80;
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

    /**
     * Paragraph-level clean-up after extraction: interface phrases, the headline, repeats, and the
     * labels around the text (kicker, byline, dateline before it; signature and tags after it),
     * which are short and never end like a sentence.
     */
    static List<String> polish(List<String> paragraphs, String title) {
        final String titleKey = title == null ? "" : TextNormalizer.dedupeKey(title);
        final Set<String> seen = new HashSet<>();
        final List<String> out = new ArrayList<>(paragraphs.size());
        for (String p : paragraphs) {
            if (BoilerplateLines.isInterfacePhrase(p) || BoilerplateLines.isInterfaceSentence(p)
                    || BoilerplateLines.isByline(p) || BoilerplateLines.isDateline(p) || BoilerplateLines.isNavigation(p)
                    || BoilerplateLines.isShortcode(p) || BoilerplateLines.isAgencyCredit(p)) {
                continue;
            }
            final String key = TextNormalizer.dedupeKey(p);
            if (key.isEmpty() || key.equals(titleKey) || (BoilerplateLines.isCopyWhenRepeated(p) && !seen.add(key))) {
                continue;
            }
            out.add(p);
        }
        // A run of a few labels is furniture; a long run of short lines is a list that belongs to the text.
        int first = 0;
        while (first < out.size() && isLeadingLabel(out.get(first))) {
            first++;
        }
        if (first > MAX_LABEL_RUN || first == out.size()) {
            first = 0;
        }
        int last = out.size();
        while (last > first + 1 && BoilerplateLines.isShortLabel(out.get(last - 1))) {
            last--;
        }
        if (out.size() - last > MAX_LABEL_RUN) {
            last = out.size();
        }
        return out.subList(first, last);
    }

    private static final int MAX_LABEL_RUN = 3;


    /** A kicker, a section name, or a dateline: a few words, or a date, and never a sentence. */
    private static boolean isLeadingLabel(String p) {
        if (p.length() >= 120 || BoilerplateLines.endsLikeSentence(p)) {
            return false;
        }
        final int words = BoilerplateLines.wordCount(p);
        return words <= 6 || words <= 15 && BoilerplateLines.hasDateOrTime(p);
    }

    /** Literal words, any of which may occur anywhere in a string. */
    private record AnyWord(String... words) {
        boolean foundIn(String s) {
            for (final String word : words) {
                if (s.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }
}
