package news.pipeline.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import news.pipeline.ops.ConsumerLag;
import news.pipeline.ops.TransactionHolds;

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
    /** The transactions found hanging at the latest look: each holds a partition back for good. */
    private volatile List<TransactionHolds.Hold> hanging = List.of();

    public synchronized void add(final Sample sample) {
        samples.addLast(sample);
        final Instant oldest = sample.time().minus(KEPT);
        while (!samples.isEmpty() && samples.peekFirst().time().isBefore(oldest)) {
            samples.removeFirst();
        }
    }

    public void hanging(final List<TransactionHolds.Hold> found) {
        hanging = List.copyOf(found);
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

    /** What the Lag page shows: the latest measurement with trends, and the history for the chart. */
    public Map<String, Object> view(final Duration interval) {
        final List<Sample> samples = samples();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("intervalSeconds", interval.toSeconds());
        final List<Object> history = new ArrayList<>();
        for (final Sample sample : samples) {
            final Map<String, Object> point = new LinkedHashMap<>();
            point.put("time", sample.time().toEpochMilli());
            for (final ConsumerLag.ApplicationLag app : sample.applications()) {
                point.put(app.application(), List.of(app.recordsBehind(), seconds(app.timeBehind())));
            }
            history.add(point);
        }
        body.put("history", history);
        final List<Object> applications = new ArrayList<>();
        if (!samples.isEmpty()) {
            final Sample latest = samples.get(samples.size() - 1);
            body.put("measuredAt", latest.time().toString());
            for (final ConsumerLag.ApplicationLag app : latest.applications()) {
                final Map<String, Object> node = new LinkedHashMap<>();
                node.put("application", app.application());
                node.put("topic", app.topic());
                node.put("recordsBehind", app.recordsBehind());
                node.put("secondsBehind", seconds(app.timeBehind()));
                node.put("exact", app.partitions().stream().allMatch(ConsumerLag.PartitionLag::exact));
                node.put("trend", trend(app.application()).name().toLowerCase(Locale.ROOT));
                final List<Object> partitions = new ArrayList<>();
                for (final ConsumerLag.PartitionLag partition : app.partitions()) {
                    final Map<String, Object> p = new LinkedHashMap<>();
                    p.put("partition", partition.partition());
                    p.put("committed", partition.committed());
                    p.put("end", partition.end());
                    p.put("recordsBehind", partition.recordsBehind());
                    p.put("exact", partition.exact());
                    p.put("secondsBehind", seconds(partition.timeBehind()));
                    partitions.add(p);
                }
                node.put("partitions", partitions);
                applications.add(node);
            }
        }
        body.put("applications", applications);
        final List<Object> held = new ArrayList<>();
        for (final TransactionHolds.Hold hold : hanging) {
            final Map<String, Object> h = new LinkedHashMap<>();
            h.put("topic", hold.partition().topic());
            h.put("partition", hold.partition().partition());
            h.put("lastStableOffset", hold.lastStable());
            h.put("offsetsHeldBack", hold.offsetsHeldBack());
            h.put("description", hold.describe());
            held.add(h);
        }
        body.put("hangingTransactions", held);
        return body;
    }

    private static double seconds(final Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
