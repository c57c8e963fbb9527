package news.pipeline.ops;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.pipeline.cleaner.CleanArticleMapper;
import news.pipeline.deadletter.DeadLetterHandler;
import news.pipeline.deadletter.DeadLetters;
import news.pipeline.deadletter.RecordChecks;
import news.pipeline.deadletter.RejectedRecordException;
import news.pipeline.publisher.CountryFanOut;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.RawArticleSerde;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.tagger.EnrichedArticleMapper;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Reprocesses a time window of raw articles through the cleaner, tagger and publisher logic and
 * republishes the results, while the live applications go on. It is a bounded consumer with its
 * own transactional producer: no group, no reset of the live applications' offsets.
 *
 * <p>A replayed record equals the live one for the same input and the same versions: same key,
 * same value bytes, same timestamp (the raw record's, as Kafka Streams gives its outputs), hence
 * the same partition. Downstream upserts converge. Each replayed record carries the header
 * {@value #REPLAYED_HEADER} with the replay's id; the live tagger and publisher skip such
 * records, so a replay writes each output once.
 */
public final class Replay {
    public static final String REPLAYED_HEADER = PipelineHeaders.REPLAYED;
    private static final int RECORDS_PER_TRANSACTION = 500;

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

    private final CleanArticleMapper cleanArticleMapper;
    private final EnrichedArticleMapper enrichedArticleMapper;
    private final RawArticleSerde rawSerde;
    private final AvroSerde<CleanArticle> cleanSerde = new AvroSerde<>(CleanArticle.class);
    private final AvroSerde<EnrichedArticle> enrichedSerde = new AvroSerde<>(EnrichedArticle.class);
    private final AvroSerde<CountryArticle> countrySerde = new AvroSerde<>(CountryArticle.class);
    private final AvroSerde<DeadLetter> deadLetterSerde = new AvroSerde<>(DeadLetter.class);

    public Replay(final CleanArticleMapper cleanArticleMapper, final EnrichedArticleMapper enrichedArticleMapper) {
        this.cleanArticleMapper = cleanArticleMapper;
        this.rawSerde = new RawArticleSerde(cleanArticleMapper.maxContentBytes());
        this.enrichedArticleMapper = enrichedArticleMapper;
    }

    /**
     * The raw offsets whose records were appended from {@code from} (inclusive) to {@code to}
     * (exclusive), by record timestamp.
     */
    public static Plan plan(final KafkaConsumer<byte[], byte[]> consumer, final Instant from, final Instant to) {
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.RAW.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
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
        }
        producer.commitTransaction();
        return counts.result(replayId, started);
    }

    private void replay(
            final ConsumerRecord<byte[], byte[]> record,
            final String replayId,
            final KafkaProducer<byte[], byte[]> producer,
            final Counts counts) {
        final Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REPLAYED_HEADER, replayId.getBytes(StandardCharsets.UTF_8));
        final long timestamp = record.timestamp();
        try {
            final String id = RecordChecks.requireKey(
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
            final RawArticle raw =
                    RecordChecks.requireValue(record.value() == null ? null : decode(record.value()), "RawArticle");
            final CleanArticle clean = cleanArticleMapper.clean(id, raw);
            final byte[] key = id.getBytes(StandardCharsets.UTF_8);
            producer.send(
                    new ProducerRecord<>(Topics.CLEAN.name(), null, timestamp, key, cleanSerde.encode(clean), headers));
            counts.clean++;
            final EnrichedArticle enriched = enrichedArticleMapper.enrich(clean);
            producer.send(new ProducerRecord<>(
                    Topics.ENRICHED.name(), null, timestamp, key, enrichedSerde.encode(enriched), headers));
            counts.enriched++;
            for (final CountryArticle view : CountryFanOut.of(enriched)) {
                producer.send(new ProducerRecord<>(
                        Topics.BY_COUNTRY.name(),
                        null,
                        timestamp,
                        view.getCode().getBytes(StandardCharsets.UTF_8),
                        countrySerde.encode(view),
                        headers));
                counts.byCountry++;
            }
        } catch (RejectedRecordException e) {
            deadLetter(record, e.reason(), e.getMessage(), replayId, producer, counts);
        } catch (SerializationException e) {
            deadLetter(
                    record,
                    DeadLetters.reasonForUnreadable(e),
                    DeadLetterHandler.messageOf(e),
                    replayId,
                    producer,
                    counts);
        }
    }

    private RawArticle decode(final byte[] value) {
        return rawSerde.decode(value);
    }

    private void deadLetter(
            final ConsumerRecord<byte[], byte[]> record,
            final DeadLetterReason reason,
            final String message,
            final String replayId,
            final KafkaProducer<byte[], byte[]> producer,
            final Counts counts) {
        final ProducerRecord<byte[], byte[]> letter = DeadLetters.record(
                Topics.DEAD_LETTER.name(),
                deadLetterSerde,
                new DeadLetters.Source(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        record.key(),
                        record.value(),
                        record.headers()),
                reason,
                message,
                ProcessorApp.CLEANER.id(),
                ProcessorApp.CLEANER.version());
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
