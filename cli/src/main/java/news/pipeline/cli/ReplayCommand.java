package news.pipeline.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.ops.Replay;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Reprocesses a time window of raw articles for a backfill, beside live processing. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Reprocesses a time window of raw articles, for a backfill, while live processing goes on.",
            "It runs the raw articles appended in the window through the cleaner, tagger and publisher",
            "logic, and republishes the results (same keys, same value bytes as live processing with the same versions,",
            "header news.replayed). A record a stage rejects or fails on is dead-lettered as live processing does it,",
            "and the replay goes on. Live processing goes on. Prints the plan; writes nothing without --execute.",
            "--from is required."
        })
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SchemaRegistryOption registry;

    @Mixin
    TimeWindow window;

    @Mixin
    ExecuteOption execute;

    @Override
    public Integer call() {
        registry.applyTo(connection);
        final Instant now = Instant.now();
        final Instant start = window.start(now);
        if (start == null) {
            throw new UserError("replay needs --from TIME: the start of the window to reprocess");
        }
        final Instant end = window.end(now);
        if (!start.isBefore(end)) {
            throw new UserError("--from must be before --to: " + start + " is not before " + end);
        }
        final PipelineSettings settings = execute.execute
                ? connection.connect(
                        Topics.RAW.name(),
                        Topics.CLEAN.name(),
                        Topics.ENRICHED.name(),
                        Topics.BY_COUNTRY.name(),
                        Topics.DEAD_LETTER.name())
                : connection.connect(Topics.RAW.name());
        final PrintWriter out = spec.commandLine().getOut();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(settings)) {
            final Replay.Plan plan = Replay.plan(consumer, start, end);
            out.printf("replay of %s from %s to %s%n", Topics.RAW.name(), start, end);
            out.printf("%9s %12s %12s %9s%n", "PARTITION", "FROM-OFFSET", "TO-OFFSET", "RECORDS");
            plan.partitions()
                    .forEach(p -> out.printf(
                            "%9d %12d %12d %9d%n", p.partition(), p.fromOffset(), p.toOffset(), p.records()));
            out.printf("%9s %12s %12s %9d%n", "TOTAL", "", "", plan.records());
            if (!execute.execute) {
                out.println(
                        "dry run: nothing written. Add --execute to replay these records into " + Topics.CLEAN.name()
                                + ", " + Topics.ENRICHED.name() + " and " + Topics.BY_COUNTRY.name() + ".");
                return 0;
            }
            // The stages as the live processors run them with these settings, the output limit included.
            final Replay replay = new Replay(PipelineSteps.fromSettings(settings.asMap(), PipelineMetrics.inMemory()));
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(settings.withDefault(
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, Replay.TRANSACTIONAL_ID_PREFIX + UUID.randomUUID()))) {
                final Replay.Result result = replay.execute(plan, consumer, producer);
                out.printf(
                        "replay %s done in %.1f s: read %d raw records (%d outside the window by timestamp), wrote %d clean, "
                                + "%d enriched, %d by-country, %d dead letters%n",
                        result.replayId(),
                        result.took().toMillis() / 1000.0,
                        result.read(),
                        result.outsideWindow(),
                        result.clean(),
                        result.enriched(),
                        result.byCountry(),
                        result.deadLetters());
            }
        }
        return 0;
    }
}
