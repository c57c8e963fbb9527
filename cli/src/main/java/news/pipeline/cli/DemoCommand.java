package news.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import news.pipeline.console.Console;
import news.pipeline.console.ConsoleAccess;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.AvroJson;
import news.pipeline.runtime.Cluster;
import news.pipeline.runtime.EmbeddedRegistry;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.ProcessorService;
import news.pipeline.runtime.ProjectHome;
import news.pipeline.runtime.RawArticleProducer;
import news.pipeline.runtime.TopicReader;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole pipeline on one machine: embedded broker, topics, the three processors, and the
 * bundled samples ingested, with each enriched article printed as a readable line as it arrives (or
 * as a JSON line with --json) and each dead letter as a red line. On an
 * existing data directory it resumes: samples already on the raw topic are not ingested again,
 * and the enriched records already there are printed first.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the embedded broker, creates the topics, runs the three processors, ingests the samples,",
            "and prints one line per enriched article as it arrives (title, focus countries, number of countries;",
            "those already there first) and each dead letter in red, until Ctrl-C. --json prints the JSON records instead.",
            "On an existing data directory it resumes, and does not ingest samples already ingested.",
            "With --once, exits when every sample has come through."
        })
final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    /** How long the demo waits at exit for its dead-letter reader to stop polling. */
    private static final Duration DEAD_LETTER_READER_STOP = Duration.ofSeconds(5);

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    SchemaRegistryOption registry;

    @Mixin
    EmbeddedOptions embedded;

    @Option(
            names = "--samples",
            paramLabel = "DIR",
            description = "Articles to ingest. Default: the project's samples/ folder.")
    Path samples;

    @Mixin
    HttpAddressOption http;

    @Mixin
    ConsoleOption console;

    @Option(
            names = "--json",
            description = "Print each enriched record as one JSON line (as tail does) instead of a readable line.")
    boolean json;

    @Option(names = "--once", description = "Exit once every sample's enriched record has been printed.")
    boolean once;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "With --once: give up after this long. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        registry.applyTo(connection);
        final InetSocketAddress httpAddress = http.address();
        final Path sampleDir = samples != null ? samples : defaultSamples();
        if (!Files.isDirectory(sampleDir)) {
            throw new UserError("no such folder: " + sampleDir + (samples != null ? " (--samples)" : ""));
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final List<ArticleFiles.Article> articles = new ArrayList<>();
        for (final Path file : ArticleFiles.expand(sampleDir)) {
            articles.addAll(ArticleFiles.read(file).requireAll());
        }
        if (articles.isEmpty()) {
            throw new UserError("no samples found in " + sampleDir);
        }
        final PipelineSettings requested = connection.settings();
        final ConsoleAccess consoleAccess = console.access(httpAddress, requested);
        if (requested.bootstrapGiven()) {
            connection.check(requested);
        }
        final AtomicBoolean stopping = new AtomicBoolean();
        final CountDownLatch closed = new CountDownLatch(1);
        // Closed last: the processors need the registry until they stop.
        try (EmbeddedRegistry schemaRegistry = embedded.startRegistryIfAsked(requested);
                Cluster cluster = Cluster.open(
                        EmbeddedOptions.using(requested, schemaRegistry), embedded.dataDir, embedded.port);
                ProcessorService pipeline = startPipeline(cluster, httpAddress);
                Console served = console.start(pipeline, cluster.settings(), consoleAccess);
                TopicReader enriched = new TopicReader(cluster.settings(), Topics.ENRICHED, true)) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                stopping.set(true);
                                try {
                                    closed.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "news-pipeline-demo-shutdown"));
            // A restart on the same data directory must not put the samples through again.
            final Set<String> ingested = TopicReader.keys(cluster.settings(), Topics.RAW);
            final List<ArticleFiles.Article> fresh = articles.stream()
                    .filter(article -> !ingested.contains(article.id()))
                    .toList();
            try (RawArticleProducer producer = new RawArticleProducer(cluster.settings())) {
                for (final RawArticleProducer.Sent sent : producer.send(fresh)) {
                    if (sent.error() != null) {
                        err.println("not ingested: " + sent.article().origin() + ": "
                                + sent.error().getMessage());
                    }
                }
            }
            LOG.info(
                    "ingested {} sample article(s) from {}; {} were already there",
                    fresh.size(),
                    sampleDir,
                    articles.size() - fresh.size());
            final Set<String> waiting = new HashSet<>(
                    articles.stream().map(ArticleFiles.Article::id).toList());
            final long deadline =
                    System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            final Thread deadLetters = json ? null : followDeadLetters(cluster.settings(), out, stopping);
            enriched.read(
                    record -> {
                        out.println(json ? json(record.get("value")) : DemoLines.article(record.get("value")));
                        out.flush();
                        waiting.remove(record.path("key").asText());
                    },
                    positions -> stopping.get() || (once && (waiting.isEmpty() || System.nanoTime() > deadline)));
            stopping.set(true);
            if (deadLetters != null) {
                deadLetters.join(DEAD_LETTER_READER_STOP.toMillis());
            }
            if (once && !waiting.isEmpty()) {
                err.println("not through after " + timeoutSeconds + " s: " + waiting
                        + "; see: news-pipeline tail dead-letter --from-beginning");
                return 1;
            }
            return 0;
        } finally {
            closed.countDown();
        }
    }

    /** Prints each dead letter, those already there first, as a red line among the articles. */
    private static Thread followDeadLetters(
            final PipelineSettings settings, final PrintWriter out, final AtomicBoolean stopping) {
        final boolean colour = CommandLine.Help.Ansi.AUTO.enabled();
        final Thread thread = new Thread(
                () -> {
                    try (TopicReader letters = new TopicReader(settings, Topics.DEAD_LETTER, true)) {
                        letters.read(
                                record -> {
                                    out.println(DemoLines.deadLetter(record.path("value"), colour));
                                    out.flush();
                                },
                                positions -> stopping.get());
                    } catch (RuntimeException e) {
                        LOG.warn("stopped showing dead letters: {}", e.toString());
                    }
                },
                "news-pipeline-demo-dead-letters");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static ProcessorService startPipeline(final Cluster cluster, final InetSocketAddress httpAddress)
            throws Exception {
        cluster.createTopics();
        return ProcessorService.start(cluster, Arrays.asList(ProcessorApp.values()), httpAddress, false);
    }

    /** The project's samples/ folder: beside the launcher, or in the working directory. */
    private static Path defaultSamples() {
        final Path beside = ProjectHome.dir().resolve("samples");
        return Files.isDirectory(beside) ? beside : Path.of("samples");
    }

    private static String json(final Object node) {
        try {
            return AvroJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
