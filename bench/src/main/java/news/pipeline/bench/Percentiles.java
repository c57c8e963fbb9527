package news.pipeline.bench;

import java.util.Arrays;

/**
 * Order statistics of a set of measurements (nanoseconds, milliseconds, anything). Nearest-rank
 * definition: the p-th percentile is the smallest value with at least p% of the values at or below
 * it, so a reported p99 is a value that was actually measured.
 */
public final class Percentiles {
    private final long[] sorted;

    private Percentiles(final long[] sorted) {
        this.sorted = sorted;
    }

    /** Copies and sorts the values. */
    public static Percentiles of(final long[] values) {
        final long[] copy = Arrays.copyOf(values, values.length);
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    public static Percentiles of(final long[] values, final int count) {
        return of(Arrays.copyOf(values, count));
    }

    public int count() {
        return sorted.length;
    }

    /**
     * @param percent 0 (exclusive) to 100 (inclusive)
     * @throws IllegalStateException when there are no values
     */
    public long percentile(final double percent) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100], was " + percent);
        }
        final int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public long median() {
        return percentile(50);
    }

    public long p99() {
        return percentile(99);
    }

    public long max() {
        return percentile(100);
    }

    public double mean() {
        if (sorted.length == 0) {
            throw new IllegalStateException("no values");
        }
        double sum = 0;
        for (final long value : sorted) {
            sum += value;
        }
        return sum / sorted.length;
    }
}
