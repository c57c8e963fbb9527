package news.pipeline.cli;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.runtime.InvalidArticleException;
import news.pipeline.runtime.KafkaConnectionException;
import news.pipeline.runtime.MissingTopicException;
import news.pipeline.serde.SchemaRegistration;
import news.pipeline.serde.SchemaRegistryUnavailableException;
import news.pipeline.tag.CountryTagger;
import news.pipeline.topics.KafkaCallException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/**
 * The news-pipeline command. {@code main} only runs it; each subcommand returns its exit code.
 * A failure the user can fix (a bad setting, a missing file, a cluster that cannot be reached) is
 * one line on stderr and exit code 2 (usage, settings, input) or 1 (at run time); any other
 * exception is a bug and keeps its stack trace.
 */
@Command(
        name = "news-pipeline",
        mixinStandardHelpOptions = true,
        versionProvider = NewsPipeline.Versions.class,
        description =
                "Streaming news processing on Kafka: clean articles, tag the countries involved, publish by country.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            ClusterCommand.class,
            IngestCommand.class,
            CrawlCommand.class,
            ImportWarcCommand.class,
            TailCommand.class,
            EnrichCommand.class,
            TopicsCommand.class,
            LagCommand.class,
            ReplayCommand.class,
            DlqCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            BenchWarcCommand.class,
            CommandLine.HelpCommand.class
        })
public final class NewsPipeline {
    static final String PREFIX = "news-pipeline: ";

    /** A failure as the user sees it: one line, and the exit code. */
    record Failure(int exitCode, String message) {}

    public static void main(final String[] args) {
        CliLogging.configure(args, System.getenv());
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code, without exiting. */
    public static int execute(final String... args) {
        return commandLine().execute(args);
    }

    /** The command line with its failure handling; tests give it their own writers with setOut and setErr. */
    public static CommandLine commandLine() {
        return new CommandLine(new NewsPipeline())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(NewsPipeline::handle);
    }

    private static int handle(final Exception exception, final CommandLine command, final ParseResult parsed)
            throws Exception {
        final Failure failure = describe(exception);
        if (failure == null) {
            // A bug: picocli prints the stack trace and exits with 1.
            throw exception;
        }
        command.getErr()
                .println(PREFIX
                        + failure.message().lines().findFirst().orElse("").strip());
        command.getErr().flush();
        return failure.exitCode();
    }

    /**
     * The one line and exit code of a failure the user can fix, or null for a bug.
     *
     * <p>One rule: the exception thrown decides, once the wrappers that only carry another
     * exception are taken off (an ExecutionException or CompletionException of a future, a
     * {@link KafkaCallException} of an Admin call). Any other exception is judged by itself, not by
     * its causes: a bug that happens to wrap a ConfigException or a time-out deep inside is still a
     * bug, and keeps its stack trace.
     */
    static Failure describe(final Throwable thrown) {
        Throwable failure = thrown;
        Optional<String> request = Optional.empty();
        while ((failure instanceof ExecutionException
                        || failure instanceof CompletionException
                        || failure instanceof KafkaCallException)
                && failure.getCause() != null) {
            if (failure instanceof KafkaCallException call && request.isEmpty()) {
                request = call.request();
            }
            failure = failure.getCause();
        }
        if (failure instanceof UserError error) {
            return new Failure(error.exitCode(), error.getMessage());
        }
        if (failure instanceof ConfigException || failure instanceof InvalidArticleException) {
            return new Failure(UserError.USAGE, failure.getMessage());
        }
        if (failure instanceof KafkaConnectionException connection) {
            return new Failure(
                    UserError.FAILURE,
                    switch (connection.problem()) {
                        case UNRESOLVED ->
                            connection.getMessage()
                                    + " — is the host name right? (--bootstrap-servers to use another cluster)";
                        case NOT_LISTENING ->
                            "cannot reach Kafka at " + connection.bootstrapServers()
                                    + " — is ./news-pipeline run or demo running? (--bootstrap-servers to use another cluster)";
                        case NO_ANSWER ->
                            connection.getMessage()
                                    + "; something listens there: is it a Kafka listener for these security settings?"
                                    + logHint();
                        case AUTHENTICATION ->
                            "Kafka at " + connection.bootstrapServers() + " refused authentication: "
                                    + connection.getMessage() + " (check the sasl.* and ssl.* settings)";
                    });
        }
        if (failure instanceof SchemaRegistryUnavailableException
                || failure instanceof SchemaRegistration.IncompatibleSchemaException) {
            return new Failure(UserError.FAILURE, failure.getMessage());
        }
        if (failure instanceof MissingTopicException) {
            return new Failure(UserError.FAILURE, failure.getMessage());
        }
        if (failure instanceof TimeoutException) {
            // An Admin call of ours that Kafka did not answer in time (topics, lag).
            return new Failure(UserError.FAILURE, "Kafka did not answer in time: " + failure.getMessage() + logHint());
        }
        return KafkaErrors.describe(failure, request);
    }

    static String logHint() {
        return CliLogging.file().map(file -> " (client log: " + file + ")").orElse("");
    }

    static final class Versions implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = NewsPipeline.class.getPackage().getImplementationVersion();
            return new String[] {
                "news-pipeline " + (version == null ? "(development build)" : version),
                "cleaner " + ArticleCleaner.VERSION + ", tagger " + CountryTagger.VERSION + ", gazetteer "
                        + CountryTagger.loadDefault().gazetteerVersion()
            };
        }
    }
}
