package news.pipeline.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Follows a topic from its beginning as a read_committed consumer and keeps the distinct ids seen. */
public final class TopicFollower implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Function<ConsumerRecord<byte[], byte[]>, String> idOf;
    private final Set<String> ids = new HashSet<>();
    private final String topic;
    private long records;

    public TopicFollower(
            final PipelineSettings settings,
            final TopicSpec<?, ?> topic,
            final Function<ConsumerRecord<byte[], byte[]>, String> idOf) {
        this(settings, topic, idOf, Map.of());
    }

    /** Follows the topic from these offsets (a partition not given from its beginning). */
    public TopicFollower(
            final PipelineSettings settings,
            final TopicSpec<?, ?> topic,
            final Function<ConsumerRecord<byte[], byte[]>, String> idOf,
            final Map<TopicPartition, Long> from) {
        this.consumer = Clients.reader(settings);
        this.idOf = idOf;
        this.topic = topic.name();
        final List<TopicPartition> partitions = Clients.partitions(consumer, topic.name(), FaultKit.TIMEOUT);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        from.forEach((partition, offset) -> {
            if (partitions.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    /** Reads what is there for a moment; returns the number of distinct ids seen so far. */
    public int poll() {
        pollNew();
        return ids.size();
    }

    /** Reads what is there for a moment; returns the ids seen for the first time, in the order read. */
    public List<String> pollNew() {
        final List<String> fresh = new ArrayList<>();
        for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            records++;
            final String id = idOf.apply(record);
            if (ids.add(id)) {
                fresh.add(id);
            }
        }
        return fresh;
    }

    /** Reads until at least n distinct ids have been seen; fails after the timeout with the context. */
    public void awaitDistinct(final int n, final Duration timeout, final Supplier<String> context) {
        awaitDistinct(n, timeout, () -> true, context);
    }

    /** As {@link #awaitDistinct(int, Duration, Supplier)}, failing at once when the producing process is gone. */
    public void awaitDistinct(
            final int n, final Duration timeout, final BooleanSupplier alive, final Supplier<String> context) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (poll() < n) {
            if (!alive.getAsBoolean()) {
                throw new AssertionError(topic + ": " + ids.size() + " of " + n + " distinct ids, and the processors'"
                        + " process has exited; " + context.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(topic + ": " + ids.size() + " of " + n + " distinct ids after " + timeout
                        + "; " + context.get());
            }
        }
    }

    /** Reads until every one of the ids has been seen; fails after the timeout, or at once when the process is gone. */
    public void awaitIds(
            final Collection<String> wanted,
            final Duration timeout,
            final BooleanSupplier alive,
            final Supplier<String> context) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!ids.containsAll(wanted)) {
            poll();
            if (!alive.getAsBoolean() || System.nanoTime() > deadline) {
                final long missing =
                        wanted.stream().filter(id -> !ids.contains(id)).count();
                throw new AssertionError(topic + ": " + missing + " of " + wanted.size() + " ids not seen after "
                        + timeout + (alive.getAsBoolean() ? "" : ", and the processors' process has exited") + "; "
                        + context.get());
            }
        }
    }

    public boolean seen(final String id) {
        return ids.contains(id);
    }

    public int distinct() {
        return ids.size();
    }

    public long records() {
        return records;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
