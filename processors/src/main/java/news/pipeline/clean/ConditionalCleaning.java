package news.pipeline.clean;

import org.jsoup.nodes.Element;

/**
 * Readability's conditional cleaning: inside the article, the blocks a reader skips (link lists,
 * forms, image strips, captions, embeds, share bars) go, judged by their statistics and names.
 */
final class ConditionalCleaning {
    /** Readability's comma count from which a block is prose, whatever else it holds. */
    private static final int PROSE_COMMAS = 10;
    /** Taken off a list's item count, so a list's own items never outnumber its paragraphs. */
    private static final int LIST_ITEM_ALLOWANCE = 100;
    /** Readability's least paragraphs per image for a block with several images; fewer is a gallery. */
    private static final double MIN_PARAGRAPHS_PER_IMAGE = 0.5;
    /** An image with at most this much text and no paragraph is a caption or a credit, not a passage. */
    private static final int MAX_CAPTION_CHARS = 120;
    /** Readability's allowance of one form control per three paragraphs; more is a form. */
    private static final double PARAGRAPHS_PER_INPUT = 3.0;
    /** A tiny block with one or two images is kept as a figure of the story; more images are a strip. */
    private static final int MAX_FIGURE_IMAGES = 2;
    /** Readability's link-density cut for blocks with paragraphs; higher keeps teaser grids. */
    private static final double MAX_LINK_DENSITY_WITH_PARAGRAPHS = 0.35;
    /** Readability's link-density cut for blocks without paragraphs, where links weigh more. */
    private static final double MAX_LINK_DENSITY = 0.2;
    /** A list may be more link than text (a list of sources) up to half; past it, it is navigation. */
    private static final double MAX_LIST_LINK_DENSITY = 0.5;
    /** Readability's link-density cut for blocks named like content: their name earns them more links. */
    private static final double MAX_CONTENT_NAMED_LINK_DENSITY = 0.5;
    /** A list of other stories has at least this many items; fewer may be the story's own short list. */
    private static final int MIN_STORY_LIST_ITEMS = 3;
    /** Each item of a list of other stories is a headline, under this many characters. */
    private static final int MAX_STORY_LIST_ITEM_CHARS = 100;
    /** Link density from which a list with a link in every item is a list of other stories. */
    private static final double STORY_LIST_LINK_DENSITY = 0.3;
    /** Readability's text a single embed needs to be a passage with a video, not a player alone. */
    private static final int MIN_EMBED_TEXT_CHARS = 75;
    /** A part named like furniture holding a third of the article's text or more is the article itself. */
    private static final int ARTICLE_SHARE_DIVIDER = 3;
    /** A header shorter than this is the article's kicker, byline and date; a longer one holds a lead. */
    private static final int MAX_HEADER_CHARS = 300;

    /** A block of contact details is a few lines: past this many visible characters it is not read as one. */
    private static final int MAX_CONTACT_BLOCK_CHARS = 600;

    private final boolean cleanConditionally;
    private final boolean stripUnlikely;
    private final ClassNameHints hints;
    private final PageStatistics stats;

    /**
     * @param cleanConditionally whether furniture-like containers go
     * @param stripUnlikely      whether the measuring pass already skipped elements named like furniture
     */
    ConditionalCleaning(
            final boolean cleanConditionally,
            final boolean stripUnlikely,
            final ClassNameHints hints,
            final PageStatistics stats) {
        this.cleanConditionally = cleanConditionally;
        this.stripUnlikely = stripUnlikely;
        this.hints = hints;
        this.stats = stats;
    }

    /** Whether the element, inside the article root whose text is {@code rootText}, goes with its subtree. */
    boolean removes(final Element element, final ElementStats elementStats, final Element root, final int rootText) {
        return dropContainer(element, elementStats)
                || unlikelyPart(element, elementStats, rootText)
                || "header".equals(element.normalName()) && elementStats.textChars < MAX_HEADER_CHARS
                || RecirculationBlocks.isRecirculation(element, stats)
                || element.parent() == root && isContactBlock(element, elementStats);
    }

    /**
     * A block of the page's contact details (address, telephone, e-mail) beside the article, as
     * sites without a footer element have. Only blocks directly under the article root are read:
     * that is where a page's footer sits, and it bounds the cost.
     */
    private static boolean isContactBlock(final Element element, final ElementStats elementStats) {
        return elementStats.textChars <= MAX_CONTACT_BLOCK_CHARS
                && !"p".equals(element.normalName())
                && BoilerplateLines.isContactDetails(element.text());
    }

    /** Readability's conditional cleaning: containers that look like furniture rather than prose. */
    private boolean dropContainer(final Element element, final ElementStats stats) {
        if (!cleanConditionally) {
            return false;
        }
        final String tag = element.normalName();
        if (!(tag.equals("div")
                || tag.equals("section")
                || tag.equals("ul")
                || tag.equals("ol")
                || tag.equals("table")
                || tag.equals("form")
                || tag.equals("header")
                || tag.equals("dl"))) {
            return false;
        }
        if (ClassNameHints.wrapsEmbeddedPost(element)) {
            return false;
        }
        final int weight = hints.weight(element);
        final double contentScore = stats.candidate ? stats.score : 0;
        if (weight < 0 && weight + contentScore < 0) {
            return true;
        }
        if (stats.commas >= PROSE_COMMAS) {
            return false;
        }
        final boolean isList = tag.equals("ul") || tag.equals("ol") || tag.equals("dl");
        final int listItems = stats.listItems - (isList ? LIST_ITEM_ALLOWANCE : 0);
        final double linkDensity = stats.linkDensity();
        if (stats.images > 1 && (double) stats.allParagraphs() / stats.images < MIN_PARAGRAPHS_PER_IMAGE) {
            return true;
        }
        // An image with a line of text and no paragraph: a caption or a credit, even when the line
        // stands loose beside the image.
        if (stats.images >= 1
                && stats.paragraphs == 0
                && stats.headings == 0
                && stats.textChars < MAX_CAPTION_CHARS
                && !isList) {
            return true;
        }
        if (!isList && listItems > stats.allParagraphs() && stats.headings == 0) {
            return true;
        }
        if (stats.inputs > Math.floor(stats.allParagraphs() / PARAGRAPHS_PER_INPUT)) {
            return true;
        }
        if (!isList
                && stats.textChars < ElementStats.MIN_PARAGRAPH_CHARS
                && stats.headings == 0
                && (stats.images == 0 || stats.images > MAX_FIGURE_IMAGES)) {
            return true;
        }
        if (weight < ClassNameHints.CLASS_WEIGHT
                && linkDensity > (stats.allParagraphs() > 0 ? MAX_LINK_DENSITY_WITH_PARAGRAPHS : MAX_LINK_DENSITY)
                && !isList) {
            return true;
        }
        if (isList && linkDensity > MAX_LIST_LINK_DENSITY) {
            return true;
        }
        // Every item a short line with a link: a list of other stories, however it is worded.
        if (isList
                && stats.listItems >= MIN_STORY_LIST_ITEMS
                && stats.linkedListItems == stats.listItems
                && stats.textChars < MAX_STORY_LIST_ITEM_CHARS * stats.listItems
                && linkDensity > STORY_LIST_LINK_DENSITY) {
            return true;
        }
        if (weight >= ClassNameHints.CLASS_WEIGHT && linkDensity > MAX_CONTENT_NAMED_LINK_DENSITY) {
            return true;
        }
        return (stats.embeds == 1 && stats.textChars < MIN_EMBED_TEXT_CHARS) || stats.embeds > 1;
    }

    /**
     * When unlikely names were not stripped up front (because that removed the article's own
     * wrapper), they still remove the furniture inside the article: parts named like share
     * bars or author boxes that hold a small share of its text.
     */
    private boolean unlikelyPart(final Element element, final ElementStats stats, final int rootText) {
        if (stripUnlikely || element.attributesSize() == 0 || stats.textChars * ARTICLE_SHARE_DIVIDER > rootText) {
            return false;
        }
        return hints.unlikely(element) && !ClassNameHints.wrapsEmbeddedPost(element);
    }
}
