package news.pipeline.tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the tagger reached its result for one article, recorded by the tagger itself while it
 * decides: each country's evidence and what every factor added to its salience, why it is in the
 * focus or not, and the candidates the context rules rejected. Pass one to {@link
 * CountryTagger#tag(String, String, TaggingExplanation)}; without one (the pipeline) nothing is
 * recorded and nothing is allocated for it. One explanation per article; not thread-safe.
 */
public final class TaggingExplanation {
    /** What a mention did for its country. */
    public enum Role {
        TITLE("title"),
        TITLE_INCIDENTAL("title, incidental (currency, event, ticker, firm): no salience"),
        DATELINE("dateline"),
        LEAD("lead paragraph"),
        LEAD_NATIONALITY("lead paragraph, as a nationality"),
        BODY("body"),
        INCIDENTAL("incidental (currency, event, ticker, firm): counted, no salience");

        private final String description;

        Role(final String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** A term of a country's salience. */
    public enum Factor {
        TITLE("title"),
        DATELINE("dateline"),
        LEAD("lead"),
        FREQUENCY("frequency"),
        SUBJECT("subject position"),
        FIRST_POSITION("first position"),
        ROUND_UP("round-up of countries' figures"),
        ONLY_TOWNS("only towns"),
        CAPPED("capped at 1"),
        ROUNDED("rounded");

        private final String description;

        Factor(final String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** One mention of a country and what it did; {@code subject} when it opens a sentence. */
    public record Evidence(MentionSpan span, Role role, boolean subject) {}

    /** What one factor added to a country's salience (negative for a discount), and on what grounds. */
    public record Contribution(Factor factor, double amount, String detail) {}

    /**
     * One country as tagged.
     *
     * @param contributions they add up to {@code salience}
     * @param focusRule     why the country is in the focus or not
     */
    public record Country(
            String code,
            String name,
            double salience,
            boolean focus,
            String focusRule,
            List<Contribution> contributions,
            List<Evidence> evidence) {}

    /**
     * A candidate the tagger did not count.
     *
     * @param code   the country it would have named
     * @param detail the longer name that covers it, for {@link RejectionReason#INSIDE_LONGER_NAME}; else empty
     */
    public record Rejected(MentionSpan span, String code, RejectionReason reason, String detail) {}

    private final Map<String, List<Evidence>> evidence = new LinkedHashMap<>();
    private final Map<String, List<Contribution>> contributions = new LinkedHashMap<>();
    private final Map<String, String> focusRules = new LinkedHashMap<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private List<Country> countries = List.of();

    /** The countries, most salient first, as the tagger returned them. */
    public List<Country> countries() {
        return countries;
    }

    /** The rejected candidates, title first, then by offset. */
    public List<Rejected> rejected() {
        return rejected;
    }

    void evidence(final String code, final MentionSpan span, final Role role, final boolean subject) {
        evidence.computeIfAbsent(code, c -> new ArrayList<>()).add(new Evidence(span, role, subject));
    }

    void contribution(final String code, final Factor factor, final double amount, final String detail) {
        contributions.computeIfAbsent(code, c -> new ArrayList<>()).add(new Contribution(factor, amount, detail));
    }

    void focusRule(final String code, final String rule) {
        focusRules.put(code, rule);
    }

    void rejected(final MentionSpan span, final String code, final RejectionReason reason, final String detail) {
        rejected.add(new Rejected(span, code, reason, detail));
    }

    /** Closes the record with the tagger's result: the countries in its order, with their final salience. */
    void result(final TaggedArticle tagged) {
        final List<Country> result = new ArrayList<>(tagged.countries().size());
        for (final CountryTagging country : tagged.countries()) {
            result.add(new Country(
                    country.code(),
                    country.name(),
                    country.salience(),
                    tagged.focus().contains(country.code()),
                    focusRules.getOrDefault(country.code(), ""),
                    List.copyOf(contributions.getOrDefault(country.code(), List.of())),
                    List.copyOf(evidence.getOrDefault(country.code(), List.of()))));
        }
        countries = List.copyOf(result);
        rejected.sort((a, b) -> a.span().inTitle() != b.span().inTitle()
                ? (a.span().inTitle() ? -1 : 1)
                : Integer.compare(a.span().start(), b.span().start()));
    }
}
