package news.pipeline.clean;

/** Thrown when a document cannot become a clean article; carries the reason for the dead-letter topic. */
public final class RejectedDocumentException extends Exception {
    private final Rejection rejection;

    public RejectedDocumentException(final Rejection rejection, final String message) {
        super(message);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    /** Rejections are expected outcomes, not bugs: the stack trace would cost time and say nothing. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
