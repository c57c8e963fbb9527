package news.pipeline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import news.pipeline.tag.MentionSpan;
import news.pipeline.tag.TaggingExplanation;

/** A tagging explanation as JSON, with field names like the enriched record's (snake case, TITLE/TEXT fields). */
final class ExplanationJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ExplanationJson() {}

    static ObjectNode toJson(final TaggingExplanation explanation) {
        final ObjectNode node = NODES.objectNode();
        final ArrayNode countries = node.putArray("countries");
        for (final TaggingExplanation.Country country : explanation.countries()) {
            final ObjectNode each = countries.addObject();
            each.put("code", country.code());
            each.put("name", country.name());
            each.put("salience", country.salience());
            each.put("focus", country.focus());
            each.put("focus_rule", country.focusRule());
            final ArrayNode terms = each.putArray("contributions");
            for (final TaggingExplanation.Contribution term : country.contributions()) {
                terms.addObject()
                        .put("factor", term.factor().name())
                        .put("amount", term.amount())
                        .put("detail", term.detail());
            }
            final ArrayNode evidence = each.putArray("evidence");
            for (final TaggingExplanation.Evidence mention : country.evidence()) {
                span(evidence.addObject(), mention.span())
                        .put("role", mention.role().name())
                        .put("subject", mention.subject());
            }
        }
        final ArrayNode rejected = node.putArray("rejected");
        for (final TaggingExplanation.Rejected candidate : explanation.rejected()) {
            span(rejected.addObject(), candidate.span())
                    .put("code", candidate.code())
                    .put("reason", candidate.reason().name())
                    .put("why", candidate.reason().description())
                    .put("detail", candidate.detail());
        }
        return node;
    }

    private static ObjectNode span(final ObjectNode node, final MentionSpan span) {
        return node.put("field", span.inTitle() ? "TITLE" : "TEXT")
                .put("start", span.start())
                .put("end", span.end())
                .put("surface", span.surface())
                .put("kind", span.kind());
    }
}
