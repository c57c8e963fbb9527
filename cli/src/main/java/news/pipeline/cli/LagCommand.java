package news.pipeline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import news.pipeline.ops.ConsumerLag;
import news.pipeline.ops.TransactionHolds;
import news.pipeline.runtime.AvroJson;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.OpsServer;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.topics.KafkaCallException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How far each processor is behind, in records and in time. */
@Command(
        name = "lag",
        mixinStandardHelpOptions = true,
        description = {
            "Shows how far each processor is behind, in records and in time.",
            "For each processor application and each partition of its input topic: the committed",
            "offset, the end offset, the records behind, and the time behind: the age of the oldest record not",
            "yet processed. Correct under exactly-once (transaction markers are not counted as lag).",
            "A hanging transaction on an input topic (one its coordinator has ended, which holds",
            "read_committed readers back for good) gets a line of its own.",
            "Exit code 3 when --max-lag-seconds is given and an application is further behind, or held",
            "back by a hanging transaction."
        })
final class LagCommand implements Callable<Integer> {
    static final int BEHIND_EXIT_CODE = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    ProcessorOptions processors;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--watch", paramLabel = "SECONDS", description = "Measure again every SECONDS until Ctrl-C.")
    Integer watchSeconds;

    @Option(
            names = "--max-lag-seconds",
            paramLabel = "N",
            description = "Exit with code " + BEHIND_EXIT_CODE
                    + " if any application is more than N seconds behind, or held back by a hanging transaction"
                    + " (with --watch: at the first such measurement).")
    Long maxLagSeconds;

    @Option(
            names = "--serve",
            paramLabel = "HOST:PORT",
            description =
                    "With --watch: also serve the measurements at http://HOST:PORT/metrics as news_pipeline_lag_records, news_pipeline_lag_seconds and news_pipeline_hanging_transactions (for Prometheus).")
    String serve;

    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Double> lastRecords = new ConcurrentHashMap<>();
    private final Map<String, Double> lastSeconds = new ConcurrentHashMap<>();
    private final Map<String, Double> lastHanging = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (watchSeconds != null && watchSeconds < 1) {
            throw new UserError("--watch must be at least 1 second, not " + watchSeconds);
        }
        if (serve != null && watchSeconds == null) {
            throw new UserError(
                    "--serve needs --watch SECONDS: the served figures are kept up to date by measuring again");
        }
        final InetSocketAddress serveAddress = serve == null ? null : HttpAddressOption.parse(serve, "--serve");
        final List<ProcessorApp> selected = processors.selected();
        final PipelineSettings settings = connection.connect(
                selected.stream().map(app -> app.input().name()).toArray(String[]::new));
        final PrometheusMeterRegistry registry = serve == null ? null : OpsServer.newRegistry();
        final Admin admin = Clients.admin(settings);
        try (KafkaConsumer<byte[], byte[]> reader = Clients.reader(settings);
                OpsServer server = registry == null ? null : OpsServer.start(serveAddress, registry, Map::of)) {
            final ConsumerLag lag = new ConsumerLag(admin, reader);
            while (true) {
                final List<ConsumerLag.ApplicationLag> measured = lag.measure(selected, settings.asMap());
                final Map<String, List<TransactionHolds.Hold>> holds = new LinkedHashMap<>();
                for (final ConsumerLag.ApplicationLag app : measured) {
                    holds.put(app.topic(), holdsOn(admin, app));
                }
                print(
                        measured,
                        holds,
                        settings.bootstrapServers(),
                        spec.commandLine().getOut());
                if (registry != null) {
                    export(measured, holds, registry);
                }
                // held back for good is further behind than any limit, though its lag reads 0
                if (maxLagSeconds != null
                        && (measured.stream().anyMatch(app -> app.timeBehind().toSeconds() > maxLagSeconds)
                                || holds.values().stream()
                                        .flatMap(List::stream)
                                        .anyMatch(TransactionHolds.Hold::hanging))) {
                    return BEHIND_EXIT_CODE;
                }
                if (watchSeconds == null) {
                    return 0;
                }
                Thread.sleep(watchSeconds * 1000L);
            }
        } finally {
            // Bounded: a call Kafka never answered (partitions with no leader, a lost controller quorum) would
            // otherwise hold close() for as long as the client keeps retrying it.
            admin.close(ADMIN_CLOSE_TIMEOUT);
        }
    }

    /**
     * The open transactions holding the application's input back; none, with a line on stderr, when the cluster
     * will not say (a principal allowed to read offsets but not to describe transactions, a
     * transaction ended while asked about): the lag itself is still worth printing.
     */
    private List<TransactionHolds.Hold> holdsOn(final Admin admin, final ConsumerLag.ApplicationLag app)
            throws InterruptedException, TimeoutException {
        try {
            return TransactionHolds.of(admin, app.lastStableOffsets(), ADMIN_TIMEOUT);
        } catch (KafkaCallException e) {
            spec.commandLine()
                    .getErr()
                    .println("news-pipeline: open transactions on " + app.topic() + " not checked: " + e.getMessage());
            return List.of();
        }
    }

    private void print(
            final List<ConsumerLag.ApplicationLag> measured,
            final Map<String, List<TransactionHolds.Hold>> holds,
            final String bootstrapServers,
            final PrintWriter out)
            throws Exception {
        if (json) {
            final ObjectNode root = AvroJson.MAPPER.createObjectNode();
            root.put("time", Instant.now().toString());
            final ArrayNode apps = root.putArray("applications");
            for (final ConsumerLag.ApplicationLag app : measured) {
                final ObjectNode node = apps.addObject();
                node.put("application", app.application());
                node.put("topic", app.topic());
                node.put("records_behind", app.recordsBehind());
                node.put("seconds_behind", seconds(app.timeBehind()));
                final ArrayNode partitions = node.putArray("partitions");
                for (final ConsumerLag.PartitionLag partition : app.partitions()) {
                    final ObjectNode p = partitions.addObject();
                    p.put("partition", partition.partition());
                    if (partition.committed() == null) {
                        p.putNull("committed");
                    } else {
                        p.put("committed", partition.committed());
                    }
                    p.put("end", partition.end());
                    p.put("records_behind", partition.recordsBehind());
                    p.put("exact", partition.exact());
                    p.put("seconds_behind", seconds(partition.timeBehind()));
                    p.put(
                            "oldest_unprocessed",
                            partition.oldestUnprocessed() == null
                                    ? null
                                    : partition.oldestUnprocessed().toString());
                }
                final ArrayNode open = node.putArray("open_transactions");
                for (final TransactionHolds.Hold hold : holds.get(app.topic())) {
                    final ObjectNode h = open.addObject();
                    h.put("partition", hold.partition().partition());
                    h.put("last_stable_offset", hold.lastStable());
                    h.put("end", hold.end());
                    h.put("producer_id", hold.producerId());
                    h.put("producer_epoch", hold.producerEpoch());
                    h.put("transactional_id", hold.transactionalId().orElse(null));
                    h.put(
                            "coordinator_state",
                            hold.coordinatorState().map(Object::toString).orElse(null));
                    h.put("hanging", hold.hanging());
                }
            }
            out.println(AvroJson.MAPPER.writeValueAsString(root));
            out.flush();
            return;
        }
        out.printf(
                "%-26s %-24s %9s %10s %10s %9s %12s%n",
                "APPLICATION", "TOPIC", "PARTITION", "COMMITTED", "END", "BEHIND", "TIME-BEHIND");
        for (final ConsumerLag.ApplicationLag app : measured) {
            for (final ConsumerLag.PartitionLag partition : app.partitions()) {
                out.printf(
                        "%-26s %-24s %9d %10s %10d %9s %12s%n",
                        app.application(),
                        app.topic(),
                        partition.partition(),
                        partition.committed() == null ? "-" : partition.committed(),
                        partition.end(),
                        (partition.exact() ? "" : "~") + partition.recordsBehind(),
                        human(partition.timeBehind()));
            }
            out.printf(
                    "%-26s %-24s %9s %10s %10s %9d %12s%n",
                    app.application(), "TOTAL", "", "", "", app.recordsBehind(), human(app.timeBehind()));
        }
        // Open transactions are part of every commit and end within an interval; only one that will
        // never end is worth a line: behind it the processor reads nothing, and shows no lag.
        for (final List<TransactionHolds.Hold> topicHolds : holds.values()) {
            for (final TransactionHolds.Hold hold : topicHolds) {
                if (hold.hanging()) {
                    out.println("hanging transaction: " + hold.describe());
                    out.println("  to end it (its records are then lost to readers; replay their time range):"
                            + " kafka-transactions.sh --bootstrap-server " + bootstrapServers + " abort --topic "
                            + hold.partition().topic() + " --partition "
                            + hold.partition().partition()
                            + " --start-offset " + hold.lastStable());
                }
            }
        }
        out.flush();
    }

    private void export(
            final List<ConsumerLag.ApplicationLag> measured,
            final Map<String, List<TransactionHolds.Hold>> holds,
            final PrometheusMeterRegistry registry) {
        for (final ConsumerLag.ApplicationLag app : measured) {
            final String name = app.application();
            if (!lastRecords.containsKey(name)) {
                Gauge.builder(
                                "news.pipeline.hanging.transactions",
                                lastHanging,
                                values -> values.getOrDefault(name, 0.0))
                        .description(
                                "Partitions of the application's input held back for good by a hanging transaction")
                        .tags(Tags.of("application", name))
                        .register(registry);
                Gauge.builder("news.pipeline.lag.records", lastRecords, values -> values.getOrDefault(name, 0.0))
                        .description("Records the application has not processed yet")
                        .tags(Tags.of("application", name))
                        .register(registry);
                Gauge.builder("news.pipeline.lag.seconds", lastSeconds, values -> values.getOrDefault(name, 0.0))
                        .description("Age of the oldest record the application has not processed yet")
                        .tags(Tags.of("application", name))
                        .register(registry);
            }
            lastRecords.put(name, (double) app.recordsBehind());
            lastSeconds.put(name, seconds(app.timeBehind()));
            lastHanging.put(name, (double) holds.get(app.topic()).stream()
                    .filter(TransactionHolds.Hold::hanging)
                    .count());
        }
    }

    private static double seconds(final Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    static String human(final Duration duration) {
        final long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + (seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + (seconds % 3600 / 60) + "m";
    }
}
