package news.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import news.pipeline.bench.Progress;
import news.pipeline.ops.TimeArguments;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.sources.CrawlFencedException;
import news.pipeline.sources.CrawlLedger;
import news.pipeline.sources.WarcArticleReader;
import news.pipeline.sources.WarcFilters;
import news.pipeline.sources.WarcImporter;
import news.pipeline.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Produces the HTML pages of WARC archives to the raw topic, once. */
@Command(
        name = "import-warc",
        mixinStandardHelpOptions = true,
        description = {
            "Imports WARC archives (gzip per record, as Common Crawl's CC-NEWS, or uncompressed) into "
                    + Topics.RAW_NAME + ": every response record with status 200 and an HTML content type, with the"
                    + " record's target URI and date and the HTTP Content-Type (its charset).",
            "What was produced is remembered in news.crawl.seen: a second run over the same files produces nothing"
                    + " new. A corrupt record is skipped and counted; the import goes on.",
            "Gzip members are inflated with libdeflate where the system has it (Debian: libdeflate0), twice as fast"
                    + " as the JDK's zlib, which is used otherwise.",
            "--dry-run reads and filters without Kafka and prints the read speed."
        })
final class ImportWarcCommand implements Callable<Integer> {
    private static final long MIB = 1024 * 1024;
    private static final int BATCH_ARTICLES = 500;
    private static final long BATCH_BYTES = 32 * MIB;
    /** The progress line names the counts every so many articles: often enough to watch, cheap to keep. */
    private static final int PROGRESS_EVERY_ARTICLES = 256;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ProgressOption progressOption;

    @Parameters(
            paramLabel = "FILE|DIR",
            arity = "1..*",
            description = "WARC files, or folders of .warc and .warc.gz files.")
    List<Path> paths;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Only records with a WARC date from TIME (a date-time, date, or duration back from now).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only records with a WARC date before TIME.")
    String to;

    @Option(
            names = "--host",
            paramLabel = "SUFFIX",
            description = "Only pages whose host is SUFFIX or ends with .SUFFIX. Repeatable.")
    List<String> hosts = new ArrayList<>();

    @Option(
            names = "--language",
            paramLabel = "TAG",
            description =
                    "Only pages that declare this language (html lang, Content-Language): en takes en-GB. Repeatable.")
    List<String> languages = new ArrayList<>();

    @Option(
            names = "--max-page-mib",
            paramLabel = "MIB",
            defaultValue = "4",
            description =
                    "Pages larger than this are skipped and counted (the cleaner's own cap). Default: ${DEFAULT-VALUE}.")
    double maxPageMib;

    @Option(
            names = "--transactional-id",
            paramLabel = "ID",
            defaultValue = "news-pipeline-import-warc",
            description =
                    "The import's Kafka transactional id: a second import under the same id takes over from the first. Default: ${DEFAULT-VALUE}.")
    String transactionalId;

    @Option(
            names = "--dry-run",
            description = "Read and filter only: produce nothing, need no Kafka; print the read speed.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<Path> files = expand(paths);
        if (maxPageMib <= 0) {
            throw new UserError("--max-page-mib must be more than 0");
        }
        final Instant now = Instant.now();
        final WarcFilters filters;
        try {
            filters = new WarcFilters(
                    from == null ? null : TimeArguments.parse(from, now),
                    to == null ? null : TimeArguments.parse(to, now),
                    hosts,
                    languages,
                    (long) (maxPageMib * MIB));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        long total = 0;
        for (final Path file : files) {
            total += Files.size(file);
        }
        final WarcArticleReader reader = new WarcArticleReader(filters);
        final Progress progress = progressOption.progress(err);
        final long started = System.nanoTime();
        final long produced;
        final long alreadyProduced;
        if (dryRun) {
            read(files, reader, article -> {}, progress, total);
            produced = 0;
            alreadyProduced = 0;
        } else {
            final PipelineSettings settings = connection.connect(Topics.RAW.name(), Topics.CRAWL_SEEN.name());
            try (CrawlLedger ledger = new CrawlLedger(settings, transactionalId, false)) {
                final WarcImporter importer = new WarcImporter(ledger, BATCH_ARTICLES, BATCH_BYTES);
                read(files, reader, importer, progress, total);
                importer.flush();
                produced = importer.produced();
                alreadyProduced = importer.alreadyProduced();
            } catch (CrawlFencedException e) {
                throw new UserError(UserError.FAILURE, e.getMessage());
            }
        }
        final double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        out.printf(
                Locale.ROOT,
                "read %d file(s), %.1f MB in %.1f s (%.1f MB/s): %d record(s), %d article(s) taken, %d produced,"
                        + " %d produced before%n",
                files.size(),
                total / 1e6,
                seconds,
                total / 1e6 / seconds,
                reader.records(),
                reader.articles(),
                produced,
                alreadyProduced);
        out.println("not taken: " + reader.skipped());
        out.flush();
        return 0;
    }

    private void read(
            final List<Path> files,
            final WarcArticleReader reader,
            final WarcArticleReader.Sink sink,
            final Progress progress,
            final long total)
            throws IOException, InterruptedException {
        progress.begin("import-warc", "MB", Math.max(1, total / 1_000_000), () -> reader.bytesDone() / 1_000_000);
        // Closing the ticking closes the progress too, so that an error starts on a line of its own.
        try (Progress.Ticking ticking = progressOption.start(progress)) {
            for (final Path file : files) {
                progress.step(file.getFileName().toString());
                reader.read(file, article -> {
                    sink.accept(article);
                    if (reader.articles() % PROGRESS_EVERY_ARTICLES == 0) {
                        progress.step(reader.records() + " records, " + reader.articles() + " articles");
                    }
                });
            }
            progress.end();
        }
    }

    private static List<Path> expand(final List<Path> given) throws IOException {
        final List<Path> files = new ArrayList<>();
        for (final Path path : given) {
            if (!Files.exists(path)) {
                throw new UserError("no such file or folder: " + path);
            }
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(file -> {
                                final String name =
                                        file.getFileName().toString().toLowerCase(Locale.ROOT);
                                return name.endsWith(".warc") || name.endsWith(".warc.gz");
                            })
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                files.add(path);
            }
        }
        if (files.isEmpty()) {
            throw new UserError("no .warc or .warc.gz files in " + given);
        }
        return files;
    }
}
