package news.pipeline.clean;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Readability's class and id hints: whether an element's class and id names say it holds content
 * ("article", "content") or page furniture ("comment", "share", "related"). Verdicts are cached
 * per page, because the same class strings repeat on every card of a page.
 */
final class ClassNameHints {
    /** Readability's class weight: about as much as several paragraphs score, so a name can outweigh a few. */
    static final int CLASS_WEIGHT = 25;

    // Each list is literal words looked for anywhere in the lower-cased "class id" string: literal
    // checks instead of a regex alternation, which tries every word at every position and is far
    // costlier per element.
    private static final AnyWord UNLIKELY = new AnyWord(
            "-ad-",
            "ai2html",
            "banner",
            "breadcrumb",
            "combx",
            "comment",
            "community",
            "cover-wrap",
            "disqus",
            "extra",
            "footer",
            "gdpr",
            "header",
            "legends",
            "menu",
            "related",
            "remark",
            "replies",
            "reply",
            "discussion",
            "rss",
            "shoutbox",
            "sidebar",
            "skyscraper",
            "social",
            "sponsor",
            "supplemental",
            "ad-break",
            "agegate",
            "pagination",
            "pager",
            "popup",
            "yom-remote",
            "share",
            "newsletter",
            "cookie",
            "consent",
            "subscribe",
            "signup",
            "promo",
            "outbrain",
            "taboola",
            "recirc",
            "most-popular",
            "trending",
            "toolbar",
            "masthead",
            "byline",
            "author",
            "modal",
            "paywall",
            "tags",
            "popover",
            "tooltip",
            "rollover",
            "hovercard",
            "caption");
    private static final AnyWord MAYBE_CANDIDATE =
            new AnyWord("and", "article", "body", "column", "content", "main", "shadow", "story");
    /** Also "hid" as a whole space-separated word, which {@link #verdict} checks apart. */
    private static final AnyWord NEGATIVE = new AnyWord(
            "-ad-",
            "hidden",
            "banner",
            "combx",
            "comment",
            "reply",
            "discussion",
            "com-",
            "contact",
            "footer",
            "footnote",
            "gdpr",
            "masthead",
            "media",
            "meta",
            "outbrain",
            "promo",
            "related",
            "scroll",
            "share",
            "shoutbox",
            "sidebar",
            "skyscraper",
            "sponsor",
            "shopping",
            "tags",
            "widget",
            "social",
            "newsletter",
            "subscribe",
            "cookie",
            "byline",
            "caption",
            "credit",
            "taboola",
            "recirc",
            "nav");

    private static final AnyWord POSITIVE = new AnyWord(
            "article",
            "body",
            "content",
            "entry",
            "hentry",
            "h-entry",
            "main",
            "page",
            "pagination",
            "post",
            "text",
            "blog",
            "story");
    private static final Pattern EMBEDDED_POST = Pattern.compile("(?i)tweet|instagram|tiktok|embed");
    /** Text meant only for screen readers ("opens in a new window"), by the common utility class names. */
    private static final Pattern SCREEN_READER_ONLY = Pattern.compile(
            "(?i)\\b(sr-only|visually-?hidden|screen-?reader-?(only|text)|a11y-hidden|visuallyhidden|offscreen)\\b");

    /** Verdict bits: which of the four word lists a "class id" string matches. */
    private static final int UNLIKELY_BIT = 1;

    private static final int MAYBE_BIT = 2;
    private static final int NEGATIVE_BIT = 4;
    private static final int POSITIVE_BIT = 8;
    private static final int SCREEN_READER_BIT = 16;

    /**
     * Verdict bits by class string, or class and id joined by a NUL (which no attribute value
     * holds), for one page. Most elements have no id, and their class string is the key as it is:
     * no new string to build and hash for every element.
     */
    private final Map<String, Integer> cache = new HashMap<>();
    /** The element last asked about and its verdict: a page is not changed while it is read. */
    private Element lastElement;

    private int lastVerdict;

    /** Named like furniture and not also like content. */
    boolean unlikely(final Element element) {
        final int bits = verdict(element);
        return (bits & UNLIKELY_BIT) != 0 && (bits & MAYBE_BIT) == 0;
    }

    /** Classed as text for screen readers only, hidden on screen ("sr-only", "visually-hidden"). */
    boolean screenReaderOnly(final Element element) {
        return (verdict(element) & SCREEN_READER_BIT) != 0;
    }

    /** Readability's class weight: minus for a furniture name, plus for a content name; both may apply. */
    int weight(final Element element) {
        final int bits = verdict(element);
        int weight = 0;
        if ((bits & NEGATIVE_BIT) != 0) {
            weight -= CLASS_WEIGHT;
        }
        if ((bits & POSITIVE_BIT) != 0) {
            weight += CLASS_WEIGHT;
        }
        return weight;
    }

    private int verdict(final Element element) {
        // The measuring pass asks twice about most elements (screen-reader text, then unlikely).
        if (element == lastElement) {
            return lastVerdict;
        }
        lastVerdict = lookUpVerdict(element);
        lastElement = element;
        return lastVerdict;
    }

    private int lookUpVerdict(final Element element) {
        final String cls = element.className();
        final String id = element.id();
        if (cls.isEmpty() && id.isEmpty()) {
            return 0;
        }
        final String key = id.isEmpty() ? cls : cls + '\0' + id;
        final Integer cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        final String names = (cls + " " + id).toLowerCase(Locale.ROOT);
        int bits = 0;
        if (UNLIKELY.foundIn(names)) {
            bits |= UNLIKELY_BIT;
        }
        if (MAYBE_CANDIDATE.foundIn(names)) {
            bits |= MAYBE_BIT;
        }
        if (NEGATIVE.foundIn(names) || (" " + names + " ").contains(" hid ")) {
            bits |= NEGATIVE_BIT;
        }
        if (POSITIVE.foundIn(names)) {
            bits |= POSITIVE_BIT;
        }
        // Every screen-reader class name holds one of these; the pattern only runs on those that might match.
        if (!cls.isEmpty()
                && (names.contains("sr-only") || names.contains("hidden") || names.contains("screen"))
                && SCREEN_READER_ONLY.matcher(cls).find()) {
            bits |= SCREEN_READER_BIT;
        }
        cache.put(key, bits);
        return bits;
    }

    /**
     * Embedded social posts (the platforms' embed code is a {@code blockquote} with the post's
     * text) are quotations in the story, even inside a wrapper named "social".
     */
    static boolean wrapsEmbeddedPost(final Element element) {
        if ("blockquote".equals(element.normalName())) {
            return true;
        }
        // Child nodes, not children(): that builds a list of the elements on every call.
        for (int i = 0, n = element.childNodeSize(); i < n; i++) {
            if (element.childNode(i) instanceof Element child
                    && "blockquote".equals(child.normalName())
                    && EMBEDDED_POST.matcher(child.className()).find()) {
                return true;
            }
        }
        return false;
    }

    /** Literal words, any of which may occur anywhere in a string. */
    private record AnyWord(String... words) {
        boolean foundIn(final String names) {
            for (final String word : words) {
                if (names.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }
}
