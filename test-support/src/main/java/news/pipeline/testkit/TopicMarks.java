package news.pipeline.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.TopicSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The end offsets of some topics at one moment, as a read_committed consumer sees them: where a
 * test that shares its topics with the tests before it starts reading, so that it sees only what
 * came out after that moment.
 */
public final class TopicMarks {
    private final Map<String, Map<TopicPartition, Long>> offsets;

    private TopicMarks(final Map<String, Map<TopicPartition, Long>> offsets) {
        this.offsets = offsets;
    }

    public static TopicMarks now(final PipelineSettings settings, final List<TopicSpec<?, ?>> topics) {
        final Map<String, Map<TopicPartition, Long>> offsets = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(settings)) {
            for (final TopicSpec<?, ?> topic : topics) {
                final List<TopicPartition> partitions = Clients.partitions(consumer, topic.name(), FaultKit.TIMEOUT);
                offsets.put(topic.name(), Map.copyOf(consumer.endOffsets(partitions, FaultKit.TIMEOUT)));
            }
        }
        return new TopicMarks(offsets);
    }

    /** Where each partition of the topic ended at that moment. */
    public Map<TopicPartition, Long> of(final TopicSpec<?, ?> topic) {
        final Map<TopicPartition, Long> marks = offsets.get(topic.name());
        if (marks == null) {
            throw new IllegalArgumentException("no marks were taken for " + topic.name());
        }
        return marks;
    }
}
