package news.pipeline.topics;

import org.apache.kafka.common.header.Headers;

/** Record headers the pipeline sets and reads. */
public final class PipelineHeaders {
    /**
     * Set on every record a replay writes, with the replay's id. The live tagger and publisher skip
     * such records: the replay has already written everything downstream of them itself.
     */
    public static final String REPLAYED = "news.replayed";
    /** Set on a record that {@code dlq retry} put back, with the dead letter's partition@offset. */
    public static final String RETRY_OF = "news.retry-of";

    private PipelineHeaders() {}

    public static boolean isReplayed(final Headers headers) {
        return headers != null && headers.lastHeader(REPLAYED) != null;
    }
}
