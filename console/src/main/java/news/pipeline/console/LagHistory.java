package news.pipeline.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import news.pipeline.ops.ConsumerLag;

/**
 * The lag measurements of the last hour, kept in memory: each is the {@code lag} command's
 * measurement of every processor application, taken by the console's sampler.
 */
public final class LagHistory {
    /** How far back the chart goes. */
    public static final Duration KEPT = Duration.ofHours(1);

    /** The trend is judged on this recent stretch, so that an old backlog does not hide a new one. */
    static final Duration TREND_WINDOW = Duration.ofMinutes(5);

    /** One measurement of every application. */
    public record Sample(Instant time, List<ConsumerLag.ApplicationLag> applications) {}

    private final Deque<Sample> samples = new ArrayDeque<>();

    public synchronized void add(final Sample sample) {
        samples.addLast(sample);
        final Instant oldest = sample.time().minus(KEPT);
        while (!samples.isEmpty() && samples.peekFirst().time().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    public synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    /** The trend of one application's records behind over the last few minutes of samples. */
    public synchronized LagTrend trend(final String application) {
        if (samples.isEmpty()) {
            return LagTrend.STEADY;
        }
        final Instant latest = samples.peekLast().time();
        final Instant from = latest.minus(TREND_WINDOW);
        final List<LagTrend.Point> points = new ArrayList<>();
        for (final Sample sample : samples) {
            if (sample.time().isBefore(from)) {
                continue;
            }
            sample.applications().stream()
                    .filter(app -> app.application().equals(application))
                    .findFirst()
                    .ifPresent(app -> points.add(new LagTrend.Point(
                            Duration.between(from, sample.time()).toMillis() / 1000.0, app.recordsBehind())));
        }
        return LagTrend.of(points);
    }
}
