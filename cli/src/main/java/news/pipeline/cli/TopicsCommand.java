package news.pipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.TopicAdmin;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Creates the pipeline topics, or describes them. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Creates the missing pipeline topics (unless --describe), then describes them all.")
final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--describe", description = "Only describe; create nothing.")
    boolean describeOnly;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description =
                    "Partitions of each topic created. Default: the registry's, " + Topics.DEFAULT_PARTITIONS + ".")
    Integer partitions;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            description = "Replication factor of each topic created. Default: the broker's.")
    Short replicationFactor;

    @Option(
            names = "--min-insync-replicas",
            paramLabel = "N",
            description =
                    "min.insync.replicas of each topic created (with acks=all, writes need N replicas). Default: the broker's.")
    Integer minInsyncReplicas;

    @Override
    public Integer call() throws Exception {
        final PipelineSettings settings = connection.connect();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try (Admin admin = Clients.admin(settings)) {
            final TopicAdmin topics = new TopicAdmin(admin);
            if (!describeOnly) {
                final Map<String, String> extra = minInsyncReplicas == null
                        ? Map.of()
                        : Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
                for (final String created : topics.createMissing(
                        Optional.ofNullable(partitions),
                        Optional.ofNullable(replicationFactor),
                        extra,
                        Duration.ofSeconds(60))) {
                    err.println("created " + created);
                }
            }
            final Map<String, TopicDescription> described = topics.describe(Duration.ofSeconds(30));
            out.printf("%-28s %10s %8s  %-22s %s%n", "TOPIC", "PARTITIONS", "REPLICAS", "VALUE", "KEY");
            int missing = 0;
            for (final TopicSpec<?, ?> topic : Topics.all()) {
                final TopicDescription description = described.get(topic.name());
                if (description == null) {
                    missing++;
                    out.printf(
                            "%-28s %10s %8s  %-22s %s%n",
                            topic.name(), "missing", "-", topic.valueSchema(), topic.keyDoc());
                } else {
                    out.printf(
                            "%-28s %10d %8d  %-22s %s%n",
                            topic.name(),
                            description.partitions().size(),
                            description.partitions().get(0).replicas().size(),
                            topic.valueSchema(),
                            topic.keyDoc());
                }
            }
            return missing == 0 ? 0 : 1;
        }
    }
}
