package news.pipeline.cli;

import java.time.Instant;
import news.pipeline.ops.TimeArguments;
import picocli.CommandLine.Option;

/** A window of record time, as replay and dlq take it; times as operators write them ({@link TimeArguments}). */
public final class TimeWindow {

    @Option(
            names = {"--from", "--since"},
            paramLabel = "TIME",
            description =
                    "Start of the window: 2026-03-04T09:30:00Z, 2026-03-04, or a duration back from now (2h, 30m, 7d, PT2H).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description = "End of the window, exclusive; the same forms. Default: now.")
    String to;

    /** The start, or null when none was given. */
    Instant start(final Instant now) {
        return from == null ? null : parse("--from", from, now);
    }

    Instant end(final Instant now) {
        return to == null ? now : parse("--to", to, now);
    }

    private static Instant parse(final String option, final String value, final Instant now) {
        try {
            return TimeArguments.parse(value, now);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }
}
