package news.pipeline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import news.pipeline.ops.DeadLetterLog;
import news.pipeline.ops.DeadLetterRetry;
import news.pipeline.runtime.AvroJson;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists, shows and retries dead letters. */
@Command(
        name = "dlq",
        mixinStandardHelpOptions = true,
        description = {
            "Lists, shows and retries dead letters.",
            "Lists the dead letters: source record time, position on the dead-letter topic, reason, processor,",
            "source topic partition@offset, original value size in bytes, and message.",
            "dlq show P@O prints one in full; dlq retry puts selected ones back on their source topic."
        },
        subcommands = {DlqCommand.Show.class, DlqCommand.Retry.class})
final class DlqCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SchemaRegistryOption registry;

    @Mixin
    Selection selection;

    @Override
    public Integer call() {
        registry.applyTo(connection);
        final List<DeadLetterLog.Entry> entries = selection.read(connection);
        final PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "%-24s %-9s %-20s %-10s %-30s %9s  %s%n",
                "TIME", "DLQ", "REASON", "PROCESSOR", "SOURCE", "BYTES", "MESSAGE");
        for (final DeadLetterLog.Entry entry : entries) {
            final DeadLetter letter = entry.letter();
            if (letter == null) {
                out.printf(
                        "%-24s %-9s %-20s %-10s %-30s %9d  %s%n",
                        entry.timestamp(), entry.position(), "-", "-", "-", entry.size(), entry.error());
                continue;
            }
            out.printf(
                    "%-24s %-9s %-20s %-10s %-30s %9d  %s%n",
                    letter.getSourceTimestamp(),
                    entry.position() + (entry.replayed() ? "*" : ""),
                    letter.getReason(),
                    letter.getProcessor(),
                    letter.getSourceTopic() + " " + letter.getSourcePartition() + "@" + letter.getSourceOffset(),
                    size(letter.getOriginalValue()),
                    shorten(letter.getMessage(), 100));
        }
        out.println(entries.size() + " dead letter(s)"
                + (entries.stream().anyMatch(DeadLetterLog.Entry::replayed) ? "; * written again by a replay" : ""));
        return 0;
    }

    /** Which dead letters a command works on. */
    static final class Selection {
        @Option(
                names = "--reason",
                paramLabel = "REASON",
                split = ",",
                description = "Only these reasons, comma-separated, any case: ${COMPLETION-CANDIDATES}.")
        Set<DeadLetterReason> reasons;

        @Mixin
        TimeWindow window;

        @Mixin
        ProcessorOptions processors;

        /**
         * The selected dead letters, written in the time window (by the dead letter's own timestamp).
         * The options are checked before the cluster is asked, so that a mistake in them is told first.
         */
        List<DeadLetterLog.Entry> read(final ConnectionOptions connection) {
            final Instant now = Instant.now();
            final Instant from = window.start(now);
            final Instant to = window.end(now);
            final Predicate<DeadLetterLog.Entry> filter =
                    entry -> entry.timestamp().isBefore(to) && selects(entry.letter(), reasons, processors);
            final PipelineSettings settings = connection.connect(Topics.DEAD_LETTER.name());
            try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(settings)) {
                return new DeadLetterLog(consumer, settings.valueFormat()).read(from, filter);
            }
        }
    }

    /**
     * Whether a record of the dead-letter topic is selected by the reasons (null: any) and processors.
     * Without --processor every dead letter is selected, also one whose processor is none of today's
     * (a handler that was not told its processor writes "unknown"). A record that is not a dead
     * letter (null) has no reason nor processor: it is selected unless one is asked for.
     */
    static boolean selects(
            final DeadLetter letter, final Set<DeadLetterReason> reasons, final ProcessorOptions processors) {
        if (letter == null) {
            return reasons == null && processors.all();
        }
        return (reasons == null || reasons.contains(letter.getReason()))
                && (processors.all()
                        || processors.ids().contains(letter.getProcessor().toLowerCase(Locale.ROOT)));
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints one dead letter in full as JSON.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        SchemaRegistryOption registry;

        @Parameters(
                paramLabel = "PARTITION@OFFSET",
                description = "Its position on the dead-letter topic, as dlq lists it.")
        String position;

        @Override
        public Integer call() throws Exception {
            registry.applyTo(connection);
            final List<DeadLetterLog.Entry> found;
            final PipelineSettings settings = connection.connect(Topics.DEAD_LETTER.name());
            try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(settings)) {
                found = new DeadLetterLog(consumer, settings.valueFormat())
                        .read(null, entry -> entry.position().equals(position.trim()));
            }
            if (found.isEmpty()) {
                throw new UserError(
                        UserError.FAILURE, "no dead letter at " + position + " on " + Topics.DEAD_LETTER.name());
            }
            final DeadLetterLog.Entry entry = found.get(0);
            final ObjectNode node = AvroJson.MAPPER.createObjectNode();
            node.put("dead_letter_position", entry.position());
            node.put("dead_letter_time", entry.timestamp().toString());
            if (entry.letter() == null) {
                node.put("error", entry.error());
            } else {
                node.set("dead_letter", AvroJson.toJson(entry.letter()));
            }
            spec.commandLine()
                    .getOut()
                    .println(AvroJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            return 0;
        }
    }

    @Command(
            name = "retry",
            mixinStandardHelpOptions = true,
            description = {
                "Puts the selected dead letters' original records (key, value, headers, byte for byte) back on their",
                "source topic, with header news.retry-of=P@O, for example after a fix. Lists them; writes only with --execute."
            })
    static final class Retry implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        SchemaRegistryOption registry;

        @Mixin
        Selection selection;

        @Option(
                names = "--only",
                paramLabel = "P@O",
                split = ",",
                description = "Only the dead letters at these positions.")
        Set<String> only;

        @Mixin
        ExecuteOption execute;

        @Override
        public Integer call() throws Exception {
            registry.applyTo(connection);
            final PrintWriter out = spec.commandLine().getOut();
            final List<DeadLetterLog.Entry> selected = selection.read(connection).stream()
                    .filter(entry -> entry.letter() != null)
                    .filter(entry -> only == null || only.contains(entry.position()))
                    .toList();
            for (final DeadLetterLog.Entry entry : selected) {
                out.printf(
                        "%s %s -> %s%n",
                        entry.position(),
                        entry.letter().getReason(),
                        entry.letter().getSourceTopic());
            }
            if (!execute.execute) {
                out.println(selected.size() + " dead letter(s) would be retried; add --execute to retry them");
                return 0;
            }
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(connection.settings())) {
                DeadLetterRetry.retry(producer, selected);
            }
            out.println(selected.size() + " dead letter(s) retried");
            return 0;
        }
    }

    private static int size(final ByteBuffer buffer) {
        return buffer == null ? 0 : buffer.remaining();
    }

    private static String shorten(final String text, final int max) {
        final String line = text.replace('\n', ' ');
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
