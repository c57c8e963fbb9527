package news.pipeline.cli;

/**
 * A failure the user can fix (a missing file, a wrong name, a bad value): the command line prints
 * its message as one line, without a stack trace, and exits with its code.
 */
final class UserError extends RuntimeException {
    /** Exit code of a usage error, as picocli gives for a bad option. */
    static final int USAGE = 2;
    /** Exit code of a failure at run time, as for a cluster that cannot be reached. */
    static final int FAILURE = 1;

    private final int exitCode;

    UserError(final String message) {
        this(USAGE, message);
    }

    UserError(final int exitCode, final String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
