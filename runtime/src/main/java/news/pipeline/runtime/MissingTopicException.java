package news.pipeline.runtime;

/** A topic a command needs is not on the cluster: the pipeline's topics were not created there. */
public final class MissingTopicException extends RuntimeException {
    private final String topic;

    public MissingTopicException(final String topic, final String bootstrapServers) {
        super("topic " + topic + " does not exist on the Kafka cluster at " + bootstrapServers
                + "; create the pipeline topics with: news-pipeline topics");
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }
}
