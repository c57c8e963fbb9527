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

    /** {@code <p>} elements inside. */
    int paragraphs;
    /** Runs of loose text inside that read as paragraphs (see {@link PageStatistics#looseTextContainers()}). */
    int looseParagraphs;
    /** What the element's own runs of loose text score, as paragraphs it holds; 0 when it has none. */
    double looseTextScore;

    int images;
    int listItems;
    /** List items holding a link. */
    int linkedListItems;

    int inputs;
    int embeds;
    int headings;
    boolean candidate;
    double score;

    /** Paragraphs inside, {@code <p>} elements and runs of loose text alike. */
    int allParagraphs() {
        return paragraphs + looseParagraphs;
    }

    /** Share of the visible text that is link text. */
    double linkDensity() {
        return textChars == 0 ? 0 : (double) linkChars / textChars;
    }
}
