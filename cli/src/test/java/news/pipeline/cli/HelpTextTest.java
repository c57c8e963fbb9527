package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders as written. picocli reads descriptions as format strings, so a lone
 * "%" ("a 95% interval") makes it warn on stderr at every --help and print the text unformatted.
 */
class HelpTextTest {

    @Test
    void shouldRenderEveryCommandsHelpWithoutAFormatWarning() {
        final List<CommandLine> commands = new ArrayList<>();
        collect(NewsPipeline.commandLine(), commands);
        assertThat(commands).hasSizeGreaterThan(10);
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        final List<String> helps = new ArrayList<>();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : commands) {
                helps.add(command.getUsageMessage());
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("Could not format");
        assertThat(String.join("\n", helps)).contains("bootstrap 95% interval").doesNotContain("%%");
    }

    private static void collect(final CommandLine command, final List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
