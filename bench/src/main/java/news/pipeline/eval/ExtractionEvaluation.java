package news.pipeline.eval;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import news.pipeline.bench.Progress;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.clean.DocumentFormat;
import news.pipeline.clean.RawDocument;
import news.pipeline.clean.RejectedDocumentException;

/**
 * The article-extraction evaluation: runs the cleaner over every {@code *.html} or
 * {@code *.html.gz} page of a folder and writes {@code {"<page id>": "<body text>"}} for the
 * benchmark's scorer, the body without the title, as the benchmark's ground truth has it.
 *
 * <p>Timing is single-threaded CPU time of the calling thread, pages already in memory, after
 * warm-up passes over all pages (at least ten, and for at least five seconds, at most twenty
 * passes). Then five measured passes: each page's CPU time is the median of its five, so that one
 * pass caught by the host's other work does not decide the figure; it reports pages per second
 * (wall clock) and the median page's CPU milliseconds. After each measured pass the
 * {@link MachineReference} runs, to say how fast the core was meanwhile: on a shared virtual
 * machine the same build's figure moves by a third with it.
 */
public final class ExtractionEvaluation {
    private static final int MIN_WARM_UP_PASSES = 10;
    private static final int MAX_WARM_UP_PASSES = 20;
    private static final long WARM_UP_NANOS = 5_000_000_000L;
    private static final int MEASURED_PASSES = 5;
    private static final double REFERENCE_SECONDS = 0.5;

    private ExtractionEvaluation() {}

    /** The same without a progress display. */
    public static int run(final Path pagesDir, final Path outFile, final PrintWriter report) {
        return run(pagesDir, outFile, report, Progress.none());
    }

    /**
     * Returns 0 on success, 2 when the folder does not exist or holds no pages.
     *
     * @throws UncheckedIOException when a page cannot be read or the output cannot be written
     */
    public static int run(final Path pagesDir, final Path outFile, final PrintWriter report, final Progress progress) {
        final int status = evaluate(pagesDir, outFile, report, progress);
        report.flush();
        return status;
    }

    private static int evaluate(
            final Path pagesDir, final Path outFile, final PrintWriter report, final Progress progress) {
        if (!Files.isDirectory(pagesDir)) {
            report.println("not a folder: " + pagesDir);
            return 2;
        }
        progress.begin("reading the pages");
        final List<Page> pages = load(pagesDir);
        progress.end();
        if (pages.isEmpty()) {
            report.println("no *.html or *.html.gz pages in " + pagesDir);
            return 2;
        }
        final ArticleCleaner cleaner = new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES);
        // Warm-up: the JIT needs a few thousand calls before the figures mean anything.
        final long warmUpStart = System.nanoTime();
        final AtomicInteger passesDone = new AtomicInteger();
        // At least the minimum passes; more only while the warm-up time lasts.
        progress.begin("warm-up", "passes", MIN_WARM_UP_PASSES, passesDone::get);
        int passes = 0;
        while (passes < MIN_WARM_UP_PASSES
                || (passes < MAX_WARM_UP_PASSES && System.nanoTime() - warmUpStart < WARM_UP_NANOS)) {
            for (Page page : pages) {
                body(cleaner, page);
            }
            passes++;
            passesDone.set(passes);
        }
        progress.end();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        final long[][] cpuNanos = new long[pages.size()][MEASURED_PASSES];
        final double[] references = new double[MEASURED_PASSES];
        final String[] bodies = new String[pages.size()];
        final AtomicInteger cleaned = new AtomicInteger();
        progress.begin("measuring", "pages", (long) pages.size() * MEASURED_PASSES, cleaned::get);
        long wallNanos = 0;
        for (int pass = 0; pass < MEASURED_PASSES; pass++) {
            final long wallStart = System.nanoTime();
            for (int i = 0; i < pages.size(); i++) {
                final long start = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
                bodies[i] = body(cleaner, pages.get(i));
                cpuNanos[i][pass] = (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
                cleaned.lazySet(pass * pages.size() + i + 1);
            }
            wallNanos += System.nanoTime() - wallStart;
            references[pass] = MachineReference.sortsPerCpuSecond(REFERENCE_SECONDS);
        }
        progress.end();
        int rejected = 0;
        for (final String body : bodies) {
            if (body == null) {
                rejected++;
            }
        }
        write(pages, bodies, outFile);
        final long[] perPage = new long[pages.size()];
        for (int i = 0; i < pages.size(); i++) {
            Arrays.sort(cpuNanos[i]);
            perPage[i] = cpuNanos[i][MEASURED_PASSES / 2];
        }
        Arrays.sort(perPage);
        Arrays.sort(references);
        final double medianMs = perPage[perPage.length / 2] / 1e6;
        report.printf(Locale.ROOT, "pages: %d (%d rejected), written to %s%n", pages.size(), rejected, outFile);
        report.printf(
                Locale.ROOT,
                "warm-up: %d passes over all pages; measured: %d passes, each page's median taken%n",
                passes,
                MEASURED_PASSES);
        report.printf(
                Locale.ROOT,
                "throughput: %.1f pages/s (one thread, after warm-up)%n",
                pages.size() * MEASURED_PASSES / (wallNanos / 1e9));
        report.printf(
                Locale.ROOT,
                "median %s per page: %.3f ms (p90 %.3f ms, max %.3f ms)%n",
                cpu ? "CPU" : "wall time",
                medianMs,
                perPage[(int) (perPage.length * 0.9)] / 1e6,
                perPage[perPage.length - 1] / 1e6);
        report.printf(
                Locale.ROOT,
                "machine reference: %.0f sorts/s median (%.0f-%.0f) after the measured passes%n",
                references[MEASURED_PASSES / 2],
                references[0],
                references[MEASURED_PASSES - 1]);
        return 0;
    }

    public static void main(final String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ExtractionEvaluation PAGES_DIR OUT_FILE");
            System.exit(64);
        }
        System.exit(run(Path.of(args[0]), Path.of(args[1]), new PrintWriter(System.out, true)));
    }

    record Page(String id, byte[] content) {}

    private static String body(final ArticleCleaner cleaner, final Page page) {
        try {
            return cleaner.clean(new RawDocument(page.content(), "text/html", DocumentFormat.HTML, null, null))
                    .text();
        } catch (RejectedDocumentException e) {
            return null;
        }
    }

    /** The pages NAME.html or NAME.html.gz in a folder, in name order, decompressed. */
    static List<Page> load(final Path dir) {
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> {
                        final String n = p.getFileName().toString();
                        return n.endsWith(".html") || n.endsWith(".html.gz");
                    })
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        final List<Page> pages = new ArrayList<>(files.size());
        for (Path file : files) {
            final String name = file.getFileName().toString();
            final boolean gz = name.endsWith(".gz");
            final String id = name.substring(0, name.length() - (gz ? ".html.gz".length() : ".html".length()));
            try (InputStream in = gz ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
                pages.add(new Page(id, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return pages;
    }

    private static void write(final List<Page> pages, final String[] bodies, final Path outFile) {
        try {
            final Path parent = outFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (JsonGenerator json = new JsonFactory().createGenerator(outFile.toFile(), JsonEncoding.UTF8)) {
                json.useDefaultPrettyPrinter();
                json.writeStartObject();
                for (int i = 0; i < pages.size(); i++) {
                    json.writeStringField(pages.get(i).id(), bodies[i] == null ? "" : bodies[i]);
                }
                json.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outFile, e);
        }
    }
}
