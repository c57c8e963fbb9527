package news.pipeline.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The arithmetic of an on/off comparison inside one running JVM: something (the console) is
 * switched on and off in alternating windows while the processors work through a backlog, and the
 * rate of each window is compared with its pair's. Two runs in two JVMs differ by far more than
 * what is measured (JIT, thread placement); windows a few seconds apart in one JVM share all that.
 *
 * <p>The windows go in pairs, off-on then on-off (ABBA), so that a steady drift of the rate (a
 * JIT still at work, a log growing) favours neither side over two pairs; the first pairs are a
 * warm-up (the switched code's own compilation) and are dropped.
 */
public final class Alternation {
    /** Resamples of the bootstrap interval; with a fixed seed, the same pairs give the same interval. */
    static final int RESAMPLES = 10_000;

    private static final long SEED = 1;

    /**
     * Where a backlog's useful part ends: once this share of the records expected has come out, the
     * first processor may have run dry while the later ones drain what is in flight. The same mark
     * as the end-to-end run's rate, which is taken between 10% and 90% of the output.
     */
    static final double BACKLOG_SHARE = 0.9;

    private Alternation() {}

    /**
     * One planned window.
     *
     * @param pair     its pair, from 0; negative for the warm-up pairs
     * @param on       whether the thing compared is on during it
     * @param switches whether it begins by switching (the JVM starts with it off)
     */
    public record Slot(int pair, boolean on, boolean switches) {}

    /** The windows in order: {@code warmupPairs} pairs to drop, then {@code pairs} pairs, off-on and on-off in turn. */
    public static List<Slot> schedule(final int warmupPairs, final int pairs) {
        if (warmupPairs < 0 || pairs < 1) {
            throw new IllegalArgumentException("warm-up pairs must be 0 or more and pairs 1 or more");
        }
        final List<Slot> slots = new ArrayList<>();
        boolean was = false;
        for (int k = 0; k < warmupPairs + pairs; k++) {
            final boolean onFirst = k % 2 == 1;
            for (final boolean on : List.of(onFirst, !onFirst)) {
                slots.add(new Slot(k - warmupPairs, on, on != was));
                was = on;
            }
        }
        return List.copyOf(slots);
    }

    /**
     * One window as it ran.
     *
     * @param seconds          how long it lasted
     * @param articles         articles out at the end of the pipeline during it
     * @param cpuSeconds       the processors' JVM's CPU during it
     * @param switchedCpuSeconds the CPU of the switched thing's own threads during it
     * @param gcCpuSeconds     the garbage collector's threads' CPU during it
     * @param compilerCpuSeconds the JIT compiler's threads' CPU during it (a sign the JVM is still warming up)
     * @param backlogLeft      whether the processors still had a backlog at its end (else its rate is
     *                         the backlog's tail, not the pipeline's)
     * @param cpuSecondsByGroup the CPU during it of each group of threads ({@link AlternatingBenchmark#THREAD_GROUPS}),
     *                         the processors' and the broker's JVM's, so that a change in the processors' CPU
     *                         per article can be placed
     */
    public record Window(
            Slot slot,
            double seconds,
            double articles,
            double cpuSeconds,
            double switchedCpuSeconds,
            double gcCpuSeconds,
            double compilerCpuSeconds,
            boolean backlogLeft,
            Map<String, Double> cpuSecondsByGroup) {
        public Window {
            cpuSecondsByGroup = Map.copyOf(cpuSecondsByGroup);
        }

        public double articlesPerSecond() {
            return seconds > 0 ? articles / seconds : Double.NaN;
        }

        /** The processors' CPU per article, in ms. */
        public double cpuMsPerArticle() {
            return articles > 0 ? 1000 * cpuSeconds / articles : Double.NaN;
        }

        /** The processors' CPU per article without the JIT compiler's, in ms. */
        public double cpuMsPerArticleWithoutJit() {
            return articles > 0 ? 1000 * (cpuSeconds - compilerCpuSeconds) / articles : Double.NaN;
        }

        /** The switched thing's threads' share of the processors' CPU, in %. */
        public double switchedCpuShare() {
            return cpuSeconds > 0 ? 100 * switchedCpuSeconds / cpuSeconds : Double.NaN;
        }
    }

    /** An on window and its off window. */
    public record Pair(int index, Window on, Window off) {
        /** On over off articles/s: below 1 when switching on costs throughput. */
        public double rateRatio() {
            return on.articlesPerSecond() / off.articlesPerSecond();
        }

        /** On over off CPU per article. */
        public double cpuRatio() {
            return on.cpuMsPerArticle() / off.cpuMsPerArticle();
        }

        /** On over off CPU per article, the JIT compiler's left out. */
        public double cpuRatioWithoutJit() {
            return on.cpuMsPerArticleWithoutJit() / off.cpuMsPerArticleWithoutJit();
        }

        /**
         * What one group of threads adds to the processors' CPU per article with the thing on: its CPU per
         * article on less off, in percent of the processors' CPU per article off. The processors' groups add
         * up to {@code 100 * (cpuRatio() - 1)}; NaN for a group a window did not measure.
         */
        public double cpuPointsOf(final String group) {
            final Double onSeconds = on.cpuSecondsByGroup().get(group);
            final Double offSeconds = off.cpuSecondsByGroup().get(group);
            if (onSeconds == null || offSeconds == null || on.articles() <= 0 || off.articles() <= 0) {
                return Double.NaN;
            }
            return 100
                    * (onSeconds / on.articles() - offSeconds / off.articles())
                    / (off.cpuSeconds() / off.articles());
        }
    }

    /**
     * The measured pairs, in order: warm-up pairs left out, and any pair whose windows did not both
     * end with a backlog left.
     */
    public static List<Pair> pairs(final List<Window> windows) {
        final Map<Integer, Window[]> byPair = new LinkedHashMap<>();
        for (final Window window : windows) {
            if (window.slot().pair() >= 0) {
                byPair.computeIfAbsent(window.slot().pair(), pair -> new Window[2])[
                        window.slot().on() ? 0 : 1] = window;
            }
        }
        final List<Pair> pairs = new ArrayList<>();
        byPair.forEach((index, both) -> {
            if (both[0] != null && both[1] != null && both[0].backlogLeft() && both[1].backlogLeft()) {
                pairs.add(new Pair(index, both[0], both[1]));
            }
        });
        return List.copyOf(pairs);
    }

    /**
     * The on/off ratio of each block of two consecutive pairs (on-off then off-on, or the other way):
     * within a block a rate that drifts steadily adds as much to the on windows as to the off ones,
     * which a single pair's ratio does not cancel. Blocks with a pair left out are left out.
     */
    public static List<Double> blockRatios(final List<Pair> pairs) {
        final List<Double> ratios = new ArrayList<>();
        for (int i = 0; i + 1 < pairs.size(); i++) {
            final Pair first = pairs.get(i);
            final Pair second = pairs.get(i + 1);
            if (first.index() % 2 == 0 && second.index() == first.index() + 1) {
                ratios.add((first.on().articlesPerSecond() + second.on().articlesPerSecond())
                        / (first.off().articlesPerSecond() + second.off().articlesPerSecond()));
                i++;
            }
        }
        return List.copyOf(ratios);
    }

    /**
     * The median of some values, their extremes and a percentile bootstrap 95% interval of the median
     * (resampling the values with replacement): with a handful of pairs the interval is rough, but
     * it says whether a difference of a few percent is within what the pairs can tell.
     */
    public record Spread(int count, double median, double min, double max, double low95, double high95) {}

    public static Spread spread(final List<Double> values) {
        if (values.isEmpty()) {
            return new Spread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        final double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        final SplittableRandom random = new SplittableRandom(SEED);
        final double[] medians = new double[RESAMPLES];
        final double[] sample = new double[sorted.length];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = sorted[random.nextInt(sorted.length)];
            }
            Arrays.sort(sample);
            medians[r] = median(sample);
        }
        Arrays.sort(medians);
        return new Spread(
                sorted.length,
                median(sorted),
                sorted[0],
                sorted[sorted.length - 1],
                medians[(int) Math.floor(0.025 * (RESAMPLES - 1))],
                medians[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
    }

    /** The median of sorted values. */
    static double median(final double[] sorted) {
        final int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * How long a schedule takes: each window, plus the settling time after each switch.
     *
     * @return seconds
     */
    public static double seconds(final List<Slot> slots, final double windowSeconds, final double settleSeconds) {
        return slots.stream()
                .mapToDouble(slot -> windowSeconds + (slot.switches() ? settleSeconds : 0))
                .sum();
    }

    /**
     * Articles to load so that a pipeline going at {@code articlesPerSecond} still has a backlog
     * after {@code seconds}, with {@code margin} times as many (the rate of another JVM may be
     * higher), the end's last tenth (the backlog's tail) left out.
     */
    public static int articlesFor(final double articlesPerSecond, final double seconds, final double margin) {
        final double articles = Math.ceil(articlesPerSecond * seconds * margin / BACKLOG_SHARE);
        if (!(articles > 0) || articles > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "cannot size a backlog for " + articlesPerSecond + " articles/s over " + seconds + " s");
        }
        return (int) articles;
    }

    /** Whether the pipeline still had a backlog when this many of the expected records had come out. */
    public static boolean backlogLeft(final long recordsOut, final long expectedRecords) {
        return recordsOut < BACKLOG_SHARE * expectedRecords;
    }

    /** Left free on the data directory's disk at the most, so that the broker never runs out of it. */
    static final long DISK_HEADROOM_BYTES = 2L << 30;

    /**
     * The disk the rest of a run still takes: the articles yet to load into the raw topic, and
     * those the processors will still work through, each at what one took so far (measured on the
     * disk: the load, and the warm-up's outputs on every topic). An article of the bench's text
     * workload takes some 6 KB over its four topics, so a plan of many pairs, whose backlog is loaded
     * first, needs tens of gigabytes.
     */
    static long diskNeeded(
            final long articlesToLoad,
            final double loadBytesPerArticle,
            final long articlesToProcess,
            final double outputBytesPerArticle) {
        return Math.round(articlesToLoad * loadBytesPerArticle + articlesToProcess * outputBytesPerArticle);
    }

    /** Whether what a run still takes leaves {@link #DISK_HEADROOM_BYTES} of the usable space. */
    static boolean diskHolds(final long usableBytes, final long neededBytes) {
        return usableBytes - neededBytes >= DISK_HEADROOM_BYTES;
    }
}
