package news.pipeline.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import news.pipeline.bench.Progress;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;

/** How progress is shown, on stderr: a mixin of bench and eval. */
final class ProgressOption {
    enum Mode {
        AUTO,
        TERMINAL,
        LINES,
        NONE
    }

    @Option(
            names = "--progress",
            paramLabel = "MODE",
            defaultValue = "auto",
            description = "Progress on stderr: terminal (one line rewritten in place), lines (a plain line every"
                    + " 10 s and one as each phase ends), none, or auto (terminal when there is a console, else"
                    + " lines). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    Progress progress(final PrintWriter err) {
        final Mode chosen = mode == Mode.AUTO ? (System.console() != null ? Mode.TERMINAL : Mode.LINES) : mode;
        return switch (chosen) {
            // picocli finds the terminal's width as it does for the usage help; 80 columns when it cannot.
            case TERMINAL ->
                new Progress(
                        err,
                        Progress.Style.TERMINAL,
                        new UsageMessageSpec().autoWidth(true).width(),
                        System::nanoTime);
            case LINES -> new Progress(err, Progress.Style.LINES, Integer.MAX_VALUE, System::nanoTime);
            default -> Progress.none();
        };
    }

    /**
     * Starts ticking, and until closed sends the logs (System.err) through the progress, so
     * that on a terminal a log line does not run into the status line.
     */
    Progress.Ticking start(final Progress progress) {
        final PrintStream logs = System.err;
        final Progress.Ticking ticking = progress.startTicking();
        System.setErr(progress.sharing(logs));
        return () -> {
            try {
                ticking.close();
            } finally {
                System.setErr(logs);
            }
        };
    }
}
