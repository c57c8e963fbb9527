package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.pipeline.console.Console;
import news.pipeline.console.ConsoleAccess;
import news.pipeline.runtime.AvroJson;
import news.pipeline.runtime.Cluster;
import news.pipeline.runtime.LocalCluster;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.ProcessorService;
import news.pipeline.testkit.FaultKit;
import news.pipeline.testkit.FreePorts;
import news.pipeline.testkit.HangingTransaction;
import news.pipeline.testkit.StallReport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lag} on a real hanging transaction, the one Kafka 4.4.0 leaves (KAFKA-20734) when a
 * transaction commits while the only replica of a partition it wrote to is down: the
 * transaction coordinator, on another node, takes the partition with no leader for a deleted one,
 * records the commit and writes no marker there. Back up, the partition holds an open transaction
 * that nothing will end, and a processor reading it sees no lag while it reads nothing more.
 *
 * <p>What a user sees of it is checked here: {@code lag}'s line, its exit code under
 * {@code --max-lag-seconds}, its JSON, the gauge {@code lag --watch --serve} gives Prometheus, the
 * console's Lag page data, and all of it gone after Kafka's abort at the partition, the way out the
 * README gives.
 *
 * <p>A lone broker meets this by chance, on a clean stop or after a crash (see
 * BrokerRestartFaultIT); three nodes, with the coordinator away from the partition's only
 * replica, make it certain. Should a Kafka upgrade fix the bug, the commit reaches the partition
 * and this test fails: what the README says of hanging transactions is then out of date.
 */
@Tag("fault")
class HangingTransactionIT {
    private static final Duration NODE_START = Duration.ofMinutes(2);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String LIMIT_SECONDS = "600";
    private static final Duration CONSOLE_LAG_INTERVAL = Duration.ofSeconds(1);
    private static final String WATCH_SECONDS = "1";
    /** The tagger's series of the gauge, as Prometheus scrapes it, and its value. */
    private static final Pattern HANGING_GAUGE = Pattern.compile(
            "(?m)^news_pipeline_hanging_transactions\\{application=\"[^\"]*tagger[^\"]*\"[^}]*} (\\S+)$");

    /** Kept when the test fails: the nodes' logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void lagAndTheConsoleNameATransactionLeftHangingAndAbortingItFreesThePartition() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 3, 0, NODE_START);
                Admin admin = cluster.admin()) {
            final PipelineSettings settings =
                    FaultKit.settings(cluster.bootstrapServers(), dir.resolve("state"), Map.of());
            final HangingTransaction hang = HangingTransaction.leaveOne(cluster, admin, settings, NODE_START);
            final String transactionalId = hang.transactionalId();
            final TopicPartition partition = hang.partition();

            final CliRun table = lag(cluster, "--max-lag-seconds", LIMIT_SECONDS);
            System.out.print(table.out());
            assertThat(table.exitCode())
                    .as("held back for good is further behind than any limit; stderr: %s", table.err())
                    .isEqualTo(LagCommand.BEHIND_EXIT_CODE);
            assertThat(table.out())
                    .contains("hanging transaction: " + partition + ": 1 offsets held back from 0")
                    .contains(transactionalId, "CompleteCommit", "HANGING")
                    .contains("kafka-transactions.sh --bootstrap-server " + cluster.bootstrapServers()
                            + " abort --topic news.articles.clean --partition 0 --start-offset 0");

            final JsonNode open = AvroJson.MAPPER
                    .readTree(lag(cluster, "--json").out())
                    .get("applications")
                    .get(0)
                    .get("open_transactions");
            assertThat(open).hasSize(1);
            assertThat(open.get(0).get("transactional_id").asText()).isEqualTo(transactionalId);
            assertThat(open.get(0).get("hanging").asBoolean()).isTrue();
            // what the broker restart test asks before it aborts rather than fails
            assertThat(StallReport.hangingTransactions(settings))
                    .singleElement()
                    .satisfies(hold -> assertThat(hold.transactionalId()).contains(transactionalId));

            // lag --watch --serve, as Prometheus would scrape it, until interrupted as by Ctrl-C
            final int metricsPort = FreePorts.one();
            final URI metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
            final Thread watcher = new Thread(
                    () -> lag(cluster, "--watch", WATCH_SECONDS, "--serve", "127.0.0.1:" + metricsPort), "lag-watch");
            watcher.setDaemon(true);
            watcher.start();
            assertThat(awaitHangingGauge(metrics, value -> value > 0)).isEqualTo(1.0);

            // the console of a process with no processors: its sampler asks as lag does
            try (Cluster handle = Cluster.open(settings, dir.resolve("console"), 0);
                    ProcessorService served =
                            ProcessorService.start(handle, List.of(), new InetSocketAddress("127.0.0.1", 0), true);
                    Console console = Console.attach(
                                    served,
                                    handle.settings(),
                                    ConsoleAccess.of(served.http().orElseThrow().address(), handle.settings(), false),
                                    CONSOLE_LAG_INTERVAL)
                            .orElseThrow()) {
                final JsonNode shown = awaitLagPage(
                        console, page -> !page.get("hangingTransactions").isEmpty());
                assertThat(shown.get("hangingTransactions")).singleElement().satisfies(hold -> {
                    assertThat(hold.get("topic").asText()).isEqualTo(partition.topic());
                    assertThat(hold.get("partition").asInt()).isEqualTo(partition.partition());
                    assertThat(hold.get("description").asText()).contains(transactionalId, "HANGING");
                });

                hang.abort(admin);
                awaitLagPage(console, page -> page.get("hangingTransactions").isEmpty());
                assertThat(awaitHangingGauge(metrics, value -> value == 0)).isZero();
            } finally {
                watcher.interrupt();
                watcher.join(ADMIN_TIMEOUT.toMillis());
            }
            final CliRun after = lag(cluster, "--max-lag-seconds", LIMIT_SECONDS);
            assertThat(after.exitCode()).as("stderr: %s", after.err()).isZero();
            assertThat(after.out()).doesNotContain("hanging transaction");
        }
    }

    /** The Lag page's data once it satisfies the condition; the sampler takes two looks to call a hold hanging. */
    private static JsonNode awaitLagPage(final Console console, final Predicate<JsonNode> condition) throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        final HttpRequest request =
                HttpRequest.newBuilder(console.url().resolve("api/lag")).build();
        final long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            final JsonNode page = AvroJson.MAPPER.readTree(
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            if (condition.test(page)) {
                return page;
            }
            assertThat(System.nanoTime()).as("the Lag page's data: %s", page).isLessThan(deadline);
            Thread.sleep(CONSOLE_LAG_INTERVAL.toMillis());
        }
    }

    /** The tagger's hanging-transactions gauge once it satisfies the condition; it is measured every second. */
    private static double awaitHangingGauge(final URI metrics, final DoublePredicate condition) throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        final long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        String scraped = "(nothing served yet)";
        while (true) {
            try {
                scraped = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                final Matcher gauge = HANGING_GAUGE.matcher(scraped);
                if (gauge.find() && condition.test(Double.parseDouble(gauge.group(1)))) {
                    return Double.parseDouble(gauge.group(1));
                }
            } catch (ConnectException notYetServing) {
                // lag serves once it has connected to the cluster
            }
            assertThat(System.nanoTime()).as("%s served: %s", metrics, scraped).isLessThan(deadline);
            Thread.sleep(CONSOLE_LAG_INTERVAL.toMillis());
        }
    }

    private static CliRun lag(final LocalCluster cluster, final String... options) {
        final String[] args = new String[options.length + 5];
        args[0] = "lag";
        args[1] = "-p";
        args[2] = "tagger";
        System.arraycopy(options, 0, args, 3, options.length);
        args[options.length + 3] = "--bootstrap-servers";
        args[options.length + 4] = cluster.bootstrapServers();
        return CliRun.execute(args);
    }
}
