package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import news.pipeline.bench.Progress;
import org.junit.jupiter.api.Test;

/** The logs go through the progress display only while it runs: System.err is given back, also on a failure. */
class ProgressOptionTest {

    @Test
    void systemErrIsSharedWhileTickingAndRestoredWhenTheCommandFails() {
        final PrintStream before = System.err;
        final ProgressOption option = new ProgressOption();
        option.mode = ProgressOption.Mode.TERMINAL;
        final Progress progress = option.progress(new PrintWriter(new StringWriter()));

        assertThatThrownBy(() -> {
                    try (Progress.Ticking ticking = option.start(progress)) {
                        assertThat(System.err).isNotSameAs(before);
                        throw new IllegalStateException("the command failed");
                    }
                })
                .hasMessage("the command failed");
        assertThat(System.err).isSameAs(before);
    }
}
