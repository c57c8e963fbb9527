package news.pipeline.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import news.pipeline.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.RawArticleProducer;

/** Puts articles on the raw topic. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingests articles into " + "news.articles.raw" + ", keyed by their stable id.",
                "PATH is a .html/.htm/.txt/.json/.jsonl file or a folder of them; - reads stdin.",
                "JSON objects take id, url, title, published_at, source, language, and html or text.",
                "Prints one line per article: id, partition@offset, origin."})
final class IngestCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, folders, or - for stdin.")
    List<String> paths;

    @Override
    public Integer call() throws Exception {
        final List<ArticleFiles.Article> articles = new ArrayList<>();
        int unreadable = 0;
        for (final String path : paths) {
            if (path.equals("-")) {
                articles.addAll(ArticleFiles.readStdin(System.in));
                continue;
            }
            for (final Path file : ArticleFiles.expand(Path.of(path))) {
                try {
                    articles.addAll(ArticleFiles.read(file));
                } catch (Exception e) {
                    unreadable++;
                    System.err.println("cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        int failed = 0;
        try (RawArticleProducer producer = new RawArticleProducer(connection.settings())) {
            for (final RawArticleProducer.Sent sent : producer.send(articles)) {
                if (sent.error() != null) {
                    failed++;
                    System.err.println("not ingested: " + sent.article().origin() + ": " + sent.error().getMessage());
                } else {
                    System.out.println(sent.article().id() + "\t" + sent.metadata().partition() + "@"
                            + sent.metadata().offset() + "\t" + sent.article().origin());
                }
            }
        }
        System.err.printf("ingested %d article(s) into %s; %d failed, %d file(s) unreadable%n",
                articles.size() - failed, Topics.RAW.name(), failed, unreadable);
        return failed + unreadable == 0 ? 0 : 1;
    }
}
