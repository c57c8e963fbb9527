package news.pipeline.topics;

import java.util.Optional;

/**
 * A call to Kafka's Admin client failed, or Kafka refused it: Kafka's exception is the cause, and
 * the message is its message, after what was asked when the caller said. Thrown by
 * {@link KafkaFutures#await}; an IllegalStateException, as callers catch and test the cause (e.g.
 * for TopicExistsException).
 */
public final class KafkaCallException extends IllegalStateException {
    private final String request;

    /** @param request what was asked, as "create topic news.articles.raw"; null when not said */
    public KafkaCallException(final String request, final Throwable cause) {
        super(request == null ? cause.getMessage() : request + ": " + cause.getMessage(), cause);
        this.request = request;
    }

    /** What was asked, when the caller said. */
    public Optional<String> request() {
        return Optional.ofNullable(request);
    }
}
