package news.pipeline.clean;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Blocks that send the reader to other pages of the site, whatever they are named: a grid of
 * teasers (many small sibling blocks, each a link with an image or a headline and a short line)
 * and a section titled like a list of other stories ("Related", "More from ...", "You may also
 * like"). Neither is ever the article, even when its excerpts are long enough to score as prose.
 */
final class RecirculationBlocks {
    /** A grid has at least this many teasers; two small blocks with links may be the story's own. */
    private static final int MIN_TEASERS = 3;
    /** A teaser is a headline and a line or two: at most this many characters. */
    private static final int MAX_TEASER_CHARS = 250;
    /** Without an image or a headline, a teaser is a block of at least this share of link text. */
    private static final double MIN_TEASER_LINK_DENSITY = 0.5;
    /** The teasers hold at least this share of the grid's text; the rest is its title and labels. */
    private static final double MIN_TEASER_SHARE = 0.6;
    /** A section title is one short line. */
    private static final int MAX_TITLE_CHARS = 60;
    /** A block titled like a list of other stories in words only is one from this share of link text. */
    private static final double MIN_TITLED_LINK_DENSITY = 0.2;
    /** A list of other stories links to at least this many of them. */
    private static final int MIN_SECTION_LINKS = 2;

    /** Titles of lists of other stories, in the words sites use for them. */
    private static final Pattern RELATED_TITLE = Pattern.compile("(?iu)^[\\p{P}\\p{S}\\s]*(related( \\p{L}+)?"
            + "|more (from|on|in|about|of) .{1,40}|more (stories|news|articles|to read|like this)"
            + "|you (may|might|will) (also )?(like|enjoy|be interested in)|recommended( for you| stories| reading)?"
            + "|read (more|also|next)|see also|also (read|on) .{0,30}|further reading|don'?t miss|elsewhere on .{1,30}"
            + "|most (read|popular|viewed|shared))[\\p{P}\\p{S}\\s]*$");
    /** Class or id words of such a title. */
    private static final String[] RELATED_NAMES = {"related", "recirc", "more-stories", "morestories", "read-next"};

    private RecirculationBlocks() {}

    /** Whether the element is a grid of teasers, or a section titled as a list of other stories. */
    static boolean isRecirculation(final Element element, final PageStatistics stats) {
        final ElementStats elementStats = stats.of(element);
        // Both kinds link to other stories: a block without links is neither, and most blocks have none.
        if (elementStats == null || elementStats.linkChars == 0) {
            return false;
        }
        return isTeaserGrid(element, elementStats, stats) || isTitledRelatedSection(element, elementStats, stats);
    }

    /** Most of the element's text sits in at least three small sibling blocks, each a teaser. */
    private static boolean isTeaserGrid(
            final Element element, final ElementStats elementStats, final PageStatistics stats) {
        if (element.childNodeSize() < MIN_TEASERS) {
            return false;
        }
        int teasers = 0;
        int teaserChars = 0;
        // Child nodes by index: asking jsoup for the child elements builds a list per element.
        for (int i = 0, n = element.childNodeSize(); i < n; i++) {
            if (element.childNode(i) instanceof Element child) {
                final ElementStats childStats = stats.of(child);
                if (childStats != null && isTeaser(child, childStats)) {
                    teasers++;
                    teaserChars += childStats.textChars;
                }
            }
        }
        return teasers >= MIN_TEASERS && teaserChars >= elementStats.textChars * MIN_TEASER_SHARE;
    }

    /** A small block with a link and an image or a headline, or a small block that is mostly links. */
    private static boolean isTeaser(final Element block, final ElementStats stats) {
        if (stats.textChars == 0 || stats.textChars > MAX_TEASER_CHARS || stats.linkChars == 0) {
            return false;
        }
        final String tag = block.normalName();
        if ("p".equals(tag) || "a".equals(tag) || "span".equals(tag)) {
            // A paragraph or a phrase with a link is prose; a bare link is a list item at most.
            return false;
        }
        if (stats.images > 0 || stats.headings > 0) {
            return true;
        }
        return !"li".equals(tag) && stats.linkDensity() >= MIN_TEASER_LINK_DENSITY;
    }

    /** A block whose first child is a heading titled or named like a list of other stories, and which holds links. */
    private static boolean isTitledRelatedSection(
            final Element element, final ElementStats elementStats, final PageStatistics stats) {
        Element title = null;
        int titleIndex = -1;
        for (int i = 0, n = element.childNodeSize(); i < n && title == null; i++) {
            if (element.childNode(i) instanceof Element child) {
                final ElementStats childStats = stats.of(child);
                // A title named like related content may have been skipped for its name; it still titles the block.
                if (childStats != null && childStats.textChars > 0
                        || stats.isSkipped(child) && isHeading(child.normalName()) && child.hasText()) {
                    title = child;
                    titleIndex = i;
                }
            }
        }
        if (title == null || !isHeading(title.normalName()) || !hasElementAfter(element, titleIndex)) {
            return false;
        }
        if (namedRelated(title)) {
            return countLinks(element) >= MIN_SECTION_LINKS;
        }
        // Titled in words only: an article's own subheading may read the same ("More from the
        // interview"), so the block must also be link-heavy, as a list of stories is.
        final String text = title.text();
        return elementStats.linkDensity() >= MIN_TITLED_LINK_DENSITY
                && text.length() <= MAX_TITLE_CHARS
                && RELATED_TITLE.matcher(text).matches()
                && countLinks(element) >= MIN_SECTION_LINKS;
    }

    private static boolean hasElementAfter(final Element element, final int index) {
        for (int i = index + 1, n = element.childNodeSize(); i < n; i++) {
            if (element.childNode(i) instanceof Element) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHeading(final String tag) {
        return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '2' && tag.charAt(1) <= '6';
    }

    private static boolean namedRelated(final Element title) {
        final String names = (title.className() + " " + title.id()).toLowerCase(Locale.ROOT);
        for (String word : RELATED_NAMES) {
            if (names.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static int countLinks(final Element element) {
        int links = 0;
        for (Element link : element.getElementsByTag("a")) {
            if (link.hasAttr("href") && ++links >= MIN_SECTION_LINKS) {
                break;
            }
        }
        return links;
    }
}
