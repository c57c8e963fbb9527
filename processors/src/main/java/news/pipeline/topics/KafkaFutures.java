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
     * @throws IllegalStateException with the Kafka exception as its cause when the call failed
     *                               (callers test the cause, e.g. for TopicExistsException)
     */
    public static <T> T await(final KafkaFuture<T> future, final Duration timeout)
            throws InterruptedException, TimeoutException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
