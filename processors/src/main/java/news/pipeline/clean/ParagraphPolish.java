package news.pipeline.clean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Paragraph-level clean-up after extraction: interface phrases, the headline, repeats, and the
 * labels around the text (kicker, byline, dateline before it; signature and tags after it),
 * which are short and never end like a sentence.
 */
final class ParagraphPolish {
    /** A run of up to three labels is furniture; a longer run of short lines is a list that belongs to the text. */
    private static final int MAX_LABEL_RUN = 3;
    /** A label is shorter than this; a longer line is a paragraph even without a full stop. */
    private static final int MAX_LABEL_CHARS = 120;
    /** A kicker or section name is at most this many words. */
    private static final int MAX_LABEL_WORDS = 6;
    /** A dateline label with its date and time ("Updated 3 March 2024, 10:15 GMT") is at most this many words. */
    private static final int MAX_DATED_LABEL_WORDS = 15;

    private ParagraphPolish() {}

    static List<String> polish(final List<String> paragraphs, final String title) {
        final String titleKey = title == null ? "" : TextNormalizer.dedupeKey(title);
        final Set<String> seen = new HashSet<>();
        final List<String> out = new ArrayList<>(paragraphs.size());
        for (String paragraph : paragraphs) {
            if (BoilerplateLines.isInterfacePhrase(paragraph)
                    || BoilerplateLines.isInterfaceSentence(paragraph)
                    || BoilerplateLines.isByline(paragraph)
                    || BoilerplateLines.isDateline(paragraph)
                    || BoilerplateLines.isNavigation(paragraph)
                    || BoilerplateLines.isShortcode(paragraph)
                    || BoilerplateLines.isAgencyCredit(paragraph)) {
                continue;
            }
            final String key = TextNormalizer.dedupeKey(paragraph);
            if (key.isEmpty()
                    || key.equals(titleKey)
                    || (BoilerplateLines.isCopyWhenRepeated(paragraph) && !seen.add(key))) {
                continue;
            }
            out.add(paragraph);
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

    /** A kicker, a section name, or a dateline: a few words, or a date, and never a sentence. */
    private static boolean isLeadingLabel(final String paragraph) {
        if (paragraph.length() >= MAX_LABEL_CHARS || BoilerplateLines.endsLikeSentence(paragraph)) {
            return false;
        }
        final int words = BoilerplateLines.wordCount(paragraph);
        return words <= MAX_LABEL_WORDS || words <= MAX_DATED_LABEL_WORDS && BoilerplateLines.hasDateOrTime(paragraph);
    }
}
