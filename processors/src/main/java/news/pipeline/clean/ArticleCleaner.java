package news.pipeline.clean;

/**
 * Turns a raw page or text into a clean article. Thread-safe and immutable: one instance serves
 * every stream thread. PLACEHOLDER: being written on the cleaner branch.
 */
public final class ArticleCleaner {
    /** Version of the cleaning logic; part of every clean record. Bump it whenever output can change. */
    public static final String VERSION = "0.0.0";
    /** Default largest content accepted, in bytes. */
    public static final int DEFAULT_MAX_CONTENT_BYTES = 4 * 1024 * 1024;

    private final int maxContentBytes;

    public ArticleCleaner(int maxContentBytes) {
        this.maxContentBytes = maxContentBytes;
    }

    public CleanDocument clean(RawDocument raw) throws RejectedDocumentException {
        throw new UnsupportedOperationException("cleaner not written yet");
    }
}
