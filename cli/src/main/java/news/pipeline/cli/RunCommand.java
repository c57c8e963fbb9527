package news.pipeline.cli;

import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import news.pipeline.console.Console;
import news.pipeline.console.ConsoleAccess;
import news.pipeline.runtime.Cluster;
import news.pipeline.runtime.EmbeddedRegistry;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.ProcessorService;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs processors until stopped. With no cluster given, on the embedded broker. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the stream processors until Ctrl-C (or SIGTERM).",
            "With no --bootstrap-servers (nor KAFKA_BOOTSTRAP_SERVERS, nor a config file naming one), starts the embedded broker on 127.0.0.1 first.",
            "Run more instances of the same processor, in other processes or machines, to share its partitions."
        })
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SchemaRegistryOption registry;

    @Mixin
    EmbeddedOptions embedded;

    @Mixin
    ProcessorOptions processors;

    @Option(names = "--no-create-topics", description = "Do not create missing pipeline topics at start.")
    boolean noCreateTopics;

    @Mixin
    HttpAddressOption http;

    @Mixin
    ConsoleOption console;

    @Override
    public Integer call() throws Exception {
        registry.applyTo(connection);
        final List<ProcessorApp> selected = processors.selected();
        final InetSocketAddress httpAddress = http.address();
        final PipelineSettings requested = connection.settings();
        final ConsoleAccess consoleAccess = console.access(httpAddress, requested);
        if (requested.bootstrapGiven()) {
            // Topics are created below unless told not to; then they must be there already, or the
            // applications would wait for them and fail minutes later.
            connection.check(requested, noCreateTopics ? topicsOf(selected) : new String[0]);
        }
        final EmbeddedRegistry schemaRegistry = embedded.startRegistryIfAsked(requested);
        final PipelineSettings settings = EmbeddedOptions.using(requested, schemaRegistry);
        final Cluster cluster;
        try {
            cluster = Cluster.open(settings, embedded.dataDir, embedded.port);
        } catch (RuntimeException e) {
            closeQuietly(schemaRegistry);
            throw e;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        final ProcessorService process;
        try {
            if (!noCreateTopics) {
                cluster.createTopics();
            }
            process = ProcessorService.start(cluster, selected, httpAddress, true);
        } catch (RuntimeException | InterruptedException e) {
            cluster.close();
            closeQuietly(schemaRegistry);
            throw e;
        }
        final Console served = console.start(process, cluster.settings(), consoleAccess);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping");
                            if (served != null) {
                                served.close();
                            }
                            // the processors before the broker: an embedded broker shutting down
                            // while a processor commits can leave its transaction hanging (Kafka
                            // 4.4.0, KAFKA-20734), and readers would stop before it for good
                            process.close();
                            cluster.close();
                            closeQuietly(schemaRegistry);
                            stopped.countDown();
                        },
                        "news-pipeline-shutdown"));
        LOG.info(
                "running {} on {}; Ctrl-C to stop", selected, cluster.settings().bootstrapServers());
        stopped.await();
        return 0;
    }

    private static void closeQuietly(final EmbeddedRegistry registry) {
        if (registry != null) {
            registry.close();
        }
    }

    /** The topics the processors read and write, their dead letters' included. */
    private static String[] topicsOf(final List<ProcessorApp> processors) {
        final Set<String> topics = new LinkedHashSet<>();
        for (final ProcessorApp processor : processors) {
            topics.add(processor.input().name());
            topics.add(processor.output().name());
        }
        topics.add(Topics.DEAD_LETTER.name());
        return topics.toArray(String[]::new);
    }
}
