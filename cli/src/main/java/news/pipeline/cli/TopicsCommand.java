package news.pipeline.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import news.pipeline.topics.TopicAdmin;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Creates the pipeline topics, or describes them. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Creates the missing pipeline topics (unless --describe), then describes them all.")
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--describe", description = "Only describe; create nothing.")
    boolean describeOnly;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of each topic created. Default: the registry's, "
            + Topics.DEFAULT_PARTITIONS + ".")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N", description = "Replication factor of each topic created. Default: the broker's.")
    Short replicationFactor;

    @Override
    public Integer call() throws Exception {
        final PipelineSettings settings = connection.settings();
        try (Admin admin = Clients.admin(settings)) {
            final TopicAdmin topics = new TopicAdmin(admin);
            if (!describeOnly) {
                for (final String created : topics.createMissing(Optional.ofNullable(partitions),
                        Optional.ofNullable(replicationFactor), Duration.ofSeconds(60))) {
                    System.err.println("created " + created);
                }
            }
            final Map<String, TopicDescription> described = topics.describe(Duration.ofSeconds(30));
            System.out.printf("%-28s %10s %8s  %-22s %s%n", "TOPIC", "PARTITIONS", "REPLICAS", "VALUE", "KEY");
            int missing = 0;
            for (final TopicSpec<?, ?> topic : Topics.all()) {
                final TopicDescription description = described.get(topic.name());
                if (description == null) {
                    missing++;
                    System.out.printf("%-28s %10s %8s  %-22s %s%n", topic.name(), "missing", "-", topic.valueSchema(), topic.keyDoc());
                } else {
                    System.out.printf("%-28s %10d %8d  %-22s %s%n", topic.name(), description.partitions().size(),
                            description.partitions().get(0).replicas().size(), topic.valueSchema(), topic.keyDoc());
                }
            }
            return missing == 0 ? 0 : 1;
        }
    }
}
