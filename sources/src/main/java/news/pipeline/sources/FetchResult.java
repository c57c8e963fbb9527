package news.pipeline.sources;

import java.net.URI;
import java.util.Locale;

/**
 * What one fetch came to, after redirects and retries.
 *
 * @param outcome      how it ended
 * @param status       the last HTTP status, or 0 when there was no response
 * @param finalUri     the URL the content came from, after redirects
 * @param contentType  the response's Content-Type, or null
 * @param body         the content when the outcome is {@link Outcome#OK}, else null
 * @param etag         the response's ETag, or null
 * @param lastModified the response's Last-Modified, or null
 * @param detail       a line for the operator when it did not end OK
 */
public record FetchResult(
        Outcome outcome,
        int status,
        URI finalUri,
        String contentType,
        byte[] body,
        String etag,
        String lastModified,
        String detail) {

    /** How a fetch ended. Each but OK and NOT_MODIFIED is a reason counted in the crawl's metrics. */
    public enum Outcome {
        OK,
        NOT_MODIFIED,
        HTTP_STATUS,
        NOT_HTML,
        TOO_LARGE,
        TIMEOUT,
        CONNECTION_FAILED,
        REDIRECT_LOOP,
        TOO_MANY_REDIRECTS,
        PRIVATE_ADDRESS,
        NOT_HTTP,
        ROBOTS_DISALLOWED;

        /** The name in metrics and status: lower case, dashes. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static FetchResult failed(final Outcome outcome, final int status, final URI uri, final String detail) {
        return new FetchResult(outcome, status, uri, null, null, null, null, detail);
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
