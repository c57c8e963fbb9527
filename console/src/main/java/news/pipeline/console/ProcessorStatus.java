package news.pipeline.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import news.pipeline.streams.ProcessorApp;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the Pipeline page shows of each processor: its state here, its instances and threads in
 * the whole group, and its rates, computed from the same counters /metrics serves.
 */
public final class ProcessorStatus {
    static final String RECORDS_IN = "news.pipeline.records.in";
    static final String RECORDS_OUT = "news.pipeline.records.out";
    static final String DEAD_LETTERS = "news.pipeline.dead.letters";

    /** The counters a processor's totals are read from, in the order of {@link Totals}' fields. */
    private static final List<String> COLUMNS = List.of(RECORDS_IN, RECORDS_OUT, DEAD_LETTERS);

    /** A stream thread's consumer is {@code <application>-<process id>-StreamThread-<n>-consumer}. */
    private static final String THREAD_MARK = "-StreamThread-";

    /** One processor as the page shows it; instances and threads are -1 when the group could not be described. */
    public record View(
            String processor,
            String input,
            String output,
            String state,
            int localThreads,
            int instances,
            int threads,
            double inPerSecond,
            double outPerSecond,
            double deadLettersPerSecond,
            double recordsIn,
            double recordsOut,
            double deadLetters) {}

    private record Totals(long nanos, double in, double out, double dead) {}

    private final MeterRegistry registry;
    private final Map<String, Totals> previous = new HashMap<>();
    private final Map<String, double[]> rates = new HashMap<>();

    public ProcessorStatus(final MeterRegistry registry) {
        this.registry = registry;
    }

    /** Reads the counters now and turns the change since the last call into rates. */
    public synchronized void sample(final long nanos) {
        final Map<String, double[]> counts = counts();
        for (final ProcessorApp processor : ProcessorApp.values()) {
            final double[] count = counts.getOrDefault(processor.id(), new double[3]);
            final Totals now = new Totals(nanos, count[0], count[1], count[2]);
            final Totals before = previous.put(processor.id(), now);
            if (before != null && now.nanos() > before.nanos()) {
                final double seconds = (now.nanos() - before.nanos()) / 1e9;
                rates.put(processor.id(), new double[] {
                    (now.in() - before.in()) / seconds,
                    (now.out() - before.out()) / seconds,
                    (now.dead() - before.dead()) / seconds
                });
            }
        }
    }

    /**
     * @param states  the state of each processor running here
     * @param groups  each processor's consumer group as the cluster describes it (missing when unknown)
     */
    public synchronized List<View> views(
            final Map<ProcessorApp, KafkaStreams> states,
            final Map<String, ConsumerGroupDescription> groups,
            final Map<ProcessorApp, String> applicationIds) {
        return Arrays.stream(ProcessorApp.values())
                .map(processor -> {
                    final KafkaStreams app = states.get(processor);
                    final Totals totals = previous.getOrDefault(processor.id(), new Totals(0, 0, 0, 0));
                    final double[] rate = rates.getOrDefault(processor.id(), new double[3]);
                    final ConsumerGroupDescription group = groups.get(applicationIds.get(processor));
                    return new View(
                            processor.id(),
                            processor.input().name(),
                            processor.output().name(),
                            app == null ? "NOT_HERE" : app.state().name(),
                            app == null ? 0 : app.metadataForLocalThreads().size(),
                            group == null ? -1 : instances(group.members()),
                            group == null ? -1 : group.members().size(),
                            rate[0],
                            rate[1],
                            rate[2],
                            totals.in(),
                            totals.out(),
                            totals.dead());
                })
                .toList();
    }

    /** Instances of an application in its group: the distinct processes its stream threads belong to. */
    static int instances(final Collection<MemberDescription> members) {
        final Set<String> processes = members.stream()
                .map(MemberDescription::clientId)
                .map(clientId -> {
                    final int mark = clientId.indexOf(THREAD_MARK);
                    return mark < 0 ? clientId : clientId.substring(0, mark);
                })
                .collect(Collectors.toSet());
        return processes.size();
    }

    /**
     * Records in, out and dead-lettered by processor, summed over their counters in one pass over the
     * registry: it holds every Kafka client's meters too (thousands), and a search per counter name
     * and processor would go over all of them nine times.
     */
    private Map<String, double[]> counts() {
        final Map<String, double[]> counts = new HashMap<>();
        for (final Meter meter : registry.getMeters()) {
            final int column = COLUMNS.indexOf(meter.getId().getName());
            final String processor = meter.getId().getTag("processor");
            if (column >= 0 && processor != null && meter instanceof Counter counter) {
                counts.computeIfAbsent(processor, key -> new double[COLUMNS.size()])[column] += counter.count();
            }
        }
        return counts;
    }
}
