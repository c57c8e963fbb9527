package news.pipeline.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import news.pipeline.deadletter.DeadLetters;
import news.pipeline.deadletter.ProcessorDeadLetters;
import news.pipeline.publisher.FanOutStep;
import news.pipeline.runtime.Clients;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.RawArticleSerde;
import news.pipeline.serde.ValueFormat;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reprocesses a time window of raw articles through the cleaner, tagger and publisher stages and
 * republishes the results, while the live applications go on. It is a bounded consumer with its
 * own transactional producer: no group, no reset of the live applications' offsets.
 *
 * <p>It runs the same stages as the live applications ({@link PipelineSteps}) and writes the same
 * dead letters ({@link ProcessorDeadLetters}): a record a stage rejects or fails on is
 * dead-lettered with that stage's processor and reason, the replay goes on, and it completes.
 *
 * <p>A replayed record equals the live one for the same input and the same versions: same key,
 * same value bytes, same timestamp (the raw record's, as Kafka Streams gives its outputs), hence
 * the same partition. Downstream upserts converge. Each replayed record carries the header
 * {@value #REPLAYED_HEADER} with the replay's id; the live tagger and publisher skip such
 * records, so a replay writes each output once.
 */
public final class Replay {
    public static final String REPLAYED_HEADER = PipelineHeaders.REPLAYED;

    /**
     * How every replay's transactional id begins (a random UUID follows): so that the console can tell a
     * replay's writes to the by-country topic from the publisher's.
     */
    public static final String TRANSACTIONAL_ID_PREFIX = "news-pipeline-replay-";

    private static final int RECORDS_PER_TRANSACTION = 500;

    /** How long to wait for the raw topic's partitions: as long as the consumer's default API timeout. */
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);

    /** The offsets of one raw partition to replay: [fromOffset, toOffset). */
    public record PartitionPlan(int partition, long fromOffset, long toOffset) {
        public long records() {
            return Math.max(0, toOffset - fromOffset);
        }
    }

    /** What a replay will read. */
    public record Plan(Instant from, Instant to, List<PartitionPlan> partitions) {
        public long records() {
            return partitions.stream().mapToLong(PartitionPlan::records).sum();
        }
    }

    /** What a replay did. */
    public record Result(
            String replayId,
            long read,
            long clean,
            long enriched,
            long byCountry,
            long deadLetters,
            long outsideWindow,
            Duration took) {}

    private final PipelineSteps steps;
    private final ProcessorDeadLetters cleanerLetters;
    private final ProcessorDeadLetters taggerLetters;
    private final ProcessorDeadLetters publisherLetters;
    // The topics' own serdes, as the live applications read and write with them.
    private final Deserializer<String> rawKeys = Topics.RAW.keySerde().get().deserializer();
    private final Serializer<String> cleanKeys = Topics.CLEAN.keySerde().get().serializer();
    private final Serializer<String> countryKeys =
            Topics.BY_COUNTRY.keySerde().get().serializer();
    private final Deserializer<RawArticle> rawValues;
    private final Serializer<CleanArticle> cleanValues;
    private final Serializer<EnrichedArticle> enrichedValues;
    private final Serializer<CountryArticle> countryValues;

    /**
     * @param steps the stages to run, as the live processors run them: {@link PipelineSteps#fromSettings}
     */
    public Replay(final PipelineSteps steps) {
        this.steps = steps;
        // Values framed as the live processors frame them: single-object, or for the schema registry.
        final ValueFormat format = steps.valueFormat();
        // The live cleaner reads raw values with its content cap as the inflation limit; so does a replay.
        this.rawValues = new RawArticleSerde(steps.clean().maxContentBytes(), format).deserializer();
        this.cleanValues = Topics.CLEAN.valueSerde(format).serializer();
        this.enrichedValues = Topics.ENRICHED.valueSerde(format).serializer();
        this.countryValues = Topics.BY_COUNTRY.valueSerde(format).serializer();
        this.cleanerLetters = deadLetters(ProcessorApp.CLEANER, steps);
        this.taggerLetters = deadLetters(ProcessorApp.TAGGER, steps);
        this.publisherLetters = deadLetters(ProcessorApp.PUBLISHER, steps);
    }

    private static ProcessorDeadLetters deadLetters(final ProcessorApp processor, final PipelineSteps steps) {
        return new ProcessorDeadLetters(
                Topics.DEAD_LETTER.name(),
                processor.id(),
                processor.version(),
                steps.metrics(),
                Topics.DEAD_LETTER.valueSerde(steps.valueFormat()));
    }

    /**
     * The raw offsets whose records were appended from {@code from} (inclusive) to {@code to}
     * (exclusive), by record timestamp.
     */
    public static Plan plan(final KafkaConsumer<byte[], byte[]> consumer, final Instant from, final Instant to) {
        final List<TopicPartition> partitions = Clients.partitions(consumer, Topics.RAW.name(), METADATA_TIMEOUT);
        final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        final Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times(partitions, from));
        final Map<TopicPartition, OffsetAndTimestamp> stops = consumer.offsetsForTimes(times(partitions, to));
        final List<PartitionPlan> plans = new ArrayList<>();
        for (final TopicPartition partition : partitions) {
            final long end = ends.get(partition);
            final long start =
                    starts.get(partition) == null ? end : starts.get(partition).offset();
            final long stop =
                    stops.get(partition) == null ? end : stops.get(partition).offset();
            plans.add(new PartitionPlan(partition.partition(), start, Math.max(start, stop)));
        }
        return new Plan(from, to, plans);
    }

    /** Replays the plan; returns when every partition has reached its end offset. */
    public Result execute(
            final Plan plan,
            final KafkaConsumer<byte[], byte[]> consumer,
            final KafkaProducer<byte[], byte[]> producer) {
        return execute(plan, consumer, producer, read -> {});
    }

    /**
     * Replays the plan, telling how many raw records it has read after each batch.
     *
     * @param progress called with the raw records read so far (of {@link Plan#records()})
     */
    public Result execute(
            final Plan plan,
            final KafkaConsumer<byte[], byte[]> consumer,
            final KafkaProducer<byte[], byte[]> producer,
            final LongConsumer progress) {
        final long started = System.nanoTime();
        final String replayId = UUID.randomUUID().toString();
        final Map<TopicPartition, Long> stops = new HashMap<>();
        for (final PartitionPlan partition : plan.partitions()) {
            if (partition.records() > 0) {
                stops.put(new TopicPartition(Topics.RAW.name(), partition.partition()), partition.toOffset());
            }
        }
        final Counts counts = new Counts();
        if (stops.isEmpty()) {
            return counts.result(replayId, started);
        }
        consumer.assign(stops.keySet());
        plan.partitions().stream()
                .filter(p -> p.records() > 0)
                .forEach(p -> consumer.seek(new TopicPartition(Topics.RAW.name(), p.partition()), p.fromOffset()));
        producer.initTransactions();
        producer.beginTransaction();
        int inTransaction = 0;
        while (!stops.isEmpty()) {
            for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                final Long stop = stops.get(partition);
                if (stop == null || record.offset() >= stop) {
                    continue;
                }
                counts.read++;
                if (record.timestamp() < plan.from().toEpochMilli()
                        || record.timestamp() >= plan.to().toEpochMilli()) {
                    counts.outsideWindow++;
                } else {
                    replay(record, replayId, producer, counts);
                }
                if (++inTransaction >= RECORDS_PER_TRANSACTION) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                    inTransaction = 0;
                }
            }
            stops.entrySet().removeIf(entry -> consumer.position(entry.getKey()) >= entry.getValue());
            progress.accept(counts.read);
        }
        producer.commitTransaction();
        return counts.result(replayId, started);
    }

    /**
     * One raw record through the three stages, as the live applications take it: each stage's
     * output is written before the next stage runs, and a stage that rejects its input, or fails on
     * it, dead-letters that input (the raw record, or the clean or enriched record just written)
     * with the stage's processor, and the record goes no further.
     */
    private void replay(
            final ConsumerRecord<byte[], byte[]> record,
            final String replayId,
            final KafkaProducer<byte[], byte[]> producer,
            final Counts counts) {
        // The live applications pass each record's headers on to their outputs; the replayed outputs
        // carry the replay's id besides, and their dead letters the headers a live input would have.
        final Headers liveHeaders = record.headers();
        final Headers headers = new RecordHeaders(liveHeaders.toArray());
        headers.add(REPLAYED_HEADER, replayId.getBytes(StandardCharsets.UTF_8));
        final long timestamp = record.timestamp();
        final DeadLetters.Source rawSource = new DeadLetters.Source(
                record.topic(),
                record.partition(),
                record.offset(),
                timestamp,
                record.key(),
                record.value(),
                liveHeaders);

        final Consumer<ProducerRecord<byte[], byte[]>> deadLetters =
                letter -> deadLetter(letter, replayId, producer, counts);
        try {
            final String id = orDeadLetter(
                    () -> rawKeys.deserialize(record.topic(), liveHeaders, record.key()),
                    e -> cleanerLetters.unreadable(rawSource, e),
                    deadLetters);
            final RawArticle raw = orDeadLetter(
                    () -> rawValues.deserialize(record.topic(), liveHeaders, record.value()),
                    e -> cleanerLetters.unreadable(rawSource, e),
                    deadLetters);

            final CleanArticle clean = orDeadLetter(
                    () -> steps.clean().apply(id, raw), e -> cleanerLetters.failed(rawSource, e), deadLetters);
            final byte[] key = cleanKeys.serialize(Topics.CLEAN.name(), id);
            final byte[] cleanBytes = orDeadLetter(
                    () -> cleanValues.serialize(Topics.CLEAN.name(), clean),
                    e -> cleanerLetters.unserializable(rawSource, Topics.CLEAN.name(), "value", e),
                    deadLetters);
            final Future<RecordMetadata> cleanSent =
                    producer.send(new ProducerRecord<>(Topics.CLEAN.name(), null, timestamp, key, cleanBytes, headers));
            counts.clean++;

            // The tagger's input is the clean record just written: a dead letter names it, as live.
            final Supplier<DeadLetters.Source> cleanWritten =
                    () -> written(cleanSent, timestamp, key, cleanBytes, liveHeaders);
            final EnrichedArticle enriched = orDeadLetter(
                    () -> steps.enrich().apply(id, clean),
                    e -> taggerLetters.failed(cleanWritten.get(), e),
                    deadLetters);
            final byte[] enrichedBytes = orDeadLetter(
                    () -> enrichedValues.serialize(Topics.ENRICHED.name(), enriched),
                    e -> taggerLetters.unserializable(cleanWritten.get(), Topics.ENRICHED.name(), "value", e),
                    deadLetters);
            final Future<RecordMetadata> enrichedSent = producer.send(
                    new ProducerRecord<>(Topics.ENRICHED.name(), null, timestamp, key, enrichedBytes, headers));
            counts.enriched++;

            // The publisher's input is the enriched record just written.
            final Supplier<DeadLetters.Source> enrichedWritten =
                    () -> written(enrichedSent, timestamp, key, enrichedBytes, liveHeaders);
            final List<CountryArticle> views = orDeadLetter(
                    () -> steps.fanOut().apply(id, enriched),
                    e -> publisherLetters.failed(enrichedWritten.get(), e),
                    deadLetters);
            final List<ProducerRecord<byte[], byte[]>> outputs = new ArrayList<>(views.size());
            for (final CountryArticle view : views) {
                final byte[] viewBytes = orDeadLetter(
                        () -> countryValues.serialize(Topics.BY_COUNTRY.name(), view),
                        e -> publisherLetters.unserializable(
                                enrichedWritten.get(), Topics.BY_COUNTRY.name(), "value", e),
                        deadLetters);
                outputs.add(new ProducerRecord<>(
                        Topics.BY_COUNTRY.name(),
                        null,
                        timestamp,
                        countryKeys.serialize(Topics.BY_COUNTRY.name(), FanOutStep.keyOf(view)),
                        viewBytes,
                        headers));
            }
            outputs.forEach(producer::send);
            counts.byCountry += outputs.size();
        } catch (DeadLettered stopped) {
            // A stage dead-lettered its input: the record goes no further, as live.
        }
    }

    /**
     * One stage's work on its input; if the stage rejects the input or fails on it, the input's dead
     * letter is written and {@link DeadLettered} stops the record. The letter is made only then, since
     * naming a written record waits for the broker to place it.
     */
    private static <T> T orDeadLetter(
            final Supplier<T> stage,
            final Function<RuntimeException, ProducerRecord<byte[], byte[]>> letter,
            final Consumer<ProducerRecord<byte[], byte[]>> deadLetters) {
        try {
            return stage.get();
        } catch (RuntimeException e) {
            deadLetters.accept(letter.apply(e));
            throw new DeadLettered();
        }
    }

    /** A record's way out of {@link #replay} once one of its stages has dead-lettered it. */
    private static final class DeadLettered extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadLettered() {
            // Control flow, not an error: no message, no stack trace.
            super(null, null, false, false);
        }
    }

    /**
     * A record this replay wrote, as the next stage's dead letter names its source. Waits for the
     * broker to place it: only for a record the next stage rejected, so rarely.
     */
    private static DeadLetters.Source written(
            final Future<RecordMetadata> sent,
            final long timestamp,
            final byte[] key,
            final byte[] value,
            final Headers headers) {
        final RecordMetadata where;
        try {
            where = sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "the replay could not write a record: " + e.getCause().getMessage(), e.getCause());
        }
        return new DeadLetters.Source(where.topic(), where.partition(), where.offset(), timestamp, key, value, headers);
    }

    private void deadLetter(
            final ProducerRecord<byte[], byte[]> letter,
            final String replayId,
            final KafkaProducer<byte[], byte[]> producer,
            final Counts counts) {
        letter.headers().add(REPLAYED_HEADER, replayId.getBytes(StandardCharsets.UTF_8));
        producer.send(letter);
        counts.deadLetters++;
    }

    private static Map<TopicPartition, Long> times(final List<TopicPartition> partitions, final Instant time) {
        final Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, time.toEpochMilli()));
        return times;
    }

    private static final class Counts {
        long read;
        long clean;
        long enriched;
        long byCountry;
        long deadLetters;
        long outsideWindow;

        Result result(final String replayId, final long started) {
            return new Result(
                    replayId,
                    read,
                    clean,
                    enriched,
                    byCountry,
                    deadLetters,
                    outsideWindow,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
