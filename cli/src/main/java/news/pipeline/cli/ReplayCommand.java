package news.pipeline.cli;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.ops.Replay;
import news.pipeline.ops.TimeArguments;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;

/** Reprocesses a time window of raw articles for a backfill, beside live processing. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Reprocesses a time window of raw articles, for a backfill, while live processing goes on.",
                "It runs the raw articles appended in the window through the cleaner, tagger and publisher",
                "logic, and republishes the results (same keys, same value bytes as live processing with the same versions,",
                "header news.replayed). Live processing goes on. Prints the plan; writes nothing without --execute."})
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--from", paramLabel = "TIME", required = true,
            description = "Start of the window: 2026-03-04T09:30:00Z, 2026-03-04, or a duration back from now (PT2H, 2h, 30m, 7d).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of the window, exclusive. Default: now.")
    String to;

    @Option(names = "--execute", description = "Replay. Without it, only print the plan.")
    boolean execute;

    @Override
    public Integer call() {
        final Instant now = Instant.now();
        final Instant start = TimeArguments.parse(from, now);
        final Instant end = to == null ? now : TimeArguments.parse(to, now);
        if (!start.isBefore(end)) {
            System.err.println("--from must be before --to: " + start + " is not before " + end);
            return 2;
        }
        final PipelineSettings settings = connection.settings();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(settings)) {
            final Replay.Plan plan = Replay.plan(consumer, start, end);
            System.out.printf("replay of %s from %s to %s%n", Topics.RAW.name(), start, end);
            System.out.printf("%9s %12s %12s %9s%n", "PARTITION", "FROM-OFFSET", "TO-OFFSET", "RECORDS");
            plan.partitions().forEach(p -> System.out.printf("%9d %12d %12d %9d%n", p.partition(), p.fromOffset(), p.toOffset(), p.records()));
            System.out.printf("%9s %12s %12s %9d%n", "TOTAL", "", "", plan.records());
            if (!execute) {
                System.out.println("dry run: nothing written. Add --execute to replay these records into "
                        + Topics.CLEAN.name() + ", " + Topics.ENRICHED.name() + " and " + Topics.BY_COUNTRY.name() + ".");
                return 0;
            }
            final Replay replay = new Replay(ProcessorApp.cleanArticles(settings.asMap()), ProcessorApp.enrichment());
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(settings.withDefault(
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "news-pipeline-replay-" + UUID.randomUUID()))) {
                final Replay.Result result = replay.execute(plan, consumer, producer);
                System.out.printf("replay %s done in %.1f s: read %d raw records (%d outside the window by timestamp), wrote %d clean, "
                                + "%d enriched, %d by-country, %d dead letters%n", result.replayId(), result.took().toMillis() / 1000.0,
                        result.read(), result.outsideWindow(), result.clean(), result.enriched(), result.byCountry(), result.deadLetters());
            }
        }
        return 0;
    }
}
