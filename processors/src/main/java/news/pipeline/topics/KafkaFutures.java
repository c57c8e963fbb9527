package news.pipeline.topics;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waiting on the futures the Kafka Admin client returns. */
public final class KafkaFutures {
    private KafkaFutures() {}

    /**
     * The future's value, waiting at most {@code timeout}.
     *
     * @throws KafkaCallException with the Kafka exception as its cause when the call failed
     *                            (callers test the cause, e.g. for TopicExistsException)
     */
    public static <T> T await(final KafkaFuture<T> future, final Duration timeout)
            throws InterruptedException, TimeoutException {
        return await(future, timeout, null);
    }

    /**
     * As {@link #await(KafkaFuture, Duration)}, saying what was asked in the exception.
     *
     * @param request what was asked, as "create topic news.articles.raw"
     */
    public static <T> T await(final KafkaFuture<T> future, final Duration timeout, final String request)
            throws InterruptedException, TimeoutException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaCallException(request, e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException((request == null ? "no answer from Kafka" : request + ": no answer") + " within "
                    + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms"));
        }
    }
}
