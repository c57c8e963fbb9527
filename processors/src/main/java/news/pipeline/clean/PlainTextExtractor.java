package news.pipeline.clean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plain text into a title and paragraphs. Paragraphs are separated by blank lines; a line break
 * inside a paragraph is a space unless the lines read as separate short items (a list, an address).
 * The site's header and footer lines are removed by shape: interface phrases anywhere, and short
 * lines that are not sentences at the start and the end.
 */
final class PlainTextExtractor {
    /** A title is one line of at most this many words. */
    private static final int MAX_TITLE_WORDS = 30;
    /** A title is at most this long; a longer first line is the lead paragraph. */
    private static final int MAX_TITLE_CHARS = 250;
    /** Lines shorter than this, none of them ending a sentence, are separate items, not wrapped prose. */
    private static final int ITEM_LINE_CHARS = 60;
    /** A leading label (section name, dateline label) is at most this many words. */
    private static final int MAX_LEADING_LABEL_WORDS = 4;
    /** A numbered item starts with at most this many digits ("12."); more is a year or an amount. */
    private static final int MAX_ITEM_NUMBER_DIGITS = 3;
    /** Only words of this many letters or more tell title case: short words ("a", "of", "the") stay lower. */
    private static final int TITLE_CASE_WORD_CHARS = 4;
    /** A title-case line has at least this many such words; one capitalised word may just be a name. */
    private static final int MIN_TITLE_CASE_WORDS = 2;
    /** Share of those words capitalised for title case; a little slack for a lower-case word or two. */
    private static final double TITLE_CASE_SHARE = 0.8;

    private PlainTextExtractor() {}

    record Extracted(String title, List<String> paragraphs) {}

    static Extracted extract(final String text, final String titleHint) {
        final List<String> blocks = splitBlocks(text);
        blocks.removeIf(block -> BoilerplateLines.isInterfacePhrase(block)
                || BoilerplateLines.isInterfaceSentence(block)
                || BoilerplateLines.isByline(block)
                || BoilerplateLines.isDateline(block)
                || BoilerplateLines.isAgencyCredit(block));

        // A copied page often starts with its navigation: "Home | World | Politics".
        while (!blocks.isEmpty() && BoilerplateLines.isNavigation(blocks.get(0))) {
            blocks.remove(0);
        }
        String title = null;
        final String hint = titleHint == null ? null : TextNormalizer.clean(titleHint);
        final boolean hinted = hint != null && !hint.isEmpty();
        if (!blocks.isEmpty() && hinted && repeatsTitle(blocks.get(0), hint)) {
            blocks.remove(0);
            title = hint;
        } else if (!hinted && blocks.size() >= 2 && looksLikeTitle(blocks.get(0)) && hasProse(blocks)) {
            // Guessed only when nothing gave a title: with one given (a feed's, a JSON article's), the
            // text is the body, and its first line is often a hard-wrapped dateline or lead.
            title = blocks.remove(0);
        }
        if (title == null) {
            title = hint == null ? "" : hint;
        }

        // Leading labels before the first real paragraph (a section name, a dateline label).
        while (blocks.size() >= 2
                && BoilerplateLines.isShortLabel(blocks.get(0))
                && BoilerplateLines.wordCount(blocks.get(0)) <= MAX_LEADING_LABEL_WORDS
                && !BoilerplateLines.isShortLabel(blocks.get(1))) {
            blocks.remove(0);
        }
        // Trailing labels: signatures, "Popular stories", category links.
        while (blocks.size() >= 2
                && BoilerplateLines.isShortLabel(blocks.get(blocks.size() - 1))
                && !isListItem(blocks.get(blocks.size() - 1))) {
            blocks.remove(blocks.size() - 1);
        }
        final String titleKey = TextNormalizer.dedupeKey(title);
        final Set<String> seen = new HashSet<>();
        final List<String> paragraphs = new ArrayList<>(blocks.size());
        for (String block : blocks) {
            final String key = TextNormalizer.dedupeKey(block);
            if (!key.isEmpty()
                    && !key.equals(titleKey)
                    && (!BoilerplateLines.isCopyWhenRepeated(block) || seen.add(key))) {
                paragraphs.add(block);
            }
        }
        return new Extracted(title, paragraphs);
    }

    /** Blocks separated by blank lines, each normalised; a block of short item lines becomes one block per line. */
    static List<String> splitBlocks(final String text) {
        final List<String> blocks = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
        int start = 0;
        final int n = text.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                final String line = TextNormalizer.clean(text.substring(start, i));
                if (i < n && text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
                if (line.isEmpty()) {
                    flush(lines, blocks);
                } else {
                    lines.add(line);
                }
            }
        }
        flush(lines, blocks);
        return blocks;
    }

    private static void flush(final List<String> lines, final List<String> blocks) {
        if (lines.isEmpty()) {
            return;
        }
        if (lines.size() > 1 && areSeparateItems(lines)) {
            blocks.addAll(lines);
        } else {
            blocks.add(String.join(" ", lines));
        }
        lines.clear();
    }

    /** Lines are items when each is short, or each starts with a list marker. */
    private static boolean areSeparateItems(final List<String> lines) {
        boolean allMarked = true;
        boolean allShort = true;
        for (String line : lines) {
            allMarked &= isListItem(line);
            allShort &= line.length() < ITEM_LINE_CHARS && !line.endsWith(",");
        }
        return allMarked || allShort;
    }

    private static boolean isListItem(final String line) {
        if (line.isEmpty()) {
            return false;
        }
        final char c = line.charAt(0);
        if (c == '-' || c == '*' || c == '•' || c == '·' || c == '–' || c == '—') {
            return true;
        }
        int i = 0;
        while (i < line.length() && i < MAX_ITEM_NUMBER_DIGITS && Character.isDigit(line.charAt(i))) {
            i++;
        }
        return i > 0 && i < line.length() && (line.charAt(i) == '.' || line.charAt(i) == ')');
    }

    /**
     * Whether the text's first block is the given title again, whole or with a site's name around it
     * ("Budget passes after long night | Valley Times").
     */
    private static boolean repeatsTitle(final String first, final String hint) {
        final String firstKey = TextNormalizer.dedupeKey(first);
        final String hintKey = TextNormalizer.dedupeKey(hint);
        if (firstKey.isEmpty() || hintKey.isEmpty() || BoilerplateLines.wordCount(first) > MAX_TITLE_WORDS) {
            return false;
        }
        final boolean firstShorter = firstKey.length() <= hintKey.length();
        final String shorter = firstShorter ? firstKey : hintKey;
        final String longer = firstShorter ? hintKey : firstKey;
        // Most of the longer one: a section label ("World") inside the title is no repeat of it.
        return longer.contains(shorter) && shorter.length() * 2 >= longer.length();
    }

    /**
     * A first block is the headline when it is one short line followed by prose, and either does
     * not end like a sentence or is written in title case (most longer words capitalised).
     */
    static boolean looksLikeTitle(final String first) {
        final int words = BoilerplateLines.wordCount(first);
        if (words == 0 || words > MAX_TITLE_WORDS || first.length() > MAX_TITLE_CHARS) {
            return false;
        }
        return !BoilerplateLines.endsLikeSentence(first) || isTitleCase(first);
    }

    /** Some block after the first reads as prose rather than a label. */
    private static boolean hasProse(final List<String> blocks) {
        for (int i = 1; i < blocks.size(); i++) {
            if (!BoilerplateLines.isShortLabel(blocks.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTitleCase(final String line) {
        int longWords = 0;
        int capitalised = 0;
        for (String word : line.split("[\\s\\-–—/]+")) {
            int i = 0;
            while (i < word.length() && !Character.isLetter(word.charAt(i))) {
                i++;
            }
            if (word.length() - i >= TITLE_CASE_WORD_CHARS) {
                longWords++;
                if (Character.isUpperCase(word.charAt(i))) {
                    capitalised++;
                }
            }
        }
        return longWords >= MIN_TITLE_CASE_WORDS && capitalised >= longWords * TITLE_CASE_SHARE;
    }
}
