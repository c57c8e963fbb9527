package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import news.pipeline.deadletter.OutputLimit;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.ops.Replay;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.ByteBuffers;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import news.pipeline.tagger.EnrichStep;
import news.pipeline.tagger.EnrichedArticleMapper;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.testkit.PoisonRecords;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live processing and {@code replay --execute} run the same stages and write the same dead letters.
 * The same raw records (a normal article, one whose enriched record is over the producer's limit,
 * one the tagger throws on, and every kind of poison record) go through the live pipeline, then
 * through a replay of their window: the replay completes, its clean, enriched and by-country
 * records are the live ones byte for byte, and so are its dead letters (reason, message,
 * processor, source, original key, value and headers). Each test has its own time window, and
 * looks only at the records of its window.
 */
class ReplayParityIT {
    /** The cleaner's content cap: the oversized-enriched article is under it, the OVERSIZED poison over it. */
    private static final int MAX_CONTENT_BYTES = 1024 * 1024;
    /** The processors' producer limit: a clean record of 1 MiB fits, its enriched record does not. */
    private static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;
    /** A title the tagger under test throws on, as a bug in the tagger would. */
    private static final String TAGGER_BUG_TITLE = "The story the tagger trips over";

    private static final String NORMAL = "normal";
    private static final String OVERSIZED_ENRICHED = "oversized-enriched";
    private static final String TAGGER_THROWS = "tagger-throws";

    @TempDir
    static Path dataDir;

    private static EmbeddedCluster cluster;
    private static Map<String, String> settings;
    /**
     * The start of the next test's window. Each test's window is later than the one before, as
     * record timestamps are in each partition: a replay plans its window by timestamp.
     */
    private static Instant nextWindow;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new EmbeddedCluster(dataDir);
        nextWindow = Instant.now().minus(Duration.ofHours(3));
        settings = new LinkedHashMap<>(cluster.settings().asMap());
        settings.put(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, String.valueOf(MAX_CONTENT_BYTES));
        settings.put(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                String.valueOf(MAX_REQUEST_BYTES));
    }

    @AfterAll
    static void stopBroker() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aReplayRunsTheLiveStagesAndWritesTheSameOutputsAndDeadLettersAsLiveProcessing() throws Exception {
        final PipelineMetrics metrics = PipelineMetrics.inMemory();
        // One set of stage instances, with a tagger that throws on one article, for both paths.
        final PipelineSteps steps =
                PipelineSteps.fromSettings(settings, metrics).withEnrichStep(failingTagger(metrics));
        final Instant start = nextWindow();
        final List<ProducerRecord<byte[], byte[]>> inputs = inputs(start, 0, true);
        final Instant end = start.plusSeconds(inputs.size());

        final Replay.Result[] result = new Replay.Result[1];
        liveThenReplay(steps, inputs, () -> {
            try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(cluster.settings());
                    KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings()
                            .withDefault(
                                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "replay-parity-" + UUID.randomUUID()))) {
                final Replay.Plan plan = Replay.plan(consumer, start, end);
                assertThat(plan.records()).isEqualTo(inputs.size());
                result[0] = new Replay(steps).execute(plan, consumer, producer);
            }
        });

        final int poisonKinds = PoisonRecords.Kind.values().length;
        assertThat(result[0].read()).isEqualTo(inputs.size());
        assertThat(result[0].clean()).as("clean records replayed").isEqualTo(3);
        assertThat(result[0].enriched()).as("enriched records replayed").isEqualTo(1);
        assertThat(result[0].deadLetters()).as("dead letters replayed").isEqualTo(poisonKinds + 2);
        final List<Tuple> expected = new ArrayList<>(expectedPoisonLetters(0));
        expected.add(tuple(OVERSIZED_ENRICHED + "-0", ProcessorApp.TAGGER.id(), DeadLetterReason.OVERSIZED));
        expected.add(tuple(TAGGER_THROWS + "-0", ProcessorApp.TAGGER.id(), DeadLetterReason.PROCESSING_ERROR));
        assertSameOutputsAndDeadLetters(start, end, NORMAL + "-0", expected);
    }

    @Test
    void theReplayCommandWritesWhatLiveProcessingWrote() throws Exception {
        final Instant start = nextWindow();
        final List<ProducerRecord<byte[], byte[]>> inputs = inputs(start, 1, false);
        final Instant end = start.plusSeconds(inputs.size());

        final CliRun[] replay = new CliRun[1];
        liveThenReplay(
                PipelineSteps.fromSettings(settings, PipelineMetrics.inMemory()),
                inputs,
                () -> replay[0] = CliRun.execute(
                        "replay",
                        "--from",
                        start.toString(),
                        "--to",
                        end.toString(),
                        "--execute",
                        "--bootstrap-servers",
                        cluster.settings().bootstrapServers(),
                        "--set",
                        PipelineConfig.MAX_CONTENT_BYTES_CONFIG + "=" + MAX_CONTENT_BYTES,
                        "--set",
                        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG) + "="
                                + MAX_REQUEST_BYTES));

        assertThat(replay[0].exitCode())
                .as("exit code; stderr: %s", replay[0].err())
                .isZero();
        assertThat(replay[0].out())
                .contains("read " + inputs.size() + " raw records")
                .contains("wrote 2 clean, 1 enriched")
                .contains((PoisonRecords.Kind.values().length + 1) + " dead letters");
        final List<Tuple> expected = new ArrayList<>(expectedPoisonLetters(1));
        expected.add(tuple(OVERSIZED_ENRICHED + "-1", ProcessorApp.TAGGER.id(), DeadLetterReason.OVERSIZED));
        assertSameOutputsAndDeadLetters(start, end, NORMAL + "-1", expected);
    }

    private static Instant nextWindow() {
        final Instant start = nextWindow;
        nextWindow = nextWindow.plus(Duration.ofHours(1));
        return start;
    }

    /** Something the test does that may throw. */
    private interface Action {
        void run() throws Exception;
    }

    /**
     * The live pipeline, with these stages, processes the inputs; then the replay runs beside it, as
     * a backfill does (the live tagger and publisher skip what it writes), and the live pipeline
     * catches up with that too.
     */
    private static void liveThenReplay(
            final PipelineSteps steps, final List<ProducerRecord<byte[], byte[]>> inputs, final Action replay)
            throws Exception {
        try (StreamsAppRunner live = new StreamsAppRunner(Arrays.asList(ProcessorApp.values()), settings, steps)) {
            live.start();
            live.awaitRunning(EmbeddedCluster.TIMEOUT);
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings())) {
                for (final ProducerRecord<byte[], byte[]> input : inputs) {
                    producer.send(input).get();
                }
            }
            cluster.awaitCaughtUp(Arrays.asList(ProcessorApp.values()));
            replay.run();
            cluster.awaitCaughtUp(Arrays.asList(ProcessorApp.values()));
        }
    }

    /**
     * In the window, the replayed clean, enriched and by-country records are the live ones; the live
     * dead letters are the expected ones, and the replay's are the same.
     *
     * @param enriched the one input that comes out enriched
     * @param expected key, processor and reason of each dead letter the inputs call for
     */
    private static void assertSameOutputsAndDeadLetters(
            final Instant from, final Instant to, final String enriched, final List<Tuple> expected) {
        for (final String topic : List.of(Topics.CLEAN.name(), Topics.ENRICHED.name(), Topics.BY_COUNTRY.name())) {
            final List<ConsumerRecord<byte[], byte[]>> records = inWindow(cluster.readAll(topic), from, to);
            final List<Output> livePath = outputs(records, false);
            assertThat(livePath).as("%s: live records", topic).isNotEmpty();
            assertThat(outputs(records, true))
                    .as("%s: the replayed records are the live ones", topic)
                    .containsExactlyInAnyOrderElementsOf(livePath);
        }
        assertThat(outputs(inWindow(cluster.readAll(Topics.ENRICHED.name()), from, to), false))
                .extracting(Output::key)
                .containsExactly(enriched);

        final List<ConsumerRecord<byte[], byte[]>> deadLetters =
                inWindow(cluster.readAll(Topics.DEAD_LETTER.name()), from, to);
        final List<Letter> livePath = letters(deadLetters, false);
        assertThat(livePath)
                .as("live dead letters")
                .extracting(Letter::key, Letter::processor, Letter::reason)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(letters(deadLetters, true))
                .as("the replay's dead letters are the live ones")
                .containsExactlyInAnyOrderElementsOf(livePath);
    }

    /** The records of a window: outputs and dead letters carry their input's timestamp. */
    private static List<ConsumerRecord<byte[], byte[]>> inWindow(
            final List<ConsumerRecord<byte[], byte[]>> records, final Instant from, final Instant to) {
        return records.stream()
                .filter(record -> record.timestamp() >= from.toEpochMilli() && record.timestamp() < to.toEpochMilli())
                .toList();
    }

    /**
     * Every input, with record timestamps a second apart from {@code start}; keys end in {@code -n}.
     *
     * @param taggerBug whether to include the article the tagger under test throws on
     */
    private static List<ProducerRecord<byte[], byte[]>> inputs(
            final Instant start, final int n, final boolean taggerBug) {
        final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        records.add(raw(
                NORMAL + "-" + n,
                serde.encode(article(
                        "Chile and Peru sign a trade deal",
                        "Ministers from Chile and Peru met in Lima on Tuesday to sign a trade deal.\n\n"
                                + "Bolivia asked to join the talks, a spokesman said in La Paz."))));
        // Under the content cap and the producer's limit as clean text; its enriched record, with two
        // mentions in every 19 bytes of text, is over the limit.
        records.add(raw(
                OVERSIZED_ENRICHED + "-" + n,
                serde.encode(article("Russia and Turkey", "Russia and Turkey. ".repeat(50_000)))));
        if (taggerBug) {
            records.add(raw(
                    TAGGER_THROWS + "-" + n,
                    serde.encode(
                            article(TAGGER_BUG_TITLE, "Officials in Kenya and Ethiopia opened a new border post."))));
        }
        for (final PoisonRecords.Kind kind : PoisonRecords.Kind.values()) {
            final ProducerRecord<byte[], byte[]> poison = PoisonRecords.record(kind, n, MAX_CONTENT_BYTES);
            records.add(raw(
                    poison.key() == null ? null : new String(poison.key(), StandardCharsets.UTF_8), poison.value()));
        }
        final List<ProducerRecord<byte[], byte[]>> timed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            final ProducerRecord<byte[], byte[]> record = records.get(i);
            timed.add(new ProducerRecord<>(
                    record.topic(),
                    null,
                    start.plusSeconds(i).toEpochMilli(),
                    record.key(),
                    record.value(),
                    record.headers()));
        }
        return timed;
    }

    /** The cleaner's dead letter of each poison record {@code n}: its key, the processor, and why. */
    private static List<Tuple> expectedPoisonLetters(final int n) {
        final List<Tuple> expected = new ArrayList<>();
        for (final PoisonRecords.Kind kind : PoisonRecords.Kind.values()) {
            final byte[] key = PoisonRecords.record(kind, n, MAX_CONTENT_BYTES).key();
            expected.add(tuple(
                    key == null ? null : new String(key, StandardCharsets.UTF_8),
                    ProcessorApp.CLEANER.id(),
                    kind.reason()));
        }
        return expected;
    }

    /** A raw record with a header of its producer's, which every output and dead letter must keep. */
    private static ProducerRecord<byte[], byte[]> raw(final String key, final byte[] value) {
        final RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", ("trace-" + key).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(
                Topics.RAW.name(),
                null,
                null,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value,
                headers);
    }

    private static RawArticle article(final String title, final String text) {
        return RawArticle.newBuilder()
                .setFormat(ArticleFormat.TEXT)
                .setContentType("text/plain; charset=utf-8")
                .setTitle(title)
                .setContent(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    /** The real tagger, but for one title, on which it throws as a bug would. */
    private static EnrichStep failingTagger(final PipelineMetrics metrics) {
        final EnrichedArticleMapper real = ProcessorApp.enrichedArticleMapper();
        final Function<CleanArticle, EnrichedArticle> enrichment = clean -> {
            if (TAGGER_BUG_TITLE.equals(clean.getTitle())) {
                throw new IllegalStateException("the tagger under test fails on " + clean.getId());
            }
            return real.enrich(clean);
        };
        return new EnrichStep(
                enrichment,
                metrics,
                new OutputLimit(StreamsSettings.maxRequestBytes(settings), Topics.ENRICHED.name()));
    }

    /** An output record as a consumer sees it: where it lands, its key, value bytes and timestamp. */
    private record Output(int partition, String key, ByteBuffer value, long timestamp) {}

    private static List<Output> outputs(final List<ConsumerRecord<byte[], byte[]>> records, final boolean replayed) {
        return records.stream()
                .filter(record -> PipelineHeaders.isReplayed(record.headers()) == replayed)
                .map(record -> new Output(
                        record.partition(),
                        new String(record.key(), StandardCharsets.UTF_8),
                        ByteBuffer.wrap(record.value()),
                        record.timestamp()))
                .toList();
    }

    /**
     * A dead letter, all of it but the source offset of a record the replay wrote itself (its clean
     * or enriched record, which has its own offset); the source offset of a raw record is kept.
     */
    private record Letter(
            String key,
            String processor,
            DeadLetterReason reason,
            String message,
            String processorVersion,
            String sourceTopic,
            int sourcePartition,
            Long rawSourceOffset,
            long timestamp,
            ByteBuffer originalKey,
            ByteBuffer originalValue,
            Map<String, ByteBuffer> originalHeaders) {}

    private static List<Letter> letters(final List<ConsumerRecord<byte[], byte[]>> records, final boolean replayed) {
        final AvroSerde<DeadLetter> serde = new AvroSerde<>(DeadLetter.class);
        return records.stream()
                .filter(record -> PipelineHeaders.isReplayed(record.headers()) == replayed)
                .map(record -> {
                    final DeadLetter letter = serde.decode(record.value());
                    final Map<String, ByteBuffer> headers = new LinkedHashMap<>();
                    letter.getOriginalHeaders().forEach((name, value) -> headers.put(name, copy(value)));
                    return new Letter(
                            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                            letter.getProcessor(),
                            letter.getReason(),
                            letter.getMessage(),
                            letter.getProcessorVersion(),
                            letter.getSourceTopic(),
                            letter.getSourcePartition(),
                            letter.getSourceTopic().equals(Topics.RAW.name()) ? letter.getSourceOffset() : null,
                            record.timestamp(),
                            copy(letter.getOriginalKey()),
                            copy(letter.getOriginalValue()),
                            headers);
                })
                .toList();
    }

    private static ByteBuffer copy(final ByteBuffer bytes) {
        return bytes == null ? null : ByteBuffer.wrap(ByteBuffers.copy(bytes));
    }
}
