package news.pipeline.cli;

import java.io.PrintWriter;
import java.util.Locale;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.tag.MentionSpan;
import news.pipeline.tag.TaggingExplanation;

/** Prints a tagging explanation for people: per country its salience terms and evidence, then the rejected candidates. */
final class ExplanationText {
    /** Terms smaller than this print as 0.000 and say nothing; rounding to three decimals is one of them. */
    private static final double SHOWN = 0.0005;

    private ExplanationText() {}

    static void print(final EnrichedArticle enriched, final TaggingExplanation explanation, final PrintWriter out) {
        out.printf("%s  %s%n", enriched.getId(), enriched.getTitle() == null ? "(no title)" : enriched.getTitle());
        out.printf(
                "focus: %s   language: %s   tagger %s, gazetteer %s%n",
                enriched.getFocus().isEmpty() ? "(none)" : String.join(", ", enriched.getFocus()),
                enriched.getLanguage() == null
                        ? "(unknown)"
                        : enriched.getLanguage()
                                + (enriched.getLanguageSource() == null
                                        ? ""
                                        : " ("
                                                + enriched.getLanguageSource()
                                                        .name()
                                                        .toLowerCase(Locale.ROOT) + ")"),
                enriched.getTaggerVersion(),
                enriched.getGazetteerVersion());
        for (final TaggingExplanation.Country country : explanation.countries()) {
            out.printf(
                    "%n%s %s  salience %.3f  %s%n",
                    country.code(), country.name(), country.salience(), country.focusRule());
            for (final TaggingExplanation.Contribution term : country.contributions()) {
                if (Math.abs(term.amount()) >= SHOWN || term.factor() == TaggingExplanation.Factor.LEAD) {
                    line(out, "  %+.3f  %-16s %s", term.amount(), term.factor().description(), term.detail());
                }
            }
            out.println("  evidence:");
            for (final TaggingExplanation.Evidence evidence : country.evidence()) {
                line(
                        out,
                        "    %-22s %-12s %s%s",
                        quoted(evidence.span()),
                        evidence.span().kind(),
                        where(evidence.span()) + " ",
                        evidence.role().description() + (evidence.subject() ? ", opens a sentence" : ""));
            }
        }
        if (!explanation.rejected().isEmpty()) {
            out.printf("%nrejected:%n");
            for (final TaggingExplanation.Rejected rejected : explanation.rejected()) {
                line(
                        out,
                        "  %-22s %-3s %s %s%s",
                        quoted(rejected.span()),
                        rejected.code(),
                        where(rejected.span()),
                        rejected.reason().description(),
                        rejected.detail().isEmpty() ? "" : ": " + rejected.detail());
            }
        }
    }

    /** One line, without the padding a last empty column leaves. */
    private static void line(final PrintWriter out, final String format, final Object... args) {
        out.println(String.format(Locale.ROOT, format, args).stripTrailing());
    }

    private static String quoted(final MentionSpan span) {
        return "\"" + span.surface() + "\"";
    }

    /** The field and the character offsets, as the record's evidence gives them. */
    private static String where(final MentionSpan span) {
        return String.format(Locale.ROOT, "%-5s %5d-%-5d", span.inTitle() ? "title" : "text", span.start(), span.end());
    }
}
