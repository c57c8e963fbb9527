package news.pipeline.runtime;

import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a tag in the head of an HTML page without a full parse, for the readers that only need a
 * canonical link or a declared language before the cleaner ever sees the page. A case-insensitive
 * pattern's {@code find()} compares every position of the text with the tag's name, which made it
 * a quarter of a WARC import's CPU; this jumps from one {@code <} to the next (an intrinsic
 * {@code indexOf}) and tries the pattern only where the tag's name follows. The result is the one
 * {@code find()} would give.
 */
public final class HtmlTags {
    private HtmlTags() {}

    /**
     * The first match of {@code tag} in {@code html} that starts at a {@code <name}.
     *
     * @param name the tag's name, lower case
     * @param tag  a pattern whose every match starts with {@code <} and the tag's name
     */
    public static Optional<MatchResult> first(final String html, final String name, final Pattern tag) {
        return first(html, name, "", tag);
    }

    /**
     * The first match of {@code tag} in {@code html} that starts at a {@code <name}, trying the
     * pattern only on tags whose text, up to the first {@code >}, holds {@code clue} in any case.
     * Most tags of a name are not the one looked for (a page has many {@code <link>}s and one
     * canonical one), and a pattern with {@code [^>]*} backtracks through each of them; looking for
     * the clue first is cheaper, and gives the same result for a pattern every match of which holds
     * the clue and no {@code >} before its end.
     *
     * @param clue lower case; empty to try every tag of the name
     */
    public static Optional<MatchResult> first(
            final String html, final String name, final String clue, final Pattern tag) {
        final Matcher matcher = tag.matcher(html);
        for (int at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
            if (html.regionMatches(true, at + 1, name, 0, name.length()) && holds(html, at, clue)) {
                matcher.region(at, html.length());
                if (matcher.lookingAt()) {
                    return Optional.of(matcher.toMatchResult());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the tag starting at {@code at} holds the clue, in any case, before its first {@code >}. */
    private static boolean holds(final String html, final int at, final String clue) {
        if (clue.isEmpty()) {
            return true;
        }
        final int close = html.indexOf('>', at);
        final int end = close < 0 ? html.length() : close;
        final char lower = clue.charAt(0);
        final char upper = Character.toUpperCase(lower);
        for (int i = at; i + clue.length() <= end; i++) {
            final char c = html.charAt(i);
            if ((c == lower || c == upper) && html.regionMatches(true, i, clue, 0, clue.length())) {
                return true;
            }
        }
        return false;
    }
}
