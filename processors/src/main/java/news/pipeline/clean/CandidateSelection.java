package news.pipeline.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Readability's scoring: every paragraph scores its ancestors by its length and commas, class
 * names push a container up or down, and the best container, weighed by its link density, is the
 * article, together with its siblings that score well or read like more of it.
 */
final class CandidateSelection {
    /** Readability's head start for containers that usually hold prose (div, article, main, section). */
    private static final int CONTAINER_SCORE = 5;
    /** Readability's smaller head start for blocks that may hold prose (pre, td, blockquote). */
    private static final int QUOTE_OR_CELL_SCORE = 3;
    /** Readability's penalty for lists, definitions, addresses and forms: they rarely hold the article. */
    private static final int LIST_OR_FORM_SCORE = -3;
    /** Readability's larger penalty for headings and table headers: labels, never the article. */
    private static final int HEADING_SCORE = -5;
    /** Each full hundred characters of a paragraph adds one point, so length counts but cannot swamp commas. */
    private static final int CHARS_PER_LENGTH_POINT = 100;
    /** At most three length points per paragraph: a very long block is not worth more than a few paragraphs. */
    private static final int MAX_LENGTH_POINTS = 3;
    /** A paragraph scores this many ancestors: far enough to reach a wrapper around the article's sections. */
    private static final int SCORED_ANCESTOR_LEVELS = 5;
    /** Ancestors past the grandparent get the score divided by three times their level: nearest containers win. */
    private static final int DISTANT_ANCESTOR_DIVIDER = 3;
    /** How many top candidates are compared with the best one, as Readability does. */
    private static final int COMPARED_CANDIDATES = 5;
    /** How many of the best candidates are tried in turn when the best is a footer, a teaser list or short. */
    private static final int CONSIDERED_CANDIDATES = 10;
    /** Past this many visible characters a candidate is no footer: the test reads its text only below. */
    private static final int MAX_FOOTER_CHARS = 600;
    /** A candidate of fewer words than this is short: kept only when no longer candidate may be the article. */
    private static final int MAX_SHORT_CANDIDATE_WORDS = 24;
    /** Past this many visible characters a candidate is never short: the word count is read only below. */
    private static final int MAX_SHORT_CANDIDATE_CHARS = 250;
    /** Candidates scoring this share of the best are nearly as good: parts of one article split across blocks. */
    private static final double NEAR_BEST_SHARE = 0.75;
    /** This many nearly-as-good candidates under one ancestor make the ancestor the article. */
    private static final int MIN_NEAR_BEST = 3;
    /** Climbing to a parent stops when it scores under a third of the candidate: the parent is the page. */
    private static final int PARENT_SCORE_DIVIDER = 3;
    /** A sibling joins when it scores this share of the top candidate; lower brings in teasers beside it. */
    private static final double SIBLING_SCORE_SHARE = 0.2;
    /** Smallest score a sibling needs however low the top candidate scores, so stray blocks stay out. */
    private static final int MIN_SIBLING_SCORE = 10;
    /** A sibling with the top candidate's class gets this share of its score as a bonus: same kind of block. */
    private static final double SAME_CLASS_BONUS_SHARE = 0.2;
    /** A same-class sibling with paragraphs joins from this many characters: a real section, not a label. */
    private static final int SAME_CLASS_MIN_CHARS = 100;
    /** ... and under this link density: more links make it a list of stories styled like the article. */
    private static final double SAME_CLASS_MAX_LINK_DENSITY = 0.3;
    /** Readability's split between a long paragraph-like sibling and a short one. */
    private static final int SHORT_SIBLING_CHARS = 80;
    /** Readability's link-density cut for a long paragraph-like sibling; higher lets in link lists. */
    private static final double SIBLING_MAX_LINK_DENSITY = 0.25;
    /** A short sibling joins only when it holds a sentence end: a line of prose, not a label. */
    private static final Pattern SENTENCE_END = Pattern.compile(".*\\.( |$).*");

    private final Element body;
    private final PageStatistics stats;
    private final ClassNameHints hints;
    private final List<Element> candidates = new ArrayList<>();

    CandidateSelection(final Element body, final PageStatistics stats, final ClassNameHints hints) {
        this.body = body;
        this.stats = stats;
        this.hints = hints;
    }

    /** The blocks the article is read from: the top candidate with its siblings, or the whole body. */
    List<Element> articleRoots() {
        score();
        if (candidates.isEmpty()) {
            return List.of(body);
        }
        final Element top = topCandidate();
        // Every good candidate was a footer or a list of other stories: no article is better than a wrong one.
        return top == null ? List.of() : withSiblings(top);
    }

    /** Readability's paragraph score: one point, one per comma, one per hundred characters up to three. */
    static double paragraphScore(final int textChars, final int commas) {
        return 1 + commas + Math.min(MAX_LENGTH_POINTS, textChars / CHARS_PER_LENGTH_POINT);
    }

    private void score() {
        for (Element paragraph : stats.paragraphs()) {
            final ElementStats paragraphStats = stats.of(paragraph);
            scoreAncestors(paragraph.parent(), paragraphScore(paragraphStats.textChars, paragraphStats.commas));
        }
        // Runs of loose text are paragraphs whose parent is the block holding them.
        for (Element container : stats.looseTextContainers()) {
            scoreAncestors(container, stats.of(container).looseTextScore);
        }
    }

    /** Adds a paragraph's score to its parent and, divided, to the ancestors above it. */
    private void scoreAncestors(final Element parent, final double contentScore) {
        Element ancestor = parent;
        for (int level = 0; ancestor != null && level < SCORED_ANCESTOR_LEVELS; level++) {
            final ElementStats ancestorStats = stats.ofOrNew(ancestor);
            if (!ancestorStats.candidate) {
                ancestorStats.candidate = true;
                ancestorStats.score = initialScore(ancestor);
                candidates.add(ancestor);
            }
            // Readability's dividers: the parent takes all, the grandparent half, farther ones less
            final double divider = level == 0 ? 1 : level == 1 ? 2 : level * DISTANT_ANCESTOR_DIVIDER;
            ancestorStats.score += contentScore / divider;
            if (ancestor == body) {
                break;
            }
            ancestor = ancestor.parent();
        }
    }

    private double initialScore(final Element element) {
        final double base;
        switch (element.normalName()) {
            case "div", "article", "main", "section":
                base = CONTAINER_SCORE;
                break;
            case "pre", "td", "blockquote":
                base = QUOTE_OR_CELL_SCORE;
                break;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form":
                base = LIST_OR_FORM_SCORE;
                break;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th":
                base = HEADING_SCORE;
                break;
            default:
                base = 0;
        }
        return base + hints.weight(element);
    }

    /** The score weighed by link density: a block of links scores nothing however long. */
    private double finalScore(final Element element) {
        final ElementStats candidate = stats.of(element);
        return candidate.score * (1 - candidate.linkDensity());
    }

    /**
     * The best candidate that may be the article, climbed to the ancestor that holds all of it;
     * null when every candidate considered is a footer or a list of other stories.
     */
    private Element topCandidate() {
        candidates.sort((left, right) -> Double.compare(finalScore(right), finalScore(left)));
        // The best candidate may be a page's footer or its list of other stories: the next one is
        // the article then. A short candidate is kept only when nothing longer may be the article.
        int topIndex = -1;
        int shortIndex = -1;
        for (int i = 0; i < Math.min(CONSIDERED_CANDIDATES, candidates.size()) && topIndex < 0; i++) {
            final Element candidate = candidates.get(i);
            if (isRecirculationOrInside(candidate)) {
                continue;
            }
            final ElementStats candidateStats = stats.of(candidate);
            if (candidateStats.textChars <= MAX_FOOTER_CHARS && BoilerplateLines.isFooterText(candidate.text())) {
                continue;
            }
            if (candidateStats.textChars <= MAX_SHORT_CANDIDATE_CHARS
                    && BoilerplateLines.atMostWords(candidate.text(), MAX_SHORT_CANDIDATE_WORDS)) {
                if (shortIndex < 0) {
                    shortIndex = i;
                }
                continue;
            }
            topIndex = i;
        }
        if (topIndex < 0) {
            topIndex = shortIndex;
        }
        if (topIndex < 0) {
            return null;
        }
        Element top = candidates.get(topIndex);
        final double topScore = finalScore(top);
        final List<Element> nearBest = new ArrayList<>(COMPARED_CANDIDATES);
        for (int i = topIndex + 1; i < Math.min(topIndex + COMPARED_CANDIDATES, candidates.size()); i++) {
            if (topScore > 0 && finalScore(candidates.get(i)) / topScore >= NEAR_BEST_SHARE) {
                nearBest.add(candidates.get(i));
            }
        }
        // Several nearly as good candidates: the article is their common ancestor.
        if (nearBest.size() >= MIN_NEAR_BEST) {
            Element parent = top.parent();
            while (parent != null && parent != body) {
                int contained = 0;
                for (Element alternative : nearBest) {
                    if (isAncestor(parent, alternative)) {
                        contained++;
                    }
                }
                if (contained >= MIN_NEAR_BEST) {
                    top = parent;
                    break;
                }
                parent = parent.parent();
            }
        }
        // A parent scoring higher than its best child holds more of the article.
        double lastScore = finalScore(top);
        final double threshold = lastScore / PARENT_SCORE_DIVIDER;
        Element parent = top.parent();
        while (parent != null && parent != body) {
            final ElementStats parentStats = stats.of(parent);
            if (parentStats == null || !parentStats.candidate) {
                parent = parent.parent();
                continue;
            }
            final double parentScore = finalScore(parent);
            if (parentScore < threshold) {
                break;
            }
            if (parentScore > lastScore) {
                top = parent;
                break;
            }
            lastScore = parentScore;
            parent = parent.parent();
        }
        while (top.parent() != null && top.parent() != body && top.parent().childrenSize() == 1) {
            top = top.parent();
        }
        return top;
    }

    /**
     * A sibling that is the page's footer, or a few words that are no sentence (a list of
     * keywords, a label), however well its commas score it.
     */
    private static boolean isFooterOrShortLabel(final Element sibling) {
        final String text = sibling.text();
        return BoilerplateLines.isFooterText(text)
                || BoilerplateLines.atMostWords(text, MAX_SHORT_CANDIDATE_WORDS)
                        && !BoilerplateLines.endsLikeSentence(text);
    }

    /** Whether the candidate, or a block around it, is a teaser grid or a titled list of other stories. */
    private boolean isRecirculationOrInside(final Element candidate) {
        for (Element block = candidate; block != null && block != body; block = block.parent()) {
            if (RecirculationBlocks.isRecirculation(block, stats)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAncestor(final Element ancestor, final Element element) {
        for (Element parent = element.parent(); parent != null; parent = parent.parent()) {
            if (parent == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The top candidate and those siblings that read like more of the same article. */
    private List<Element> withSiblings(final Element top) {
        final Element parent = top.parent();
        if (parent == null || top == body) {
            return List.of(top);
        }
        final ElementStats topStats = stats.of(top);
        final double topScore = topStats == null ? 0 : topStats.score;
        final double threshold = Math.max(MIN_SIBLING_SCORE, topScore * SIBLING_SCORE_SHARE);
        final List<Element> roots = new ArrayList<>();
        for (Element sibling : parent.children()) {
            if (sibling == top) {
                roots.add(sibling);
                continue;
            }
            if (stats.isSkipped(sibling)) {
                continue;
            }
            if (hints.unlikely(sibling) || RecirculationBlocks.isRecirculation(sibling, stats)) {
                continue;
            }
            final ElementStats siblingStats = stats.of(sibling);
            if (siblingStats == null
                    || siblingStats.textChars == 0
                    || siblingStats.textChars <= MAX_FOOTER_CHARS && isFooterOrShortLabel(sibling)) {
                continue;
            }
            double bonus = 0;
            if (!top.className().isEmpty() && top.className().equals(sibling.className())) {
                bonus = topScore * SAME_CLASS_BONUS_SHARE;
            }
            if (siblingStats.candidate && siblingStats.score + bonus >= threshold) {
                roots.add(sibling);
            } else if (bonus > 0
                    && siblingStats.paragraphs > 0
                    && siblingStats.textChars >= SAME_CLASS_MIN_CHARS
                    && siblingStats.linkDensity() < SAME_CLASS_MAX_LINK_DENSITY) {
                // A section of the same kind as the article's, its paragraphs nested too deep to score it.
                roots.add(sibling);
            } else if ("p".equals(sibling.normalName())
                    || siblingStats.ownTextChars >= ElementStats.MIN_PARAGRAPH_CHARS) {
                final double linkDensity = siblingStats.linkDensity();
                if (siblingStats.textChars > SHORT_SIBLING_CHARS && linkDensity < SIBLING_MAX_LINK_DENSITY) {
                    roots.add(sibling);
                } else if (siblingStats.textChars <= SHORT_SIBLING_CHARS
                        && linkDensity == 0
                        && SENTENCE_END.matcher(sibling.text()).matches()) {
                    roots.add(sibling);
                }
            }
        }
        return roots;
    }
}
