package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import news.pipeline.topics.KafkaCallException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * A user's mistake, or a cluster that is not there, is one line on stderr and an exit code, never
 * a stack trace or a minute of retries. No broker: 127.0.0.1:1 refuses connections.
 */
class CommandLineErrorsTest {
    private static final String NOWHERE = "127.0.0.1:1";
    private static final String UNREACHABLE =
            "news-pipeline: cannot reach Kafka at 127.0.0.1:1 — is ./news-pipeline run or demo running?"
                    + " (--bootstrap-servers to use another cluster)";

    @TempDir
    Path dir;

    @Test
    void everyCommandThatNeedsTheClusterSaysInOneLineWhenNothingListens() throws IOException {
        final Path article = Files.writeString(dir.resolve("a.txt"), "A story.");
        final List<String[]> commands = List.of(
                new String[] {"tail", "enriched"},
                new String[] {"lag"},
                new String[] {"topics"},
                new String[] {"ingest", article.toString()},
                new String[] {"replay", "--from", "2h"},
                new String[] {"dlq"},
                new String[] {"dlq", "show", "0@0"},
                new String[] {"dlq", "retry", "--reason", "no_text"},
                new String[] {"run", "--processor", "cleaner"},
                new String[] {"demo", "--samples", Path.of("..", "samples").toString()});
        for (final String[] command : commands) {
            final List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--bootstrap-servers", NOWHERE, "--connect-timeout", "2"));
            final long start = System.nanoTime();
            final CliRun result = CliRun.execute(args.toArray(String[]::new));
            final Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.exitCode()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(result.line()).as(String.join(" ", command)).isEqualTo(UNREACHABLE);
            // Far under the minute Kafka's clients would retry for; loose, since a busy machine is slow to start
            // clients.
            assertThat(took).as(String.join(" ", command)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aServerThatListensButDoesNotAnswerAsKafkaIsGivenUpOnAfterTheConnectTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            final List<Socket> accepted = new ArrayList<>();
            final Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        accepted.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            final long start = System.nanoTime();
            final CliRun result = CliRun.execute(
                    "tail",
                    "enriched",
                    "--bootstrap-servers",
                    "127.0.0.1:" + silent.getLocalPort(),
                    "--connect-timeout",
                    "1");
            final Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.line())
                    .startsWith(
                            "news-pipeline: no answer from Kafka at 127.0.0.1:" + silent.getLocalPort()
                                    + " within 1 s; something listens there: is it a Kafka listener for these security settings?");
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aClusterOfNoNodesOrWithATakenPortIsRefusedInOneLineBeforeANodeStarts() throws IOException {
        final CliRun none = CliRun.execute(
                "cluster", "--nodes", "0", "--data-dir", dir.resolve("none").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.line()).isEqualTo("news-pipeline: --nodes must be from 1 to 9, not 0");

        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            final int port = taken.getLocalPort();
            final CliRun busy = CliRun.execute(
                    "cluster",
                    "--nodes",
                    "1",
                    "--base-port",
                    String.valueOf(port),
                    "--data-dir",
                    dir.resolve("busy").toString());
            assertThat(busy.exitCode()).isEqualTo(1);
            assertThat(busy.line()).startsWith("news-pipeline: ports [" + port);
            assertThat(dir.resolve("busy")).as("no node started").doesNotExist();
        }
    }

    @Test
    void badInputIsOneLineEachWithItsFileAndLineAndTheRestIsStillRead() throws IOException {
        final Path feed = Files.writeString(dir.resolve("feed.jsonl"), "{bad\n\n[1]\n");
        final Path empty = Files.writeString(dir.resolve("empty.json"), "{\"url\": \"https://news.example/a\"}");
        final Path bomb = Files.write(dir.resolve("bomb.html.gz"), gzipBomb());
        final Path broken = Files.write(dir.resolve("broken.txt.gz"), new byte[] {0x1F, (byte) 0x8B, 8, 0});
        // Nothing in these is an article, so nothing needs the cluster: every problem is told, none stops the rest.
        final CliRun result = CliRun.execute(
                "ingest",
                feed.toString(),
                empty.toString(),
                bomb.toString(),
                broken.toString(),
                "--bootstrap-servers",
                NOWHERE);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).doesNotContain("Exception", "\tat ");
        assertThat(result.err().lines())
                .containsExactly(
                        "not ingested: " + feed
                                + ":1: not valid JSON, column 2: Unexpected character ('b' (code 98)): was expecting"
                                + " double-quote to start field name",
                        "not ingested: " + feed
                                + ":3: a JSON array, not an object: a raw article is a JSON object with \"html\" or"
                                + " \"text\"",
                        "not ingested: " + empty + ": a JSON article needs \"html\" or \"text\"",
                        String.format(
                                "not ingested: %s: %,d bytes of gzip inflate to more than 16,777,216 bytes, the"
                                        + " maximum an article may have (what news.articles.raw accepts)",
                                bomb, Files.size(bomb)),
                        "not ingested: " + broken + ": not valid gzip or cannot be read: it ends before the compressed"
                                + " data does (truncated?)",
                        "ingested 0 article(s) into news.articles.raw; 5 failed");
    }

    /** 100 MB of zeros, gzipped: a page that would fill the memory if it were inflated whole. */
    private static byte[] gzipBomb() throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            final byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                gzip.write(zeros);
            }
        }
        return out.toByteArray();
    }

    @Test
    void missingFilesAndFoldersAreNamed() {
        final Path missing = dir.resolve("missing");
        assertThat(CliRun.execute("ingest", missing.toString(), "--bootstrap-servers", NOWHERE))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.line()).isEqualTo("news-pipeline: no such file or folder: " + missing));
        assertThat(CliRun.execute(
                        "eval",
                        "clean",
                        "--pages",
                        missing.toString(),
                        "--out",
                        dir.resolve("out.json").toString()))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r ->
                        assertThat(r.line()).isEqualTo("news-pipeline: no such folder: " + missing + " (--pages)"));
        assertThat(CliRun.execute(
                        "eval",
                        "countries",
                        "--stories",
                        missing.toString(),
                        "--out",
                        dir.resolve("out.jsonl").toString()))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r ->
                        assertThat(r.line()).isEqualTo("news-pipeline: no such file: " + missing + " (--stories)"));
        assertThat(CliRun.execute("tail", "enriched", "--config", missing.toString()))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.line()).isEqualTo("news-pipeline: config file not found: " + missing));
    }

    @Test
    void aConfigFileThatCannotBeReadIsAUsageError() {
        final CliRun folder =
                CliRun.execute("tail", "enriched", "--config", dir.toString(), "--bootstrap-servers", NOWHERE);
        assertThat(folder.exitCode()).isEqualTo(2);
        assertThat(folder.line()).isEqualTo("news-pipeline: cannot read config file " + dir + ": Is a directory");
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidSoInOneLine() {
        final CliRun result = CliRun.execute("tail", "enriched", "--bootstrap-servers", "no-such-host.invalid:9092");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.line())
                .isEqualTo(
                        "news-pipeline: cannot resolve host no-such-host.invalid in bootstrap.servers"
                                + " no-such-host.invalid:9092 — is the host name right? (--bootstrap-servers to use another cluster)");
    }

    @Test
    void theBenchmarksSettingsAreCheckedAsEveryCommandsAre() {
        final CliRun unknown = CliRun.execute(
                "bench", "--set", "news.pipeline.cleaner.max.content.byte=1", "--skip-stages", "--skip-e2e");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.line())
                .startsWith("news-pipeline: unknown setting news.pipeline.cleaner.max.content.byte"
                        + " (did you mean news.pipeline.cleaner.max.content.bytes?)");
        final CliRun tooSmall = CliRun.execute(
                "bench", "--set", "news.pipeline.cleaner.max.content.bytes=1", "--skip-stages", "--skip-e2e");
        assertThat(tooSmall.exitCode()).isEqualTo(2);
        assertThat(tooSmall.line())
                .isEqualTo("news-pipeline: news.pipeline.cleaner.max.content.bytes=1: out of range;"
                        + " allowed: an integer >= 1024 (bytes)");
    }

    @Test
    void aBadSettingIsAUsageErrorThatNamesTheKeyTheValueAndWhatIsAllowed() {
        final CliRun notANumber = CliRun.execute(
                "tail",
                "enriched",
                "--set",
                "news.pipeline.cleaner.max.content.bytes=abc",
                "--bootstrap-servers",
                NOWHERE);
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.line())
                .isEqualTo("news-pipeline: news.pipeline.cleaner.max.content.bytes=abc: not a whole"
                        + " number; allowed: an integer >= 1024 (bytes)");

        final CliRun negative = CliRun.execute("run", "--set", "news.pipeline.cleaner.max.content.bytes=-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.line())
                .isEqualTo("news-pipeline: news.pipeline.cleaner.max.content.bytes=-1: out of range;"
                        + " allowed: an integer >= 1024 (bytes)");

        final CliRun unknown = CliRun.execute(
                "lag", "--set", "news.pipeline.cleaner.max.content.byte=10", "--bootstrap-servers", NOWHERE);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.line())
                .startsWith("news-pipeline: unknown setting news.pipeline.cleaner.max.content.byte"
                        + " (did you mean news.pipeline.cleaner.max.content.bytes?)");
    }

    @Test
    void aKafkaConfigExceptionIsAUsageError() {
        final CliRun result = CliRun.execute("tail", "enriched", "--bootstrap-servers", "no-port-here");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.line()).isEqualTo("news-pipeline: Invalid url in bootstrap.servers: no-port-here");
        assertThat(NewsPipeline.describe(new ConfigException("linger.ms", "abc", "Not a number"))
                        .exitCode())
                .isEqualTo(2);
    }

    @Test
    void wrongNamesAndValuesAreUsageErrors() {
        assertThat(CliRun.execute("tail", "no-such-topic", "--bootstrap-servers", NOWHERE))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.line())
                        .startsWith("news-pipeline: not a pipeline topic: news.articles.no-such-topic; known: ["));
        assertThat(CliRun.execute("lag", "-p", "cleaner,sorter", "--bootstrap-servers", NOWHERE))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.line())
                        .isEqualTo("news-pipeline: unknown processor sorter; known: cleaner, tagger, publisher, all"));
        assertThat(CliRun.execute("lag", "--serve", "127.0.0.1:0"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.line()).startsWith("news-pipeline: --serve needs --watch SECONDS"));
        assertThat(CliRun.execute("replay", "--to", "1h"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.line()).startsWith("news-pipeline: replay needs --from TIME"));
        assertThat(CliRun.execute("dlq", "--since", "last tuesday"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.line())
                        .startsWith("news-pipeline: --from: not a date-time, date or duration: last tuesday"));
        assertThat(CliRun.execute("lag", "--watch", "0", "--bootstrap-servers", NOWHERE))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(
                        r -> assertThat(r.line()).isEqualTo("news-pipeline: --watch must be at least 1 second, not 0"));
        assertThat(CliRun.execute("bench", "--articles", "-5"))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.line()).isEqualTo("news-pipeline: --articles must be at least 1, not -5"));
        // Malformed HTTP addresses are told before a broker or a processor starts.
        for (final String[] args : List.of(
                new String[] {"run", "--http-address", "127.0.0.1:abc", "--bootstrap-servers", NOWHERE},
                new String[] {"demo", "--http-address", "8080"},
                new String[] {"lag", "--watch", "1", "--serve", "127.0.0.1:99999", "--bootstrap-servers", NOWHERE})) {
            final String option = args[1].equals("--watch") ? "--serve" : "--http-address";
            assertThat(CliRun.execute(args))
                    .satisfies(r ->
                            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2))
                    .satisfies(r -> assertThat(r.line())
                            .as(String.join(" ", args))
                            .startsWith(
                                    "news-pipeline: " + option + ": an HTTP address is HOST:PORT (port 0 to 65535"));
        }
    }

    @Test
    void aConsoleOpenToTheNetworkWithoutALoginIsRefusedBeforeAnythingStarts() {
        for (final String[] args : List.of(
                new String[] {"run", "--http-address", "0.0.0.0:0", "--bootstrap-servers", NOWHERE}, new String[] {
                    "demo",
                    "--http-address",
                    "0.0.0.0:0",
                    "--bootstrap-servers",
                    NOWHERE,
                    "--samples",
                    Path.of("..", "samples").toString()
                })) {
            assertThat(CliRun.execute(args))
                    .satisfies(r ->
                            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2))
                    .satisfies(r -> assertThat(r.line())
                            .as(String.join(" ", args))
                            .startsWith("news-pipeline: the console on 0.0.0.0 (not loopback) needs"
                                    + " news.pipeline.console.user and news.pipeline.console.password"));
        }
    }

    @Test
    void unknownCommandsOptionsAndEnumValuesAreUsageErrorsWithoutAStackTrace() {
        for (final String[] args : List.of(
                new String[] {"nosuch"},
                new String[] {"tail", "--nope", "enriched"},
                new String[] {"dlq", "--reason", "BORED"},
                new String[] {"lag", "--connect-timeout", "soon"},
                new String[] {"bench", "--workloads", "text,video"})) {
            final CliRun result = CliRun.execute(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            // picocli's own message, then the usage or the commands it may have meant.
            assertThat(result.err()).as(String.join(" ", args)).isNotBlank().doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void deadLetterReasonsAreListedFromTheEnumAndTakenInAnyCase() {
        assertThat(CliRun.execute("dlq", "--help").out())
                .contains("MALFORMED_RECORD", "OVERSIZED", "NO_TEXT", "PROCESSING_ERROR");
        assertThat(CliRun.execute(
                                "dlq",
                                "--reason",
                                "no_text,Oversized",
                                "--bootstrap-servers",
                                NOWHERE,
                                "--connect-timeout",
                                "1")
                        .line())
                .isEqualTo(UNREACHABLE);
    }

    /** A command that fails as the test says, run through the real command line. */
    @Command(name = "fail")
    static final class FailingCommand implements Callable<Integer> {
        private final Exception failure;

        FailingCommand(final Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    private static CliRun runFailing(final Exception failure) {
        return CliRun.execute(NewsPipeline.commandLine().addSubcommand("fail", new FailingCommand(failure)), "fail");
    }

    @Test
    void aBugStillShowsItsStackTrace() {
        // A user error deep inside a bug does not make it a user error.
        final CliRun bug = runFailing(new IllegalStateException("bug", new ConfigException("x")));
        assertThat(bug.exitCode()).isEqualTo(1);
        assertThat(bug.err())
                .contains(
                        "java.lang.IllegalStateException: bug",
                        "\tat ",
                        "Caused by: " + ConfigException.class.getName())
                .doesNotContain("news-pipeline: x");
        assertThat(runFailing(new KafkaException("wrapped", new AuthenticationException("no")))
                        .err())
                .contains("org.apache.kafka.common.KafkaException: wrapped", "\tat ");
        assertThat(NewsPipeline.describe(new IllegalStateException("a bug"))).isNull();
        assertThat(NewsPipeline.describe(new UncheckedIOException(new IOException("disk"))))
                .isNull();
    }

    @Test
    void onlyTheWrappersOfFuturesAndAdminCallsAreLookedThrough() {
        final CliRun wrapped = runFailing(new ExecutionException(new CompletionException(new ConfigException("bad"))));
        assertThat(wrapped.exitCode()).isEqualTo(2);
        assertThat(wrapped.line()).isEqualTo("news-pipeline: bad");

        final CliRun refused = runFailing(new KafkaCallException(
                "create topic news.articles.raw",
                new InvalidReplicationFactorException("Unable to replicate the partition 3 time(s)")));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.line())
                .isEqualTo("news-pipeline: Kafka refused to create topic news.articles.raw:"
                        + " Unable to replicate the partition 3 time(s)");
        for (final Exception refusal : List.of(
                new InvalidPartitionsException("Number of partitions must be larger than 0"),
                new InvalidConfigurationException("Invalid value 9 for configuration min.insync.replicas"),
                new PolicyViolationException("no"))) {
            assertThat(runFailing(new KafkaCallException(null, refusal)).line())
                    .isEqualTo("news-pipeline: Kafka refused: " + refusal.getMessage());
        }
    }

    @Test
    void anAdminCallThatKafkaDoesNotAnswerInTimeIsOneLine() {
        final CliRun late = runFailing(new TimeoutException("list topics: no answer within 60 s"));
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.line())
                .startsWith("news-pipeline: Kafka did not answer in time: list topics: no answer within 60 s");
    }

    @Test
    void shortCommandsLogToAFileOfTheirOwnAndLongRunningOnesToStderr() {
        final Map<String, String> environment = Map.of(CliLogging.LOG_DIR_VARIABLE, dir.toString());
        assertThat(CliLogging.fileFor(new String[] {"tail", "enriched"}, environment))
                .contains(dir.resolve("tail.log"));
        assertThat(CliLogging.fileFor(new String[] {"lag", "--watch", "5"}, environment))
                .contains(dir.resolve("lag.log"));
        assertThat(CliLogging.fileFor(new String[] {"typo"}, environment)).contains(dir.resolve("news-pipeline.log"));
        assertThat(CliLogging.fileFor(new String[] {"run", "-p", "cleaner"}, environment))
                .isEqualTo(Optional.empty());
        assertThat(CliLogging.fileFor(new String[] {"demo"}, environment)).isEmpty();
        assertThat(CliLogging.fileFor(new String[] {"lag", "--watch", "15", "--serve", "0.0.0.0:8080"}, environment))
                .isEmpty();
        assertThat(CliLogging.fileFor(new String[] {"tail", "raw"}, Map.of())
                        .orElseThrow()
                        .getParent()
                        .getFileName()
                        .toString())
                .startsWith("news-pipeline-");
    }
}
