package news.pipeline.runtime;

/**
 * The cluster cannot be used at all: the bootstrap servers' names do not resolve, nothing listens
 * at them, what listens does not answer as Kafka in time, or it refuses the credentials. Thrown by
 * {@link ConnectionCheck#reachable} so that a command can say so at once, instead of its clients
 * retrying for minutes.
 */
public final class KafkaConnectionException extends RuntimeException {
    /** What went wrong, for a message that tells the user what to check. */
    public enum Problem {
        /** No bootstrap server's host name resolves (in time). */
        UNRESOLVED,
        /** No bootstrap server accepts a TCP connection. */
        NOT_LISTENING,
        /** A server accepts connections but does not answer as Kafka within the timeout (wrong port or protocol?). */
        NO_ANSWER,
        /** The cluster refused the client's credentials (SASL) or its TLS handshake failed. */
        AUTHENTICATION
    }

    private final Problem problem;
    private final String bootstrapServers;

    public KafkaConnectionException(
            final Problem problem, final String bootstrapServers, final String message, final Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.bootstrapServers = bootstrapServers;
    }

    public Problem problem() {
        return problem;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }
}
