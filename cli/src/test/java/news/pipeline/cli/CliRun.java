package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the {@code news-pipeline} command line in the test's JVM, as a user would run it, with
 * writers of its own: the exit code and what it printed on stdout and on stderr.
 */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code news-pipeline} with these arguments. */
    static CliRun execute(final String... args) {
        return execute(NewsPipeline.commandLine(), args);
    }

    /** Runs this command line (the pipeline's, with a subcommand of the test's added, say) with these arguments. */
    static CliRun execute(final CommandLine commandLine, final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = commandLine
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** The one line a user error prints, after checking that it is all stderr holds. */
    String line() {
        assertThat(err.lines()).as("stderr: %s", err).hasSize(1);
        assertThat(err).doesNotContain("Exception", "\tat ");
        return err.strip();
    }
}
