package news.pipeline.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the pipeline topics from the registry and waits until they can take records. */
public final class TopicAdmin {
    private final Admin admin;

    public TopicAdmin(final Admin admin) {
        this.admin = admin;
    }

    /**
     * Creates every missing pipeline topic, then waits until each of its partitions answers
     * listOffsets: producing before that can lose the first batch on a new topic (KAFKA-15591).
     *
     * @param partitions        partitions of each new topic; empty for the registry's default
     * @param replicationFactor empty for the broker's default
     * @return the names of the topics this call created
     */
    public List<String> createMissing(
            final Optional<Integer> partitions, final Optional<Short> replicationFactor, final Duration timeout)
            throws InterruptedException, TimeoutException {
        return createMissing(partitions, replicationFactor, Map.of(), timeout);
    }

    /**
     * As {@link #createMissing(Optional, Optional, Duration)}, with topic settings added to each
     * topic's own (such as min.insync.replicas on a replicated cluster).
     */
    public List<String> createMissing(
            final Optional<Integer> partitions,
            final Optional<Short> replicationFactor,
            final Map<String, String> extraConfigs,
            final Duration timeout)
            throws InterruptedException, TimeoutException {
        final Set<String> existing = KafkaFutures.await(admin.listTopics().names(), timeout);
        final List<NewTopic> missing = new ArrayList<>();
        for (final TopicSpec<?, ?> topic : Topics.all()) {
            if (!existing.contains(topic.name())) {
                final Map<String, String> configs = new HashMap<>(topic.configs());
                configs.putAll(extraConfigs);
                missing.add(new NewTopic(
                                topic.name(), Optional.of(partitions.orElse(topic.partitions())), replicationFactor)
                        .configs(configs));
            }
        }
        final List<String> created = new ArrayList<>();
        for (final NewTopic topic : missing) {
            try {
                KafkaFutures.await(admin.createTopics(List.of(topic)).all(), timeout, "create topic " + topic.name());
                created.add(topic.name());
            } catch (IllegalStateException e) {
                // Another instance created it at the same moment: that is what we wanted.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        awaitReady(Topics.all().stream().map(TopicSpec::name).toList(), timeout);
        return created;
    }

    /** Describes the pipeline topics that exist, by name. */
    public Map<String, TopicDescription> describe(final Duration timeout)
            throws InterruptedException, TimeoutException {
        final Set<String> existing = KafkaFutures.await(admin.listTopics().names(), timeout);
        final List<String> names = Topics.all().stream()
                .map(TopicSpec::name)
                .filter(existing::contains)
                .toList();
        return names.isEmpty()
                ? Map.of()
                : KafkaFutures.await(admin.describeTopics(names).allTopicNames(), timeout);
    }

    /** Waits until every partition of the topics has a leader that answers listOffsets. */
    public void awaitReady(final List<String> topics, final Duration timeout)
            throws InterruptedException, TimeoutException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                final Map<String, TopicDescription> descriptions =
                        KafkaFutures.await(admin.describeTopics(topics).allTopicNames(), remaining(deadline));
                final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                descriptions.forEach((name, description) -> description
                        .partitions()
                        .forEach(partition ->
                                request.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
                KafkaFutures.await(admin.listOffsets(request).all(), remaining(deadline));
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(
                            "topics " + topics + " not ready after " + timeout + ": " + e.getMessage());
                }
                Thread.sleep(100);
            }
        }
    }

    private static Duration remaining(final long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }
}
