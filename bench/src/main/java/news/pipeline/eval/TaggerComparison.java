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
import java.util.List;
import java.util.Locale;
import news.pipeline.bench.Alternation;

/**
 * Two builds of the country tagger compared in one JVM: each jar's {@code CountryTagger} is loaded
 * in a class loader of its own, and the two take turns in short rounds over the same 2-8 KB
 * stories (A then B, then B then A). On a shared or virtual machine the speed of one core moves by
 * up to a fifth within minutes, far more than most changes to the tagger; rounds a second apart
 * share that drift, so the ratio of each pair is steadier than two runs of {@link TaggerBenchmark}
 * in turn. Prints each pair and the median ratio with a bootstrap interval; asserts nothing.
 *
 * <p>One JVM is still one draw: each compiles the two builds its own way, and the medians of six
 * launches of the same pair spread from 0.989 to 1.039, wider than any one launch's interval. So it
 * can run several launches, each a JVM of its own with the jars' order swapped every other time,
 * and says a build is faster or slower only when every launch agrees.
 */
public final class TaggerComparison {
    /** Warm-up of each build before the first pair: the JIT compiles both. */
    private static final double WARMUP_SECONDS = 3;

    private TaggerComparison() {}

    public static int run(
            final Path jarA,
            final Path jarB,
            final Path stories,
            final double seconds,
            final int pairs,
            final PrintStream report)
            throws Exception {
        final List<String[]> docs = TaggerBenchmark.load(stories);
        if (docs.isEmpty()) {
            report.println("no 2-8 KB stories in " + stories);
            return 1;
        }
        final MethodHandle[] taggers = {tagger(jarA), tagger(jarB)};
        report.printf(Locale.ROOT, "%d stories of 2-8 KB; A %s, B %s%n", docs.size(), jarA, jarB);
        for (final MethodHandle tagger : taggers) {
            rate(tagger, docs, WARMUP_SECONDS);
        }
        final List<Double> ratios = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            // ABBA: a drift within the pair favours neither build over two pairs
            final boolean aFirst = pair % 2 == 0;
            final double first = rate(taggers[aFirst ? 0 : 1], docs, seconds);
            final double second = rate(taggers[aFirst ? 1 : 0], docs, seconds);
            final double a = aFirst ? first : second;
            final double b = aFirst ? second : first;
            ratios.add(b / a);
            report.printf(
                    Locale.ROOT,
                    "pair %d: A %.0f, B %.0f articles/s of thread CPU time, B/A %.3f%n",
                    pair + 1,
                    a,
                    b,
                    b / a);
        }
        final Alternation.Spread spread = Alternation.spread(ratios);
        report.printf(
                Locale.ROOT,
                "B/A median %.3f (pairs %.3f-%.3f); bootstrap 95%% interval of the median %.3f-%.3f%n",
                spread.median(),
                spread.min(),
                spread.max(),
                spread.low95(),
                spread.high95());
        return 0;
    }

    /**
     * {@code launches} runs of {@link #run}, each in a JVM of its own, the jars swapped in every
     * second launch; prints each launch's median as B/A and the verdict.
     */
    public static int runLaunches(
            final Path jarA,
            final Path jarB,
            final Path stories,
            final double seconds,
            final int pairs,
            final int launches,
            final PrintStream report)
            throws Exception {
        return Launches.run(
                TaggerComparison.class,
                jarA,
                jarB,
                List.of(stories.toString(), Double.toString(seconds), Integer.toString(pairs)),
                launches,
                false,
                report);
    }

    /** Articles per second of this thread's CPU time over about {@code seconds}. */
    private static double rate(final MethodHandle tagger, final List<String[]> docs, final double seconds) {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long end = System.nanoTime() + (long) (seconds * 1e9);
        final long cpu0 = threads.getCurrentThreadCpuTime();
        long articles = 0;
        while (System.nanoTime() < end) {
            for (String[] doc : docs) {
                if (tag(tagger, doc) == null) {
                    throw new IllegalStateException("the tagger returned nothing");
                }
            }
            articles += docs.size();
        }
        return articles / ((threads.getCurrentThreadCpuTime() - cpu0) / 1e9);
    }

    private static Object tag(final MethodHandle tagger, final String[] doc) {
        try {
            return tagger.invokeExact(doc[0], doc[1]);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // tag() declares no checked exception: this is only the method handle's signature
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code CountryTagger.loadDefault().tag(title, text)} of the given jar, in a class loader whose
     * parent is the platform's, so that nothing of this JVM's own build is seen by it.
     */
    private static MethodHandle tagger(final Path jar) throws Exception {
        final URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        final Class<?> taggerClass = Class.forName("news.pipeline.tag.CountryTagger", true, loader);
        final Object tagger = taggerClass.getMethod("loadDefault").invoke(null);
        final Class<?> tagged = Class.forName("news.pipeline.tag.TaggedArticle", true, loader);
        return MethodHandles.publicLookup()
                .findVirtual(taggerClass, "tag", MethodType.methodType(tagged, String.class, String.class))
                .bindTo(tagger)
                .asType(MethodType.methodType(Object.class, String.class, String.class));
    }

    public static void main(final String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(
                    "usage: TaggerComparison A.jar B.jar STORIES.jsonl [SECONDS_PER_ROUND [PAIRS [LAUNCHES]]]");
            System.exit(2);
        }
        final Path jarA = Path.of(args[0]);
        final Path jarB = Path.of(args[1]);
        final Path stories = Path.of(args[2]);
        final double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        final int pairs = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        final int launches = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        System.exit(
                launches > 1
                        ? runLaunches(jarA, jarB, stories, seconds, pairs, launches, System.out)
                        : run(jarA, jarB, stories, seconds, pairs, System.out));
    }
}
