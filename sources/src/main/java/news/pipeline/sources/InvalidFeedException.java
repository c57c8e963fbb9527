package news.pipeline.sources;

/** A feed that could not be read, and why: the crawler counts it, records it and goes on. */
public final class InvalidFeedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a document is not a feed the crawler can read. */
    public enum Reason {
        NOT_XML,
        NOT_A_FEED,
        MALFORMED
    }

    private final Reason reason;

    public InvalidFeedException(final Reason reason, final String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
