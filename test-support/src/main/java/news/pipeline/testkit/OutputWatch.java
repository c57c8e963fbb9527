package news.pipeline.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.Topics;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows {@code news.articles.enriched} from a thread of its own, as a downstream read_committed
 * consumer, and keeps when each article first came out. With an {@link ArticleFlow} feeding the
 * pipeline, output never pauses by itself: it tells how long output stopped after a fault and
 * when it flowed again (the recovery), and the longest time no new article came out at all (the
 * stall). It measures; the tests print, and assert no timing.
 */
public final class OutputWatch implements AutoCloseable {
    private final Thread thread;
    /** When each new article came out, and its number, in arrival order. */
    private final List<long[]> arrivals = new ArrayList<>();

    private volatile boolean stopping;
    private volatile RuntimeException failure;

    private OutputWatch(final PipelineSettings settings, final Map<TopicPartition, Long> from) {
        final TopicFollower follower = new TopicFollower(settings, Topics.ENRICHED, FaultKit::key, from);
        this.thread = new Thread(() -> follow(follower), "output-watch");
        this.thread.setDaemon(true);
    }

    /** Follows what comes out on enriched after the marks. */
    public static OutputWatch start(final PipelineSettings settings, final TopicMarks marks) {
        final OutputWatch watch = new OutputWatch(settings, marks.of(Topics.ENRICHED));
        watch.thread.start();
        return watch;
    }

    private void follow(final TopicFollower follower) {
        try (follower) {
            while (!stopping) {
                final List<String> fresh = follower.pollNew();
                final long now = System.nanoTime();
                synchronized (arrivals) {
                    for (final String id : fresh) {
                        arrivals.add(new long[] {now, FaultKit.number(id)});
                    }
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Distinct articles out so far. */
    public int distinct() {
        synchronized (arrivals) {
            return arrivals.size();
        }
    }

    /** Waits until this many distinct articles are out; fails after the timeout, or at once when the processors are gone. */
    public void awaitOut(
            final int count,
            final Duration timeout,
            final BooleanSupplier processorsAlive,
            final Supplier<String> context)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (distinct() < count) {
            if (failure != null) {
                throw new AssertionError("reading enriched failed", failure);
            }
            if (!processorsAlive.getAsBoolean() || System.nanoTime() > deadline) {
                throw new AssertionError("enriched: " + distinct() + " of " + count + " articles after "
                        + timeout + (processorsAlive.getAsBoolean() ? "" : ", and a processors' process has exited")
                        + "; " + context.get());
            }
            Thread.sleep(100);
        }
    }

    /**
     * The longest time no new article came out that began between a fault and a later moment
     * (it may end after that moment), and when, after the fault, output resumed at its end: the
     * fault's cost as a downstream consumer sees it. A fault that stops nothing shows as a gap
     * like any other between two records, a few milliseconds.
     *
     * @param faultNanos when the fault happened ({@link System#nanoTime()})
     * @param untilNanos the end of the window a stall may begin in (the next fault, or the end of the run)
     */
    public Recovery recoveryAfter(final long faultNanos, final long untilNanos) {
        long longest = 0;
        long resumed = faultNanos;
        synchronized (arrivals) {
            for (int i = 1; i < arrivals.size(); i++) {
                final long at = arrivals.get(i)[0];
                final long before = arrivals.get(i - 1)[0];
                if (at <= faultNanos || before >= untilNanos) {
                    continue;
                }
                final long gap = at - Math.max(before, faultNanos);
                if (gap > longest) {
                    longest = gap;
                    resumed = at;
                }
            }
        }
        return new Recovery(Duration.ofNanos(longest), Duration.ofNanos(resumed - faultNanos));
    }

    /**
     * @param stalled  the longest time with no new article out, begun after the fault
     * @param resumed  from the fault until the end of that stall
     */
    public record Recovery(Duration stalled, Duration resumed) {}

    /** The longest time between two articles coming out, from the first to the last. */
    public Duration longestStall() {
        long longest = 0;
        synchronized (arrivals) {
            for (int i = 1; i < arrivals.size(); i++) {
                longest = Math.max(longest, arrivals.get(i)[0] - arrivals.get(i - 1)[0]);
            }
        }
        return Duration.ofNanos(longest);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
