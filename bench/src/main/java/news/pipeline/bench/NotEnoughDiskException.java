package news.pipeline.bench;

/**
 * A benchmark whose topics would not fit on the disk of its data directory: refused before its
 * first window, since a broker whose disk fills stops, and the run and whatever shares the disk
 * with it fail together. The user can fix it: fewer pairs, shorter windows, or a larger disk.
 */
public final class NotEnoughDiskException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NotEnoughDiskException(final String message) {
        super(message);
    }
}
