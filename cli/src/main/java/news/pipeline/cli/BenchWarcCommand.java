package news.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import news.pipeline.bench.BenchCorpus;
import news.pipeline.runtime.ProjectHome;
import news.pipeline.sources.WarcArticleReader;
import news.pipeline.sources.WarcBenchmark;
import news.pipeline.sources.WarcFilters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Measures the WARC reader of import-warc on one thread. */
@Command(
        name = "bench-warc",
        mixinStandardHelpOptions = true,
        description = {
            "Measures how fast import-warc reads WARC files, on one thread, without Kafka: writes a gzip-per-record"
                    + " WARC of --size-mb from HTML pages (or takes --warc FILE), reads it --runs times as the import"
                    + " does, and prints MB/s of file and of page content, by elapsed time and by the thread's CPU time.",
            "Pin it to one core for a one-core figure: taskset -c 0 ./news-pipeline bench-warc"
        })
final class BenchWarcCommand implements Callable<Integer> {
    private static final long MB = 1_000_000;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--pages",
            paramLabel = "DIR",
            description = "HTML pages (*.html, *.htm, *.html.gz) to fill the WARC with. Default:"
                    + " ../shared/bench/aeb-dev/html when present, else samples/.")
    Path pages;

    @Option(
            names = "--warc",
            paramLabel = "FILE",
            description = "Read this WARC file; when it does not exist, write it first and keep it.")
    Path warc;

    @Option(
            names = "--size-mb",
            paramLabel = "MB",
            defaultValue = "500",
            description = "Size of the WARC written. Default: ${DEFAULT-VALUE}.")
    long sizeMb;

    @Option(
            names = "--jdk-inflater",
            description = "Inflate with the JDK's zlib (inside jwarc) even where libdeflate is installed, to compare.")
    boolean jdkInflater;

    @Option(
            names = "--runs",
            paramLabel = "N",
            defaultValue = "3",
            description = "Reads of the file; the first warms the JVM up. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        if (sizeMb < 1 || runs < 1) {
            throw new UserError("--size-mb and --runs must be at least 1");
        }
        Path file = warc;
        boolean temporary = false;
        if (file == null || !Files.exists(file)) {
            final Path home = ProjectHome.dir();
            final Path aeb = home.resolve("../shared/bench/aeb-dev/html");
            final Path dir = pages != null ? pages : Files.isDirectory(aeb) ? aeb.normalize() : home.resolve("samples");
            final List<byte[]> contents = new ArrayList<>();
            for (final BenchCorpus.Page page : BenchCorpus.pages(dir)) {
                contents.add(page.content());
            }
            if (contents.isEmpty()) {
                throw new UserError("no HTML pages in " + dir);
            }
            if (file == null) {
                file = Files.createTempFile("news-pipeline-bench-", ".warc.gz");
                temporary = true;
            }
            final long started = System.nanoTime();
            final long count = WarcBenchmark.write(file, contents, sizeMb * MB);
            out.printf(
                    Locale.ROOT,
                    "wrote %s: %.1f MB, %d pages (%d distinct, from %s) in %.1f s%n",
                    file,
                    Files.size(file) / 1e6,
                    count,
                    contents.size(),
                    dir,
                    (System.nanoTime() - started) / 1e9);
            out.flush();
        } else if (!Files.isRegularFile(file)) {
            throw new UserError("no such file: " + file);
        }
        try {
            final WarcFilters any = new WarcFilters(null, null, List.of(), List.of(), 16 * 1024 * 1024);
            final WarcArticleReader.Inflation inflation =
                    jdkInflater ? WarcArticleReader.Inflation.JDK : WarcArticleReader.Inflation.LIBDEFLATE_WHEN_PRESENT;
            out.printf("inflating gzip members with %s%n", new WarcArticleReader(any, inflation).inflater());
            out.printf(
                    "%-4s %9s %9s %9s %8s %8s %12s %12s %12s%n",
                    "RUN",
                    "FILE-MB",
                    "PAGE-MB",
                    "RECORDS",
                    "WALL-S",
                    "CPU-S",
                    "FILE-MB/S",
                    "FILE-MB/CPU-S",
                    "PAGE-MB/CPU-S");
            for (int run = 1; run <= runs; run++) {
                final WarcBenchmark.Result result = WarcBenchmark.read(file, any, inflation);
                final double wall = result.wallNanos() / 1e9;
                final double cpu = Math.max(1e-9, result.cpuNanos() / 1e9);
                out.printf(
                        Locale.ROOT,
                        "%-4s %9.1f %9.1f %9d %8.2f %8.2f %12.1f %12.1f %12.1f%n",
                        run == 1 ? "1*" : String.valueOf(run),
                        result.fileBytes() / 1e6,
                        result.contentBytes() / 1e6,
                        result.records(),
                        wall,
                        cpu,
                        result.fileBytes() / 1e6 / wall,
                        result.fileBytes() / 1e6 / cpu,
                        result.contentBytes() / 1e6 / cpu);
                out.flush();
            }
            out.println(
                    "* warm-up run. CPU-S is the reading thread's CPU time (the JVM's GC and JIT threads not included).");
        } finally {
            if (temporary) {
                Files.deleteIfExists(file);
            }
        }
        return 0;
    }
}
