package news.pipeline.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs of other languages and projects that integration tests drive (kcat, Python, Node,
 * PostgreSQL). Outside CI a missing one skips its test, with the reason and the command that
 * installs it; in CI (the {@code CI} environment variable set, as {@code .ci/run} does) it fails
 * the test, so that a build machine without it cannot pass by skipping. The tests run them as the
 * README tells users to, from the README's own command lines.
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

    /**
     * The README's command line that starts with the given text, split into words as a shell would
     * split it (its commands have no quotes but single ones around whole words), with each word that
     * is a key of {@code replacements} replaced by its value: the test's own addresses and files for
     * the README's.
     */
    public static List<String> readmeCommand(
            final Path readme, final String start, final Map<String, String> replacements) throws IOException {
        final String line = Files.readAllLines(readme).stream()
                .filter(text -> text.startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError(readme + " has no command starting with " + start));
        final List<String> words = new ArrayList<>();
        for (final String word : line.strip().split(" +")) {
            final String unquoted = word.length() >= 2 && word.startsWith("'") && word.endsWith("'")
                    ? word.substring(1, word.length() - 1)
                    : word;
            words.add(replacements.getOrDefault(unquoted, unquoted));
        }
        return words;
    }
}
