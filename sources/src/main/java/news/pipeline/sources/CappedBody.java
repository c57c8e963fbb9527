package news.pipeline.sources;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a cap: past the cap, or when the response is refused
 * from its headers alone (a PDF where a page was expected), the download is cancelled, so that a
 * huge or endless body costs no more than the cap.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Body> {
    /** The bytes, or why there are none. */
    record Body(byte[] bytes, FetchResult.Outcome refusal, String detail) {}

    private final long cap;
    private final Body refusedUpFront;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private CappedBody(final long cap, final Body refusedUpFront) {
        this.cap = cap;
        this.refusedUpFront = refusedUpFront;
    }

    /** A body that the response's headers already refuse. */
    static CappedBody refused(final FetchResult.Outcome why, final String detail) {
        return new CappedBody(0, new Body(null, why, detail));
    }

    static CappedBody upTo(final long cap) {
        return new CappedBody(cap, null);
    }

    @Override
    public void onSubscribe(final Flow.Subscription given) {
        if (refusedUpFront != null) {
            given.cancel();
            result.complete(refusedUpFront);
            return;
        }
        subscription = given;
        given.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(final List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (final ByteBuffer item : items) {
            if (bytes.size() + (long) item.remaining() > cap) {
                subscription.cancel();
                result.complete(
                        new Body(null, FetchResult.Outcome.TOO_LARGE, "body over the cap of " + cap + " bytes"));
                return;
            }
            final byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    public void onError(final Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Body(bytes.toByteArray(), null, null));
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }
}
