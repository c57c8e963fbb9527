package news.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "PATH is a .html/.htm/.txt/.json/.jsonl file, gzipped or not (.html.gz, .jsonl.gz...), or a folder of"
                    + " them; - reads stdin.",
            "JSON objects take id, url, title, published_at, source, language, and html or text.",
            "Prints one line per article: id, partition@offset, origin. A file, line or array element that is not"
                    + " an article is one line on stderr (file:line: why); the rest is ingested, and the exit code is 1.",
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

    private RawArticleProducer producer;
    private int ingested;
    private int failed;

    @Override
    public Integer call() throws IOException, InterruptedException {
        registry.applyTo(connection);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        // A path that does not exist is a mistake in the command line: say so before anything is sent.
        for (final String path : paths) {
            if (!path.equals("-") && !Files.exists(Path.of(path))) {
                throw new UserError("no such file or folder: " + path);
            }
        }
        try {
            // One file at a time, each sent before the next is read: a bad line costs only itself.
            for (final String path : paths) {
                if (path.equals("-")) {
                    ingest(ArticleFiles.readStdin(System.in), out, err);
                    continue;
                }
                for (final Path file : files(path, err)) {
                    ingest(ArticleFiles.read(file), out, err);
                }
            }
        } finally {
            if (producer != null) {
                producer.close();
            }
        }
        out.flush();
        err.printf("ingested %d article(s) into %s; %d failed%n", ingested, Topics.RAW.name(), failed);
        return failed == 0 ? 0 : 1;
    }

    private void ingest(final ArticleFiles.Batch batch, final PrintWriter out, final PrintWriter err)
            throws InterruptedException {
        for (final ArticleFiles.Problem problem : batch.problems()) {
            failed++;
            err.println("not ingested: " + problem);
        }
        if (batch.articles().isEmpty()) {
            return;
        }
        for (final RawArticleProducer.Sent sent : producer().send(batch.articles())) {
            if (sent.error() != null) {
                failed++;
                err.println("not ingested: " + sent.article().origin() + ": "
                        + sent.error().getMessage());
            } else {
                ingested++;
                out.println(sent.article().id() + "\t" + sent.metadata().partition() + "@"
                        + sent.metadata().offset() + "\t" + sent.article().origin());
            }
        }
        out.flush();
    }

    /** The article files of a path; a folder that cannot be listed is told, and the rest goes on. */
    private List<Path> files(final String path, final PrintWriter err) {
        try {
            return ArticleFiles.expand(Path.of(path));
        } catch (IOException | UncheckedIOException e) {
            failed++;
            err.println("not ingested: " + path + ": cannot be listed: " + e.getMessage());
            return List.of();
        }
    }

    /** Connects on the first article to send: input with none needs no cluster to be told what is wrong. */
    private RawArticleProducer producer() {
        if (producer == null) {
            final PipelineSettings settings = connection.connect(Topics.RAW.name());
            producer = new RawArticleProducer(settings);
        }
        return producer;
    }
}
