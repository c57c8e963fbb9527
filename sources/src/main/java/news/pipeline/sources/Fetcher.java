package news.pipeline.sources;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one URL politely and safely: waits its turn for the host, follows up to five redirects
 * (each hop checked against the {@link UrlPolicy}, loops detected), retries 429 and 5xx with
 * {@link Backoff}, caps the body's size and the whole request's time, and refuses a page whose
 * Content-Type is not HTML before downloading it.
 */
public final class Fetcher {
    /** What is fetched: decides the size cap and which content types are accepted. */
    public enum Purpose {
        FEED,
        PAGE,
        ROBOTS
    }

    private final HttpClient client;
    private final CrawlSettings settings;
    private final HostPacer pacer;
    private final Backoff backoff;
    private final UrlPolicy policy;
    private final CrawlMetrics metrics;
    /** The failure of the last {@link #withRetries} that returned null. One fetching thread: a field will do. */
    private FetchResult lastFailure;

    public Fetcher(
            final CrawlSettings settings, final HostPacer pacer, final Backoff backoff, final CrawlMetrics metrics) {
        this.settings = settings;
        this.pacer = pacer;
        this.backoff = backoff;
        this.metrics = metrics;
        this.policy = new UrlPolicy(settings.allowPrivateNetwork());
        // Redirects by hand: each hop is checked against the policy, and the hops counted.
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .build();
    }

    /**
     * @param originPrivate whether the feed the URL came from is on a private network (see {@link UrlPolicy})
     * @param checkFirst    whether the URL itself is checked against the policy (not for a feed the operator gave)
     * @param etag          for a conditional GET, or null
     * @param lastModified  for a conditional GET, or null
     */
    public FetchResult fetch(
            final URI uri,
            final Purpose purpose,
            final boolean originPrivate,
            final boolean checkFirst,
            final String etag,
            final String lastModified)
            throws InterruptedException {
        URI current = uri;
        final Set<String> visited = new HashSet<>();
        for (int hop = 0; ; hop++) {
            if (hop > 0 || checkFirst) {
                final UrlPolicy.Refusal refusal = policy.check(current, originPrivate);
                if (refusal != null) {
                    return FetchResult.failed(
                            refusal == UrlPolicy.Refusal.PRIVATE_ADDRESS
                                    ? FetchResult.Outcome.PRIVATE_ADDRESS
                                    : FetchResult.Outcome.NOT_HTTP,
                            0,
                            current,
                            refusal == UrlPolicy.Refusal.PRIVATE_ADDRESS
                                    ? "links to a private network address are not fetched: " + current
                                    : "not an http(s) URL, or its host does not resolve: " + current);
                }
            }
            if (!visited.add(current.toString())) {
                return FetchResult.failed(
                        FetchResult.Outcome.REDIRECT_LOOP, 0, current, "redirect loop back to " + current);
            }
            final HttpResponse<CappedBody.Body> response = withRetries(current, purpose, etag, lastModified);
            if (response == null) {
                return lastFailure;
            }
            final int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                final String location =
                        response.headers().firstValue("Location").orElse(null);
                final URI next = FeedParser.resolve(current, location);
                if (next == null) {
                    return FetchResult.failed(
                            FetchResult.Outcome.HTTP_STATUS, status, current, "redirect without a usable Location");
                }
                if (hop >= CrawlSettings.MAX_REDIRECTS) {
                    return FetchResult.failed(
                            FetchResult.Outcome.TOO_MANY_REDIRECTS,
                            status,
                            current,
                            "more than " + CrawlSettings.MAX_REDIRECTS + " redirects");
                }
                current = next;
                continue;
            }
            return result(current, response);
        }
    }

    /** One URL, retried on 429 and 5xx; null (and {@link #lastFailure}) when there was no usable response. */
    private HttpResponse<CappedBody.Body> withRetries(
            final URI uri, final Purpose purpose, final String etag, final String lastModified)
            throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            final String host = uri.getHost();
            pacer.awaitTurn(host);
            final HttpResponse<CappedBody.Body> response;
            try {
                response = send(uri, purpose, etag, lastModified);
            } catch (TimeoutException | HttpTimeoutException e) {
                pacer.finished(host, Duration.ZERO);
                metrics.fetched(purpose, 0, 0);
                lastFailure = FetchResult.failed(
                        FetchResult.Outcome.TIMEOUT,
                        0,
                        uri,
                        "no answer within " + settings.timeout().toSeconds() + " s");
                return null;
            } catch (IOException e) {
                pacer.finished(host, Duration.ZERO);
                metrics.fetched(purpose, 0, 0);
                lastFailure = FetchResult.failed(
                        FetchResult.Outcome.CONNECTION_FAILED,
                        0,
                        uri,
                        (e instanceof ConnectException ? "connection refused: " : "connection failed: ")
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                return null;
            }
            final int status = response.statusCode();
            final CappedBody.Body body = response.body();
            metrics.fetched(purpose, status, body.bytes() == null ? 0 : body.bytes().length);
            final boolean retriable = status == 429 || status >= 500;
            if (!retriable || attempt >= settings.retries()) {
                pacer.finished(host, Duration.ZERO);
                return response;
            }
            final Duration wait = backoff.delay(
                    attempt + 1, response.headers().firstValue("Retry-After").orElse(null), Instant.now());
            if (wait.compareTo(settings.maxRetryWait()) > 0) {
                // The server asks for more patience than one poll has: try at the next one.
                pacer.finished(host, wait);
                return response;
            }
            pacer.finished(host, wait);
        }
    }

    private HttpResponse<CappedBody.Body> send(
            final URI uri, final Purpose purpose, final String etag, final String lastModified)
            throws IOException, InterruptedException, TimeoutException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(settings.timeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept", accept(purpose));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        final long cap = purpose == Purpose.PAGE ? settings.maxPageBytes() : settings.maxFeedBytes();
        final CompletableFuture<HttpResponse<CappedBody.Body>> future =
                client.sendAsync(request.build(), info -> subscriber(info, purpose, cap));
        try {
            // The request's own timeout covers the wait for headers; this covers a body that trickles.
            return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                if (io instanceof HttpConnectTimeoutException) {
                    throw new HttpTimeoutException("connect timed out");
                }
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    private static HttpResponse.BodySubscriber<CappedBody.Body> subscriber(
            final HttpResponse.ResponseInfo info, final Purpose purpose, final long cap) {
        final int status = info.statusCode();
        if (status != 200) {
            // Error pages and redirects: their bodies are not wanted, only their headers.
            return CappedBody.refused(FetchResult.Outcome.HTTP_STATUS, "status " + status);
        }
        final String type = info.headers().firstValue("Content-Type").orElse(null);
        if (purpose == Purpose.PAGE && !isHtml(type)) {
            return CappedBody.refused(FetchResult.Outcome.NOT_HTML, "not an HTML page: " + type);
        }
        final long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > cap) {
            return CappedBody.refused(
                    FetchResult.Outcome.TOO_LARGE, "Content-Length " + declared + " over the cap of " + cap + " bytes");
        }
        return CappedBody.upTo(cap);
    }

    /** HTML, or no type at all (the cleaner then looks at the content itself). */
    public static boolean isHtml(final String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        final String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("text/html") || type.equals("application/xhtml+xml");
    }

    private static String accept(final Purpose purpose) {
        return switch (purpose) {
            case PAGE -> "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1";
            case FEED -> "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1";
            case ROBOTS -> "text/plain,*/*;q=0.1";
        };
    }

    private static FetchResult result(final URI uri, final HttpResponse<CappedBody.Body> response) {
        final int status = response.statusCode();
        final String type = response.headers().firstValue("Content-Type").orElse(null);
        final String etag = response.headers().firstValue("ETag").orElse(null);
        final String lastModified =
                response.headers().firstValue("Last-Modified").orElse(null);
        if (status == 304) {
            return new FetchResult(FetchResult.Outcome.NOT_MODIFIED, status, uri, type, null, etag, lastModified, null);
        }
        final CappedBody.Body body = response.body();
        if (body.refusal() != null) {
            return new FetchResult(body.refusal(), status, uri, type, null, etag, lastModified, body.detail());
        }
        return new FetchResult(FetchResult.Outcome.OK, status, uri, type, body.bytes(), etag, lastModified, null);
    }
}
