package news.pipeline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.TopicReader;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.topics.TopicAdmin;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the fault tests share: small test articles with known ids, producing them, reading a
 * topic as a downstream consumer would (read_committed, from the beginning), and processors in
 * a separate JVM that can be killed.
 */
public final class FaultKit {
    /** Generous: the CI box has two cores shared with other builds. */
    public static final Duration TIMEOUT = Duration.ofMinutes(4);
    /**
     * One value deserializer per topic (Avro's message decoders are thread-safe): a new one per
     * record resolves the schema again each time, which made reading back a fault test's tens of
     * thousands of records take longer than some of its faults.
     */
    private static final Map<String, Deserializer<?>> VALUE_READERS = new ConcurrentHashMap<>();

    private static final String[][] COUNTRY_PAIRS = {
        {"France", "Germany"}, {"Japan", "South Korea"}, {"Brazil", "Argentina"}, {"Kenya", "Ethiopia"},
        {"Canada", "Mexico"}, {"India", "Pakistan"}, {"Egypt", "Israel"}, {"Poland", "Ukraine"},
        {"Vietnam", "Thailand"}, {"Norway", "Sweden"}, {"Chile", "Peru"}, {"Nigeria", "Ghana"},
    };

    private FaultKit() {}

    /** Settings of the test's own clients and of in-JVM processors. */
    public static PipelineSettings settings(
            final String bootstrapServers, final Path stateDir, final Map<String, String> extra) {
        final Map<String, String> flags = new HashMap<>(extra);
        flags.put(PipelineSettings.BOOTSTRAP_SERVERS, bootstrapServers);
        flags.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return PipelineSettings.resolve(null, Map.of(), flags);
    }

    public static void createTopics(final PipelineSettings settings) throws Exception {
        try (Admin admin = Clients.admin(settings)) {
            new TopicAdmin(admin).createMissing(Optional.empty(), Optional.empty(), TIMEOUT);
        }
    }

    public static String id(final int n) {
        return String.format(Locale.ROOT, "fault-%06d", n);
    }

    /** The number of the article with this {@link #id(int)}. */
    public static int number(final String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
    }

    /** A small plain-text article that names two countries; about 400 bytes. */
    public static RawArticle article(final int n) {
        final String[] pair = COUNTRY_PAIRS[n % COUNTRY_PAIRS.length];
        final String text = String.format(
                Locale.ROOT,
                "Ministers from %s and %s met on Tuesday to discuss a new rail corridor and lower tariffs on farm"
                        + " goods, officials said in report number %d.%n%n"
                        + "The talks, which also touched on energy prices, are expected to continue next month,"
                        + " according to a statement released after the meeting by both delegations.%n",
                pair[0],
                pair[1],
                n);
        return RawArticle.newBuilder()
                .setUrl("https://news.example.org/fault/" + n)
                .setSource("fault-test")
                .setFormat(ArticleFormat.TEXT)
                .setContentType("text/plain; charset=utf-8")
                .setContent(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))
                .setTitle("Rail corridor talks, report " + n)
                .build();
    }

    /** Sends the records and returns where each landed. */
    public static List<RecordMetadata> produce(
            final PipelineSettings settings, final List<ProducerRecord<byte[], byte[]>> records)
            throws InterruptedException, ExecutionException {
        final List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(settings)) {
            for (final ProducerRecord<byte[], byte[]> record : records) {
                futures.add(producer.send(record));
            }
            producer.flush();
        }
        final List<RecordMetadata> sent = new ArrayList<>(records.size());
        for (final Future<RecordMetadata> future : futures) {
            sent.add(future.get());
        }
        return sent;
    }

    /**
     * Sends the records in one transaction. A read_committed consumer, as every processor is, sees
     * none of them until the commit and then all at once: a backlog, whose processing time measures
     * the processor alone and not how fast this producer and the broker took the records in.
     */
    public static void produceAsOneTransaction(
            final PipelineSettings settings, final List<ProducerRecord<byte[], byte[]>> records) {
        final PipelineSettings transactional =
                settings.withDefault(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fault-test-backlog-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(producer::send);
            producer.commitTransaction();
        }
    }

    /** Raw records of the articles numbered {@code from} to {@code from + count - 1}, keyed by their ids. */
    public static List<ProducerRecord<byte[], byte[]>> goodRecords(final int from, final int count) {
        return rawRecords(from, count, FaultKit::article);
    }

    /** As {@link #goodRecords(int, int)}, as HTML pages of the given kind. */
    public static List<ProducerRecord<byte[], byte[]>> goodHtmlRecords(
            final NewsPages pages, final int from, final int count) {
        return rawRecords(from, count, pages::article);
    }

    private static List<ProducerRecord<byte[], byte[]>> rawRecords(
            final int from, final int count, final IntFunction<RawArticle> articleOf) {
        final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(count);
        for (int n = from; n < from + count; n++) {
            records.add(new ProducerRecord<>(
                    Topics.RAW.name(), id(n).getBytes(StandardCharsets.UTF_8), serde.encode(articleOf.apply(n))));
        }
        return records;
    }

    public static String key(final ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    public static <V> V value(final TopicSpec<?, V> topic, final ConsumerRecord<byte[], byte[]> record) {
        final Deserializer<V> values = (Deserializer<V>) VALUE_READERS.computeIfAbsent(
                topic.name(), name -> topic.valueSerde().get().deserializer());
        return values.deserialize(topic.name(), record.value());
    }

    /**
     * Every committed record of the topic, from the beginning up to its end as a read_committed
     * consumer sees it now (the last stable offset): what a downstream consumer would get.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            final PipelineSettings settings, final TopicSpec<?, ?> topic) {
        return TopicReader.readToEnd(settings, topic.name(), TIMEOUT);
    }

    /** As {@link #readAll}, only what came after the marks. */
    public static List<ConsumerRecord<byte[], byte[]>> readSince(
            final PipelineSettings settings, final TopicSpec<?, ?> topic, final TopicMarks marks) {
        return TopicReader.readToEnd(settings, topic.name(), marks.of(topic), TIMEOUT);
    }

    /** How many times each id occurs. */
    public static <T> Map<T, Integer> countBy(
            final List<ConsumerRecord<byte[], byte[]>> records,
            final Function<ConsumerRecord<byte[], byte[]>, T> idOf) {
        final Map<T, Integer> counts = new HashMap<>();
        records.forEach(record -> counts.merge(idOf.apply(record), 1, Integer::sum));
        return counts;
    }

    /** Committed offsets of a consumer group (a processor's application.id). */
    public static Map<TopicPartition, Long> committedOffsets(final PipelineSettings settings, final String groupId)
            throws Exception {
        try (Admin admin = Clients.admin(settings)) {
            final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                            Map.of(groupId, new ListConsumerGroupOffsetsSpec()))
                    .partitionsToOffsetAndMetadata(groupId)
                    .get();
            final Map<TopicPartition, Long> plain = new HashMap<>();
            offsets.forEach((tp, offset) -> {
                if (offset != null) {
                    plain.put(tp, offset.offset());
                }
            });
            return plain;
        }
    }

    public static String tail(final Path log, final int lines) {
        try {
            final List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
