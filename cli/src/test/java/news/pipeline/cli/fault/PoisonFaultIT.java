package news.pipeline.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.serde.ByteBuffers;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testkit.Delivery;
import news.pipeline.testkit.FaultKit;
import news.pipeline.testkit.PoisonRecords;
import news.pipeline.testkit.TopicFollower;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 bad records of eight kinds shuffled among 10,000 good ones. All 10,000
 * good articles come out exactly once; each bad record is in the dead-letter topic exactly once,
 * found by its source partition and offset, with the reason its kind calls for and its original
 * bytes; no stream thread dies and every application stays RUNNING.
 */
@Tag("fault")
class PoisonFaultIT {
    private static final int GOOD = 10_000;
    private static final int PER_KIND = 125;
    /** Small, so that an oversized record costs little to send. */
    private static final int MAX_CONTENT_BYTES = 64 * 1024;

    private record Sent(PoisonRecords.Kind kind, ProducerRecord<byte[], byte[]> record) {}

    @TempDir
    Path dir;

    @Test
    void badRecordsAreDeadLetteredWithTheirReasonAndTheGoodOnesAllComeOutWhileEveryThreadLives() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, 0, Map.of())) {
            final PipelineSettings settings = FaultKit.settings(
                    kafka.bootstrapServers(),
                    dir.resolve("streams"),
                    Map.of(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, String.valueOf(MAX_CONTENT_BYTES)));
            FaultKit.createTopics(settings);

            final List<Sent> all = new ArrayList<>();
            FaultKit.goodRecords(0, GOOD).forEach(record -> all.add(new Sent(null, record)));
            for (final PoisonRecords.Kind kind : PoisonRecords.Kind.values()) {
                for (int i = 0; i < PER_KIND; i++) {
                    all.add(new Sent(kind, PoisonRecords.record(kind, i, MAX_CONTENT_BYTES)));
                }
            }
            Collections.shuffle(all, new Random(6));

            final AtomicInteger threadDeaths = new AtomicInteger();
            final List<String> states = new CopyOnWriteArrayList<>();
            try (StreamsAppRunner pipeline =
                    new StreamsAppRunner(Arrays.asList(ProcessorApp.values()), settings.asMap())) {
                pipeline.streams().forEach((processor, app) -> {
                    app.setUncaughtExceptionHandler(exception -> {
                        threadDeaths.incrementAndGet();
                        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
                    });
                    app.setStateListener((now, before) -> states.add(processor.id() + ":" + before + "->" + now));
                });
                pipeline.start();
                pipeline.awaitRunning(FaultKit.TIMEOUT);
                final Map<ProcessorApp, Set<String>> threadsAtStart = threadNames(pipeline);
                final List<String> statesAtStart = List.copyOf(states);

                final List<RecordMetadata> where = FaultKit.produce(
                        settings, all.stream().map(Sent::record).toList());
                final int badCount = PoisonRecords.Kind.values().length * PER_KIND;
                try (TopicFollower enriched = new TopicFollower(settings, Topics.ENRICHED, FaultKit::key);
                        TopicFollower byCountry = new TopicFollower(
                                settings,
                                Topics.BY_COUNTRY,
                                record -> FaultKit.value(Topics.BY_COUNTRY, record)
                                        .getArticleId());
                        TopicFollower deadLetters = new TopicFollower(
                                settings,
                                Topics.DEAD_LETTER,
                                record -> source(FaultKit.value(Topics.DEAD_LETTER, record)))) {
                    enriched.awaitDistinct(GOOD, FaultKit.TIMEOUT, () -> "states " + states);
                    byCountry.awaitDistinct(GOOD, FaultKit.TIMEOUT, () -> "states " + states);
                    deadLetters.awaitDistinct(badCount, FaultKit.TIMEOUT, () -> "states " + states);
                }
                assertThat(threadDeaths).as("stream threads that died").hasValue(0);
                assertThat(pipeline.states())
                        .as("every application RUNNING")
                        .allSatisfy((processor, state) -> assertThat(state).isEqualTo(KafkaStreams.State.RUNNING));
                assertThat(threadNames(pipeline))
                        .as("the same stream threads as at the start")
                        .isEqualTo(threadsAtStart);
                assertThat(states.subList(statesAtStart.size(), states.size()))
                        .as("state changes after RUNNING")
                        .isEmpty();

                final Map<String, DeadLetter> letters = new HashMap<>();
                final Map<DeadLetterReason, Integer> byReason = new EnumMap<>(DeadLetterReason.class);
                for (final ConsumerRecord<byte[], byte[]> record : FaultKit.readAll(settings, Topics.DEAD_LETTER)) {
                    final DeadLetter letter = FaultKit.value(Topics.DEAD_LETTER, record);
                    assertThat(letters.put(source(letter), letter))
                            .as("one dead letter per bad record")
                            .isNull();
                    byReason.merge(letter.getReason(), 1, Integer::sum);
                    assertThat(record.key())
                            .isEqualTo(
                                    letter.getOriginalKey() == null ? null : ByteBuffers.copy(letter.getOriginalKey()));
                }
                final Map<PoisonRecords.Kind, Integer> matched = new EnumMap<>(PoisonRecords.Kind.class);
                for (int i = 0; i < all.size(); i++) {
                    final Sent sent = all.get(i);
                    final DeadLetter letter = letters.remove(Topics.RAW.name() + "/"
                            + where.get(i).partition() + "/" + where.get(i).offset());
                    if (sent.kind() == null) {
                        assertThat(letter)
                                .as(
                                        "good record %s not dead-lettered",
                                        new String(sent.record().key(), StandardCharsets.UTF_8))
                                .isNull();
                        continue;
                    }
                    assertThat(letter)
                            .as("dead letter of a %s record", sent.kind())
                            .isNotNull();
                    assertThat(letter.getReason())
                            .as("reason of a %s record", sent.kind())
                            .isEqualTo(sent.kind().reason());
                    assertThat(letter.getMessage()).isNotBlank();
                    assertThat(letter.getProcessor()).isEqualTo("cleaner");
                    assertThat(letter.getOriginalKey() == null ? null : ByteBuffers.copy(letter.getOriginalKey()))
                            .isEqualTo(sent.record().key());
                    assertThat(letter.getOriginalValue() == null ? null : ByteBuffers.copy(letter.getOriginalValue()))
                            .isEqualTo(sent.record().value());
                    matched.merge(sent.kind(), 1, Integer::sum);
                }
                assertThat(letters).as("dead letters of no record sent").isEmpty();
                System.out.println("[poison] dead letters by kind: " + matched + "; by reason: " + byReason);
                assertThat(matched.values().stream().mapToInt(Integer::intValue).sum())
                        .isEqualTo(badCount);
            }

            final Set<String> expected =
                    IntStream.range(0, GOOD).mapToObj(FaultKit::id).collect(Collectors.toSet());
            final Delivery delivery = Delivery.read(settings);
            System.out.println(
                    delivery.summary("poison", expected) + " bad in=" + PoisonRecords.Kind.values().length * PER_KIND);
            delivery.assertExactlyOnce(expected);
        }
    }

    private static String source(final DeadLetter letter) {
        return letter.getSourceTopic() + "/" + letter.getSourcePartition() + "/" + letter.getSourceOffset();
    }

    private static Map<ProcessorApp, Set<String>> threadNames(final StreamsAppRunner pipeline) {
        final Map<ProcessorApp, Set<String>> names = new TreeMap<>();
        pipeline.streams()
                .forEach((processor, app) -> names.put(
                        processor,
                        app.metadataForLocalThreads().stream()
                                .map(ThreadMetadata::threadName)
                                .collect(Collectors.toSet())));
        return names;
    }
}
