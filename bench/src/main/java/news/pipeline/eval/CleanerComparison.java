package news.pipeline.eval;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import news.pipeline.bench.Alternation;

/**
 * Two builds of the article cleaner compared in one JVM: each jar's {@code ArticleCleaner} is
 * loaded in a class loader of its own, and every page is cleaned by both in turn (A first on one
 * page, B first on the next, swapped again each pass), so that the host's drift, which moves a
 * core's speed by a fifth within minutes, falls on both alike. Each page's CPU time is its median
 * over the measured passes. Prints the median page of each build and, as speed (A's CPU over B's:
 * above 1, B is faster), the median of the pages' ratios and the ratio over all pages with a
 * bootstrap interval over the passes. Asserts nothing.
 *
 * <p>Several launches ({@link Launches}) tell a difference from one JVM's compilation luck.
 */
public final class CleanerComparison {
    /** Passes over all pages before measuring: the JIT compiles both builds. */
    private static final int WARM_UP_PASSES = 10;

    private CleanerComparison() {}

    public static int run(
            final Path jarA, final Path jarB, final Path pagesDir, final int passes, final PrintStream report)
            throws Exception {
        final List<ExtractionEvaluation.Page> pages = ExtractionEvaluation.load(pagesDir);
        if (pages.isEmpty()) {
            report.println("no NAME.html or NAME.html.gz pages in " + pagesDir);
            return 1;
        }
        final Build[] builds = {build(jarA), build(jarB)};
        report.printf(
                Locale.ROOT,
                "%d pages; A %s, B %s; %d warm-up passes, %d measured%n",
                pages.size(),
                jarA,
                jarB,
                WARM_UP_PASSES,
                passes);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long[][][] cpu = new long[2][pages.size()][passes];
        for (int pass = -WARM_UP_PASSES; pass < passes; pass++) {
            for (int page = 0; page < pages.size(); page++) {
                final boolean aFirst = Math.floorMod(pass + page, 2) == 0;
                for (int turn = 0; turn < 2; turn++) {
                    final int build = (turn == 0) == aFirst ? 0 : 1;
                    final long start = threads.getCurrentThreadCpuTime();
                    builds[build].clean(pages.get(page).content());
                    final long spent = threads.getCurrentThreadCpuTime() - start;
                    if (pass >= 0) {
                        cpu[build][page][pass] = spent;
                    }
                }
            }
        }
        final double[] a = pageMedians(cpu[0]);
        final double[] b = pageMedians(cpu[1]);
        final double[] speedRatios = new double[pages.size()];
        for (int page = 0; page < pages.size(); page++) {
            speedRatios[page] = a[page] / b[page];
        }
        final List<Double> passRatios = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            passRatios.add((double) passTotal(cpu[0], pass) / passTotal(cpu[1], pass));
        }
        final Alternation.Spread overall = Alternation.spread(passRatios);
        report.printf(
                Locale.ROOT,
                "median page: A %.3f ms, B %.3f ms; all pages: A %.1f ms, B %.1f ms%n",
                median(a),
                median(b),
                Arrays.stream(a).sum(),
                Arrays.stream(b).sum());
        report.printf(
                Locale.ROOT,
                "B/A median %.3f (the pages' speed ratios; tenth %.3f, ninth tenth %.3f)%n",
                median(speedRatios),
                percentile(speedRatios, 0.1),
                percentile(speedRatios, 0.9));
        report.printf(
                Locale.ROOT,
                "B/A over all pages %.3f (passes %.3f-%.3f); bootstrap 95%% interval %.3f-%.3f%n",
                overall.median(),
                overall.min(),
                overall.max(),
                overall.low95(),
                overall.high95());
        return 0;
    }

    private static double[] pageMedians(final long[][] cpuByPage) {
        final double[] medians = new double[cpuByPage.length];
        for (int page = 0; page < cpuByPage.length; page++) {
            medians[page] =
                    median(Arrays.stream(cpuByPage[page]).asDoubleStream().toArray()) / 1e6;
        }
        return medians;
    }

    private static long passTotal(final long[][] cpuByPage, final int pass) {
        long total = 0;
        for (final long[] page : cpuByPage) {
            total += page[pass];
        }
        return total;
    }

    private static double median(final double[] values) {
        return percentile(values, 0.5);
    }

    /** The value at this share of the sorted values (the upper one of a middle pair). */
    private static double percentile(final double[] values, final double share) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * share))];
    }

    /** One jar's cleaner, taking a page as served with an HTML content type. */
    private record Build(MethodHandle rawDocument, MethodHandle clean, Class<?> rejected) {
        void clean(final byte[] page) {
            try {
                final Object raw = rawDocument.invoke(page);
                if (clean.invoke(raw) == null) {
                    throw new IllegalStateException("the cleaner returned nothing");
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                // a rejected page costs its time too; anything else is a broken build
                if (!rejected.isInstance(e)) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * {@code new ArticleCleaner().clean(new RawDocument(page, "text/html", HTML, null, null))} of
     * the given jar, in a class loader whose parent is the platform's, so that nothing of this JVM's
     * own build is seen by it.
     */
    private static Build build(final Path jar) throws Exception {
        final URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        final Class<?> cleanerClass = Class.forName("news.pipeline.clean.ArticleCleaner", true, loader);
        final Class<?> rawClass = Class.forName("news.pipeline.clean.RawDocument", true, loader);
        final Class<?> formatClass = Class.forName("news.pipeline.clean.DocumentFormat", true, loader);
        final Object html = formatClass.getField("HTML").get(null);
        final MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        final MethodHandle rawDocument = MethodHandles.insertArguments(
                lookup.findConstructor(
                        rawClass,
                        MethodType.methodType(
                                void.class, byte[].class, String.class, formatClass, String.class, String.class)),
                1,
                "text/html",
                html,
                null,
                null);
        final Object cleaner = cleanerClass.getConstructor().newInstance();
        final MethodHandle clean = lookup.findVirtual(
                        cleanerClass,
                        "clean",
                        MethodType.methodType(
                                Class.forName("news.pipeline.clean.CleanDocument", true, loader), rawClass))
                .bindTo(cleaner);
        return new Build(
                rawDocument, clean, Class.forName("news.pipeline.clean.RejectedDocumentException", true, loader));
    }

    public static void main(final String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CleanerComparison A.jar B.jar PAGES_DIR [PASSES [LAUNCHES]]");
            System.exit(2);
        }
        final Path jarA = Path.of(args[0]);
        final Path jarB = Path.of(args[1]);
        final Path pages = Path.of(args[2]);
        final int passes = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        final int launches = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        System.exit(
                launches > 1
                        ? Launches.run(
                                CleanerComparison.class,
                                jarA,
                                jarB,
                                List.of(pages.toString(), Integer.toString(passes)),
                                launches,
                                true,
                                System.out)
                        : run(jarA, jarB, pages, passes, System.out));
    }
}
