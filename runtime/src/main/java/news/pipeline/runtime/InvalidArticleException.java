package news.pipeline.runtime;

/** An article file, line or stdin that cannot be ingested as it is; the message says where and why. */
public final class InvalidArticleException extends IllegalArgumentException {
    public InvalidArticleException(final String message) {
        super(message);
    }
}
