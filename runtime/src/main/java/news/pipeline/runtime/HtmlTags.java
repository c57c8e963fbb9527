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
        final Matcher matcher = tag.matcher(html);
        for (int at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
            if (html.regionMatches(true, at + 1, name, 0, name.length())) {
                matcher.region(at, html.length());
                if (matcher.lookingAt()) {
                    return Optional.of(matcher.toMatchResult());
                }
            }
        }
        return Optional.empty();
    }
}
