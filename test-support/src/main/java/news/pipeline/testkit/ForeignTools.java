package news.pipeline.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs of other languages and projects that integration tests drive (kcat, Python, Node,
 * PostgreSQL). Outside CI a missing one skips its test, with the reason and the command that
 * installs it; in CI (the {@code CI} environment variable set, as {@code .ci/run} does) it fails
 * the test, so that a build machine without it cannot pass by skipping.
 */
public final class ForeignTools {
    private ForeignTools() {}

    /**
     * Runs the check command; unless it exits with 0, fails the test in CI and skips it elsewhere.
     *
     * @param tool    what is missing, as a user would name it
     * @param install the command that installs it
     * @param check   a command that exits with 0 when the tool is there
     */
    public static void require(final String tool, final String install, final String... check) {
        String problem;
        try {
            final Process process =
                    new ProcessBuilder(check).redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            problem = process.waitFor() == 0 ? null : output.strip();
        } catch (IOException e) {
            problem = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        if (problem != null) {
            missing(tool + " is not installed (" + problem + "); install it with: " + install);
        }
    }

    /** Fails the test in CI and skips it elsewhere, with the message. */
    public static void missing(final String message) {
        if (System.getenv("CI") != null) {
            fail(message + ". CI is set, so this test may not be skipped.");
        }
        Assumptions.abort(message + ". Skipped because CI is not set.");
    }
}
