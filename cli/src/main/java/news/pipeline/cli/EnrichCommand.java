package news.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import news.pipeline.cleaner.CleanStep;
import news.pipeline.deadletter.ProcessorDeadLetters;
import news.pipeline.deadletter.RejectedRecordException;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.AvroJson;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.tag.TaggingExplanation;
import news.pipeline.tagger.EnrichStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs the cleaner's and the tagger's steps, as the processors run them, on articles read as
 * {@code ingest} reads them, with no Kafka.
 */
@Command(
        name = "enrich",
        mixinStandardHelpOptions = true,
        description = {
            "Cleans and tags articles with no Kafka, as the cleaner and the tagger do, and prints each enriched"
                    + " record as one JSON line, as tail enriched prints the values.",
            "FILE is what ingest reads: a .html/.htm/.txt/.json/.jsonl file, gzipped or not, or a folder of them;"
                    + " - reads stdin.",
            "An article the pipeline would dead-letter is one line on stderr with the same reason"
                    + " (dead letter: origin: REASON (processor): why); the exit code is then 1.",
        })
final class EnrichCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A file, a folder, or - for stdin.")
    String path;

    @Option(
            names = "--explain",
            description = "Also show how each country's salience and focus were reached, and the candidates"
                    + " rejected and why.")
    boolean explain;

    @Option(
            names = "--json",
            description = "With --explain, print one JSON object per article: {\"record\": ..., \"explanation\": ...}.")
    boolean json;

    /** The settings run would use, so that enrich judges an article's size as that deployment does. */
    @Mixin
    SettingsOptions files = new SettingsOptions();

    @Override
    public Integer call() throws IOException {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<ArticleFiles.Batch> batches = read();
        // the settings run would use, layered the same way: the content cap and output limits
        final PipelineSteps steps =
                PipelineSteps.fromSettings(files.resolve(Map.of()).asMap(), PipelineMetrics.inMemory());
        int failed = 0;
        boolean first = true;
        for (final ArticleFiles.Batch batch : batches) {
            for (final ArticleFiles.Problem problem : batch.problems()) {
                failed++;
                err.println("not enriched: " + problem);
            }
            for (final ArticleFiles.Article article : batch.articles()) {
                final TaggingExplanation explanation = explain ? new TaggingExplanation() : null;
                final EnrichStep tagging = explanation == null ? steps.enrich() : steps.explainingEnrich(explanation);
                // the cleaner's step, then the tagger's, as the processors run them for this record's key
                String stage = CleanStep.PROCESSOR;
                final EnrichedArticle enriched;
                try {
                    final CleanArticle clean = steps.clean().apply(article.id(), article.raw());
                    stage = EnrichStep.PROCESSOR;
                    enriched = tagging.apply(article.id(), clean);
                } catch (RejectedRecordException e) {
                    failed++;
                    printDeadLetter(err, article, e.reason(), stage, e.getMessage());
                    continue;
                } catch (RuntimeException e) {
                    // What the processors dead-letter as a bug, with the same message.
                    failed++;
                    printDeadLetter(
                            err, article, DeadLetterReason.PROCESSING_ERROR, stage, ProcessorDeadLetters.messageOf(e));
                    continue;
                }
                if (explanation != null && !json) {
                    if (!first) {
                        out.println();
                    }
                    ExplanationText.print(enriched, explanation, out);
                } else if (explanation != null) {
                    final ObjectNode node = AvroJson.MAPPER.createObjectNode();
                    node.set("record", AvroJson.toJson(enriched));
                    node.set("explanation", ExplanationJson.toJson(explanation));
                    out.println(write(node));
                } else {
                    out.println(write(AvroJson.toJson(enriched)));
                }
                first = false;
                out.flush();
            }
        }
        err.flush();
        return failed == 0 ? 0 : UserError.FAILURE;
    }

    /** One line per rejected article, with the reason and message the processors' dead letter would carry. */
    private static void printDeadLetter(
            final PrintWriter err,
            final ArticleFiles.Article article,
            final DeadLetterReason reason,
            final String stage,
            final String message) {
        err.println("dead letter: " + article.origin() + ": " + reason + " (" + stage + "): " + message);
    }

    private List<ArticleFiles.Batch> read() throws IOException {
        if (path.equals("-")) {
            return List.of(ArticleFiles.readStdin(System.in));
        }
        final Path file = Path.of(path);
        if (!Files.exists(file)) {
            throw new UserError("no such file or folder: " + path);
        }
        final List<ArticleFiles.Batch> batches = new ArrayList<>();
        try {
            for (final Path each : ArticleFiles.expand(file)) {
                batches.add(ArticleFiles.read(each));
            }
        } catch (UncheckedIOException e) {
            throw new UserError(UserError.FAILURE, path + ": cannot be listed: " + e.getMessage());
        }
        if (batches.isEmpty()) {
            throw new UserError("no article files in " + path + " (.html, .htm, .txt, .json, .jsonl, gzipped or not)");
        }
        return batches;
    }

    private static String write(final ObjectNode node) {
        try {
            return AvroJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
