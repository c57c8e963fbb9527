package news.pipeline.cli;

import java.util.Optional;
import news.pipeline.cli.NewsPipeline.Failure;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Kafka's own exceptions that are the user's to fix, as one line.
 *
 * <p>A request Kafka refuses (a replication factor above the brokers there are, a topic setting
 * out of range, a policy of the cluster) exits with 1, not 2: the command line was well formed,
 * and whether the cluster accepts it depends on the cluster (the same {@code topics
 * --replication-factor 3} works on three brokers). Exit code 2 is kept for what the command can
 * judge without a cluster.
 */
final class KafkaErrors {
    private KafkaErrors() {}

    /**
     * @param request what was asked, when the call said (as "create topic news.articles.raw")
     * @return the failure, or null when the exception is none of these
     */
    static Failure describe(final Throwable failure, final Optional<String> request) {
        if (failure instanceof AuthenticationException || failure instanceof AuthorizationException) {
            return new Failure(UserError.FAILURE, "Kafka refused: " + failure.getMessage());
        }
        if (failure instanceof InvalidReplicationFactorException
                || failure instanceof InvalidPartitionsException
                || failure instanceof InvalidConfigurationException
                || failure instanceof PolicyViolationException) {
            return new Failure(
                    UserError.FAILURE,
                    "Kafka refused" + request.map(asked -> " to " + asked).orElse("") + ": " + failure.getMessage());
        }
        if (failure instanceof TimeoutException) {
            return new Failure(
                    UserError.FAILURE,
                    "Kafka did not answer in time: " + failure.getMessage() + NewsPipeline.logHint());
        }
        return null;
    }
}
