package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.Cluster;
import news.pipeline.runtime.ProcessorService;
import news.pipeline.runtime.RawArticleProducer;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testkit.EmbeddedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A console closed and attached again to the same running processors, as {@code bench} does to
 * compare the pipeline with and without it in one JVM: closing leaves none of its threads and
 * stops serving its pages (the processors' /metrics stays), and the console attached again answers.
 */
class ConsoleReattachIT {
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aClosedConsoleLeavesNoThreadAndCanBeAttachedAgain() throws Exception {
        try (EmbeddedCluster cluster = new EmbeddedCluster(dataDir);
                Cluster handle = Cluster.open(cluster.settings(), dataDir, 0);
                ProcessorService pipeline = ProcessorService.start(
                        handle, Arrays.asList(ProcessorApp.values()), new InetSocketAddress("127.0.0.1", 0), true)) {
            final InetSocketAddress address = pipeline.http().orElseThrow().address();
            final URI base = URI.create("http://127.0.0.1:" + address.getPort() + "/");
            try (RawArticleProducer producer = new RawArticleProducer(cluster.settings())) {
                assertThat(producer.send(ArticleFiles.read(Path.of("..", "samples", "seed-article.txt"))
                                .requireAll()))
                        .allSatisfy(sent -> assertThat(sent.error()).isNull());
            }
            cluster.awaitCaughtUp(List.of(ProcessorApp.values()));

            final Console first = attach(pipeline, handle, address);
            assertThat(first.awaitCaughtUp(CATCH_UP)).isTrue();
            assertThat(status(base.resolve("api/pipeline"))).isEqualTo(200);
            assertThat(consoleThreads()).isNotEmpty();
            first.close();

            assertThat(consoleThreads()).as("the console's threads after close").isEmpty();
            assertThat(status(base)).as("the console's page after close").isEqualTo(404);
            assertThat(status(base.resolve("api/pipeline"))).isEqualTo(404);
            assertThat(status(base.resolve("metrics")))
                    .as("the processors' /metrics")
                    .isEqualTo(200);

            final Console second = attach(pipeline, handle, address);
            try {
                assertThat(second.awaitCaughtUp(CATCH_UP)).isTrue();
                assertThat(status(base)).isEqualTo(200);
                final HttpResponse<String> pipelinePage = get(base.resolve("api/pipeline"));
                assertThat(pipelinePage.statusCode()).isEqualTo(200);
                assertThat(pipelinePage.body()).contains("\"cleaner\"", "\"tagger\"", "\"publisher\"");
                // The seed article, counted again from the by-country topic by the new console.
                final HttpResponse<String> countries = get(base.resolve("api/countries?window=all"));
                assertThat(countries.statusCode()).isEqualTo(200);
                assertThat(countries.body()).contains("\"AM\"");
            } finally {
                second.close();
            }
            assertThat(consoleThreads())
                    .as("the console's threads after the second close")
                    .isEmpty();
        }
    }

    private static Console attach(
            final ProcessorService pipeline, final Cluster handle, final InetSocketAddress address) {
        return Console.attach(
                        pipeline,
                        handle.settings(),
                        ConsoleAccess.of(address, handle.settings(), false),
                        Duration.ofSeconds(1))
                .orElseThrow();
    }

    /** Live threads the console started (its Kafka admin client's included, named after it). */
    private static List<String> consoleThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.contains(Console.THREAD_NAME))
                .toList();
    }

    private int status(final URI uri) throws Exception {
        return get(uri).statusCode();
    }

    private HttpResponse<String> get(final URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
