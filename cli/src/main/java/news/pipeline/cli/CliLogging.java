package news.pipeline.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a command's logs go. The long-running commands (run, demo, cluster, bench, and lag --serve) log
 * on stderr, where operators watch them. The short ones (tail, lag, topics, ingest, replay, dlq,
 * eval) write their log, mostly the Kafka clients' warnings while they retry a broker, to a file,
 * so that the terminal shows only their output and, on failure, one line.
 *
 * <p>slf4j-simple reads its configuration once, when the first logger is made: this runs first
 * thing in {@code main}, from the raw arguments, before picocli or any Kafka class is loaded.
 */
final class CliLogging {
    /** Environment variable naming the folder of the short commands' logs. */
    static final String LOG_DIR_VARIABLE = "NEWS_PIPELINE_LOG_DIR";

    private static final String LOG_FILE_PROPERTY = "org.slf4j.simpleLogger.logFile";
    private static final Set<String> LONG_RUNNING = Set.of("run", "demo", "bench", "cluster");
    private static final Set<String> SHORT = Set.of("tail", "lag", "topics", "ingest", "replay", "dlq", "eval", "help");

    private static volatile Path file;

    private CliLogging() {}

    /** The short command's log file, once {@link #configure} has chosen one. */
    static Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    static void configure(final String[] args, final Map<String, String> environment) {
        if (System.getProperty(LOG_FILE_PROPERTY) != null) {
            // Chosen by the user (NEWS_PIPELINE_JAVA_OPTS=-Dorg.slf4j.simpleLogger.logFile=...).
            return;
        }
        final Optional<Path> chosen = fileFor(args, environment);
        if (chosen.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(chosen.get().getParent());
            // slf4j-simple would print a stack trace and fall back to stderr if it could not open the file: find out
            // first.
            try (OutputStream probe = Files.newOutputStream(chosen.get())) {
                probe.flush();
            }
        } catch (IOException | SecurityException e) {
            return;
        }
        System.setProperty(LOG_FILE_PROPERTY, chosen.get().toString());
        file = chosen.get();
    }

    /** The log file of a short command, one per command name, or empty for a long-running one (stderr). */
    static Optional<Path> fileFor(final String[] args, final Map<String, String> environment) {
        final List<String> arguments = Arrays.asList(args);
        final String command = arguments.stream()
                .filter(arg -> !arg.startsWith("-"))
                .findFirst()
                .orElse("news-pipeline");
        final boolean serving = arguments.stream().anyMatch(arg -> arg.equals("--serve") || arg.startsWith("--serve="));
        if (LONG_RUNNING.contains(command) || (command.equals("lag") && serving)) {
            return Optional.empty();
        }
        return Optional.of(
                logDirectory(environment).resolve((SHORT.contains(command) ? command : "news-pipeline") + ".log"));
    }

    /** NEWS_PIPELINE_LOG_DIR, else a folder of the user's own under the temporary directory. */
    static Path logDirectory(final Map<String, String> environment) {
        final String given = environment.get(LOG_DIR_VARIABLE);
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        return Path.of(
                System.getProperty("java.io.tmpdir"), "news-pipeline-" + System.getProperty("user.name", "user"));
    }
}
