package news.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import news.pipeline.runtime.AvroJson;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.TopicReader;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a pipeline topic as JSON lines. */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = {
            "Decodes a pipeline topic to JSON lines: topic, partition, offset, timestamp, key, value.",
            "Reads committed records only. TOPIC is a full name or raw, clean, enriched, by-country, dead-letter.",
            "Without --follow, stops at the end offsets it saw when it started."
        })
final class TailCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SchemaRegistryOption registry;

    @Parameters(paramLabel = "TOPIC", description = "Topic name or short name.")
    String topicName;

    @Option(names = "--from-beginning", description = "Start at the earliest record instead of the end.")
    boolean fromBeginning;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep waiting for new records until Ctrl-C.")
    boolean follow;

    @Option(
            names = {"-n", "--max-records"},
            paramLabel = "N",
            defaultValue = "-1",
            description = "Stop after N records. Default: no limit.")
    long maxRecords;

    @Override
    public Integer call() {
        registry.applyTo(connection);
        final TopicSpec<?, ?> topic = resolve(topicName);
        final PipelineSettings settings = connection.connect(topic.name());
        final PrintWriter out = spec.commandLine().getOut();
        final AtomicLong printed = new AtomicLong();
        try (TopicReader reader = new TopicReader(settings, topic, fromBeginning)) {
            final Map<TopicPartition, Long> end = reader.endOffsets();
            reader.read(
                    record -> {
                        if (maxRecords < 0 || printed.get() < maxRecords) {
                            out.println(json(record));
                            printed.incrementAndGet();
                        }
                    },
                    positions -> (maxRecords >= 0 && printed.get() >= maxRecords)
                            || (!follow
                                    && end.entrySet().stream()
                                            .allMatch(e -> positions.get(e.getKey()) >= e.getValue())));
        }
        return 0;
    }

    static TopicSpec<?, ?> resolve(final String name) {
        final String full = name.startsWith("news.articles.") ? name : "news.articles." + name;
        try {
            return Topics.byName(full);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static String json(final Object node) {
        try {
            return AvroJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
