package news.pipeline.bench;

import java.util.function.LongSupplier;

/**
 * Holds a stream of records to a rate by sleeping whenever it is ahead: the ceiling paced to the
 * pipeline's own articles per second. Kafka's work per article depends on the rate (a transaction
 * commits every commit interval whatever it holds, and fetches carry what arrived since the last
 * one), so a ceiling that runs five times faster than the pipeline spends less per article on
 * Kafka than the pipeline can. Sleeping costs no CPU, so what the paced ceiling spends is Kafka's
 * work at that rate and nothing else. Shared by the stream threads of one JVM.
 */
final class Pacer {
    private static final long MIN_SLEEP_NANOS = 1_000_000;

    /** Sleeps for a number of nanoseconds. */
    interface Sleeper {
        void sleep(long nanos) throws InterruptedException;
    }

    private final double nanosPerRecord;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long start;
    private long records;

    /** @param perSecond the records per second to hold to, from the first record on */
    Pacer(final double perSecond) {
        this(perSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    Pacer(final double perSecond, final LongSupplier clock, final Sleeper sleeper) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a pace must be positive: " + perSecond);
        }
        this.nanosPerRecord = 1e9 / perSecond;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Returns when the next record is due: at once when the stream is behind the rate. */
    synchronized void awaitTurn() throws InterruptedException {
        final long now = clock.getAsLong();
        if (records == 0) {
            start = now;
        }
        final long ahead = start + Math.round(records * nanosPerRecord) - now;
        records++;
        // Under a millisecond the sleep would overshoot more than it holds back; the next record makes it up.
        if (ahead >= MIN_SLEEP_NANOS) {
            sleeper.sleep(ahead);
        }
    }
}
