package news.pipeline.tag;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enumerations of countries in a text: names joined only by commas, slashes, "and" or "or", each
 * maybe after "the" ("Chile, Peru and Ecuador", "France, West Germany, the U.K. and Spain",
 * "Kuwait/Qatar/UAE"). A country in such a list of three or more is
 * one of a set the story treats together (members at a meeting, destinations of a trade), not a
 * passing mention.
 */
final class Enumerations {
    /** A list of at least this many distinct countries is an enumeration; two may be a pair of counterparts. */
    static final int MIN_COUNTRIES = 3;

    /** What may lie between two names of the same list: a comma, a slash, "and" or "or", with spaces or line breaks, then maybe "the". */
    private static final Pattern SEPARATOR =
            Pattern.compile("(?:\\s*[,/]\\s*|\\s*,?\\s+(?:and|or)\\s+|\\s*,\\s*and\\s+)(?:the\\s+)?");

    /** Longest separator read: a comma, "and", "the" and a line break with its indent; longer gaps are prose. */
    private static final int MAX_SEPARATOR_CHARS = 24;

    /** Text order; built once, not for every article. */
    private static final Comparator<EntryMatch> BY_START = Comparator.comparingInt((EntryMatch m) -> m.start);

    private Enumerations() {}

    /**
     * Counts in each country's evidence in how many enumerations of {@link #MIN_COUNTRIES} or more
     * distinct countries the text names it.
     *
     * @param matches the matches of the title and the text; only the text's live country matches count
     * @param found   the evidence of every live country match, which the count is added to
     */
    static void count(final List<EntryMatch> matches, final String text, final List<CountryEvidence> found) {
        final List<EntryMatch> inText = new ArrayList<>(matches.size());
        for (EntryMatch match : matches) {
            if (!match.inTitle && match.isLiveCountry() && !place(match.entry.kind())) {
                inText.add(match);
            }
        }
        if (inText.size() < MIN_COUNTRIES) {
            return;
        }
        inText.sort(BY_START);
        final BitSet members = new BitSet();
        final Matcher separator = SEPARATOR.matcher(text);
        int previousEnd = -1;
        for (EntryMatch match : inText) {
            final boolean joined = previousEnd >= 0
                    && match.start >= previousEnd
                    && match.start - previousEnd <= MAX_SEPARATOR_CHARS
                    && separator.region(previousEnd, match.start).matches();
            if (!joined) {
                close(members, found);
            }
            members.set(match.entry.target());
            previousEnd = match.end;
        }
        close(members, found);
    }

    /**
     * Towns and capitals listed together ("Tokyo, London and New York") are markets or stops on a
     * route, not a set of countries; nationalities listed together ("Russian, U.S. and French
     * diplomats") describe people, whose countries the story need not be about.
     */
    private static boolean place(final MentionKind kind) {
        return kind == MentionKind.CITY
                || kind == MentionKind.CAPITAL
                || kind == MentionKind.SEAT
                || kind == MentionKind.DEMONYM;
    }

    private static void close(final BitSet members, final List<CountryEvidence> found) {
        if (members.cardinality() >= MIN_COUNTRIES) {
            for (int c = members.nextSetBit(0); c >= 0; c = members.nextSetBit(c + 1)) {
                CountryEvidence.of(found, c).enumerations++;
            }
        }
        members.clear();
    }
}
