package news.pipeline.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * What the benchmark is doing while it runs, on a status stream: the phase, how much of it is
 * done, the current rate and the time left. The phases report nothing themselves; each gives a
 * counter it already keeps, and {@link #tick()} (from {@link #startTicking()}'s thread, or a
 * test with a fake clock) reads it and decides whether to print.
 *
 * <p>On a terminal one status line is rewritten in place a few times a second; elsewhere (a pipe,
 * a CI log) a plain line every ten seconds at most, so logs stay readable. Either way each phase
 * leaves one line when it ends. Others' output to the same terminal (the logs) goes through
 * {@link #sharing}, which takes the status line away first.
 */
public final class Progress {
    /** How the status is shown. */
    public enum Style {
        /** One line rewritten in place with a carriage return. */
        TERMINAL,
        /** Plain lines, few of them. */
        LINES,
        /** Nothing. */
        NONE
    }

    static final long TERMINAL_INTERVAL_NANOS = 250_000_000L;
    static final long LINES_INTERVAL_NANOS = 10_000_000_000L;
    /** The current rate is over about this much of the recent past: output comes in batches. */
    static final long RATE_WINDOW_NANOS = 5_000_000_000L;
    /** Below this much history, a rate would be noise. */
    static final long MIN_RATE_SPAN_NANOS = 1_000_000_000L;

    private static final String CLEAR_TO_END = "\033[K";

    private final PrintWriter out;
    private final Style style;
    private final int width;
    private final LongSupplier clock;

    private String phase;
    private String step;
    private String unit;
    /** Of a counted phase: how many make it complete; 0 when not counted. */
    private long total;
    /** Of a timed phase: when it should end (clock nanos); 0 when not timed. */
    private long length;

    private LongSupplier done;
    private long started;
    private long lastPrinted;
    /** (clock nanos, done) pairs of the recent ticks, for the current rate. */
    private final Deque<long[]> samples = new ArrayDeque<>();

    private boolean statusShown;
    /**
     * Whether what others last wrote through {@link #sharing} ended its line: a status drawn after
     * half a line would be glued to it.
     */
    private boolean othersAtLineStart = true;

    /**
     * @param width     the terminal's width: a status line longer than this would wrap, and a
     *                  carriage return could not take it back
     * @param nanoClock {@link System#nanoTime()} but in tests
     */
    public Progress(final PrintWriter out, final Style style, final int width, final LongSupplier nanoClock) {
        this.out = out;
        this.style = style;
        this.width = width;
        this.clock = nanoClock;
    }

    /** Shows nothing. */
    public static Progress none() {
        return new Progress(new PrintWriter(PrintWriter.nullWriter()), Style.NONE, 80, System::nanoTime);
    }

    /** A phase with nothing to count (starting a broker): only its elapsed time is shown. */
    public synchronized void begin(final String name) {
        start(name, "", 0, 0, () -> 0);
    }

    /** A phase that is over when {@code done} reaches {@code total}. */
    public synchronized void begin(final String name, final String unit, final long total, final LongSupplier done) {
        start(name, unit, Math.max(0, total), 0, done);
    }

    /** A phase that runs for a known time, counting what it repeats (a stage's warm-up and measuring loops). */
    public synchronized void beginTimed(
            final String name, final String unit, final Duration length, final LongSupplier done) {
        start(name, unit, 0, Math.max(1, length.toNanos()), done);
    }

    private void start(
            final String name,
            final String unitName,
            final long totalCount,
            final long lengthNanos,
            final LongSupplier counter) {
        if (phase != null) {
            end();
        }
        phase = name;
        step = null;
        unit = unitName;
        total = totalCount;
        length = lengthNanos;
        done = counter;
        started = clock.getAsLong();
        lastPrinted = started;
        samples.clear();
        samples.add(new long[] {started, counter.getAsLong()});
        if (style == Style.TERMINAL && othersAtLineStart) {
            showStatus(started, samples.peekFirst()[1]);
        }
    }

    /** Names what the current phase is doing now ("warm-up", "measuring"); shown beside its name. */
    public synchronized void step(final String name) {
        step = name;
    }

    /** The same, and how long a timed phase has left from now: its time left is counted from here. */
    public synchronized void step(final String name, final Duration left) {
        step = name;
        if (phase != null && length > 0) {
            length = Math.max(1, clock.getAsLong() - started + left.toNanos());
        }
    }

    /** Reads the current phase's counter and prints a status when one is due. */
    public synchronized void tick() {
        if (phase == null || style == Style.NONE) {
            return;
        }
        final long now = clock.getAsLong();
        final long count = done.getAsLong();
        sample(now, count);
        if (style == Style.TERMINAL
                && othersAtLineStart
                && (!statusShown || now - lastPrinted >= TERMINAL_INTERVAL_NANOS)) {
            showStatus(now, count);
        } else if (style == Style.LINES && now - lastPrinted >= LINES_INTERVAL_NANOS) {
            out.println(status(now, count));
            out.flush();
            lastPrinted = now;
        }
    }

    /** Ends the current phase with a line that stays: what it did and how long it took. */
    public synchronized void end() {
        if (phase == null) {
            return;
        }
        final long now = clock.getAsLong();
        if (style != Style.NONE) {
            final String line = summary(now);
            if (style == Style.TERMINAL) {
                out.print((othersAtLineStart ? "\r" : "\n") + line + CLEAR_TO_END + "\n");
            } else {
                out.println(line);
            }
            out.flush();
        }
        phase = null;
        statusShown = false;
    }

    /**
     * Leaves the status line where it is, ended, so that what follows (an error) starts on a line
     * of its own; the phase shown is where the run stopped.
     */
    public synchronized void close() {
        if (statusShown) {
            out.print("\n");
            out.flush();
        }
        phase = null;
        statusShown = false;
    }

    /**
     * A stream for others' output to the same terminal as this (the logs on System.err): before
     * their text it takes the status line away, and the next tick draws it again below. Elsewhere
     * lines are whole and {@code target} is returned as it is.
     */
    public PrintStream sharing(final PrintStream target) {
        if (style != Style.TERMINAL) {
            return target;
        }
        return new PrintStream(
                new OutputStream() {
                    @Override
                    public void write(final int b) {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(final byte[] bytes, final int offset, final int length) {
                        interject(target, bytes, offset, length);
                    }

                    @Override
                    public void flush() {
                        target.flush();
                    }
                },
                true);
    }

    private synchronized void interject(
            final PrintStream target, final byte[] bytes, final int offset, final int length) {
        if (length == 0) {
            return;
        }
        if (statusShown) {
            out.print("\r" + CLEAR_TO_END);
            out.flush();
            statusShown = false;
        }
        target.write(bytes, offset, length);
        target.flush();
        othersAtLineStart = bytes[offset + length - 1] == '\n';
    }

    /** The ticking thread of {@link #startTicking()}. */
    public interface Ticking extends AutoCloseable {
        /** Stops the ticks and {@linkplain Progress#close() closes} the progress. */
        @Override
        void close();
    }

    /** Ticks from a daemon thread until closed. */
    public Ticking startTicking() {
        if (style == Style.NONE) {
            return this::close;
        }
        final Thread thread = new Thread(
                () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            Thread.sleep(TERMINAL_INTERVAL_NANOS / 1_000_000);
                            tick();
                        }
                    } catch (InterruptedException e) {
                        // closed
                    }
                },
                "bench-progress");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        };
    }

    private void showStatus(final long now, final long count) {
        final String line = status(now, count);
        // A line as wide as the terminal would wrap, and the carriage return would only go back to its last row.
        final String fitted = line.length() < width ? line : line.substring(0, Math.max(0, width - 1));
        out.print("\r" + fitted + CLEAR_TO_END);
        out.flush();
        lastPrinted = now;
        statusShown = true;
    }

    private void sample(final long now, final long count) {
        samples.add(new long[] {now, count});
        // Keep the newest sample at least a window old, and none older, so the rate spans about one window.
        while (samples.size() > 2) {
            final long[] oldest = samples.pollFirst();
            if (samples.peekFirst()[0] > now - RATE_WINDOW_NANOS) {
                samples.addFirst(oldest);
                break;
            }
        }
    }

    /** Per second over the recent samples; NaN while there is too little history. */
    private double rate(final long now, final long count) {
        final long[] oldest = samples.peekFirst();
        final long span = now - oldest[0];
        return span < MIN_RATE_SPAN_NANOS ? Double.NaN : (count - oldest[1]) / (span / 1e9);
    }

    /** The status line of the current phase at {@code now}, {@code count} done. */
    private String status(final long now, final long count) {
        final String name = step == null ? phase : phase + " (" + step + ")";
        final long elapsed = now - started;
        if (unit.isEmpty()) {
            return name + ": " + duration(elapsed);
        }
        final double rate = rate(now, count);
        final StringBuilder line = new StringBuilder(name).append(": ");
        if (total > 0) {
            line.append(String.format(
                    Locale.ROOT, "%,d/%,d %s (%d%%)", count, total, unit, Math.min(100, 100 * count / total)));
        } else {
            line.append(String.format(Locale.ROOT, "%,d %s", count, unit));
        }
        if (Double.isFinite(rate)) {
            line.append(String.format(Locale.ROOT, ", %,.0f/s", rate));
        }
        if (length > 0) {
            // A stage ends with a whole pass over its items, so it runs a little past its time.
            line.append(elapsed < length ? ", " + duration(length - elapsed) + " left" : ", finishing");
        } else if (total > 0 && count < total && Double.isFinite(rate) && rate > 0) {
            line.append(", ~")
                    .append(duration((long) ((total - count) / rate * 1e9)))
                    .append(" left");
        }
        return line.toString();
    }

    /** The line a phase leaves when it ends. */
    private String summary(final long now) {
        final String took = duration(now - started);
        if (unit.isEmpty()) {
            return phase + ": done in " + took;
        }
        final long count = done.getAsLong();
        if (total > 0 && count < total) {
            return String.format(Locale.ROOT, "%s: %,d of %,d %s in %s", phase, count, total, unit, took);
        }
        return String.format(Locale.ROOT, "%s: %,d %s in %s", phase, count, unit, took);
    }

    /** "850 ms", "4.2 s", "37 s", "3 min 05 s", "1 h 02 min". */
    static String duration(final long nanos) {
        final double seconds = nanos / 1e9;
        if (seconds < 1) {
            return Math.round(seconds * 1000) + " ms";
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        final long whole = Math.round(seconds);
        if (whole < 60) {
            return whole + " s";
        }
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
    }
}
