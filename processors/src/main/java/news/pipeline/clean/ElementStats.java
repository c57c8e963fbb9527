package news.pipeline.clean;

/** Statistics of one element's visible subtree, from the measuring pass, and its candidate score. */
final class ElementStats {
    /** Readability's shortest paragraph: shorter blocks are labels, buttons or captions, not prose. */
    static final int MIN_PARAGRAPH_CHARS = 25;

    /** Visible characters in the subtree. */
    int textChars;
    /** Visible characters inside links. */
    int linkChars;

    int commas;
    /** Visible characters in the element's own text nodes, not its children's. */
    int ownTextChars;

    int paragraphs;
    int images;
    int listItems;
    /** List items holding a link. */
    int linkedListItems;

    int inputs;
    int embeds;
    int headings;
    boolean candidate;
    double score;

    /** Share of the visible text that is link text. */
    double linkDensity() {
        return textChars == 0 ? 0 : (double) linkChars / textChars;
    }
}
