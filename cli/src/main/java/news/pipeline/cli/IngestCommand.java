package news.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.RawArticleProducer;
import news.pipeline.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Puts articles on the raw topic. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Ingests articles into " + Topics.RAW_NAME + ", keyed by their stable id.",
            "PATH is a .html/.htm/.txt/.json/.jsonl file or a folder of them; - reads stdin.",
            "JSON objects take id, url, title, published_at, source, language, and html or text.",
            "Every input is read first: if one cannot be read or is not valid, nothing is ingested.",
            "Prints one line per article: id, partition@offset, origin."
        })
final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SchemaRegistryOption registry;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, folders, or - for stdin.")
    List<String> paths;

    @Override
    public Integer call() throws IOException, InterruptedException {
        registry.applyTo(connection);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        // All of the input first: a bad file stops the ingest before anything is sent, so that it can be fixed and run
        // again whole.
        final List<ArticleFiles.Article> articles = new ArrayList<>();
        for (final String path : paths) {
            if (path.equals("-")) {
                articles.addAll(ArticleFiles.readStdin(System.in));
                continue;
            }
            final Path given = Path.of(path);
            if (!Files.exists(given)) {
                throw new UserError("no such file or folder: " + path);
            }
            for (final Path file : ArticleFiles.expand(given)) {
                try {
                    articles.addAll(ArticleFiles.read(file));
                } catch (IOException e) {
                    throw new UserError("cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        final PipelineSettings settings = connection.connect(Topics.RAW.name());
        int failed = 0;
        try (RawArticleProducer producer = new RawArticleProducer(settings)) {
            for (final RawArticleProducer.Sent sent : producer.send(articles)) {
                if (sent.error() != null) {
                    failed++;
                    err.println("not ingested: " + sent.article().origin() + ": "
                            + sent.error().getMessage());
                } else {
                    out.println(sent.article().id() + "\t" + sent.metadata().partition() + "@"
                            + sent.metadata().offset() + "\t" + sent.article().origin());
                }
            }
        }
        out.flush();
        err.printf("ingested %d article(s) into %s; %d failed%n", articles.size() - failed, Topics.RAW.name(), failed);
        return failed == 0 ? 0 : 1;
    }
}
