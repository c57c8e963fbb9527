package news.pipeline.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import news.pipeline.app.PipelineProcessor;
import news.pipeline.cli.PipelineRunner;
import news.pipeline.cli.PipelineSettings;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw article under the content cap whose clean record is over the clean topic's
 * max.message.bytes (8 MiB): 9 MiB of text that does not compress. The broker refuses the clean
 * record. It must be dead-lettered like any other record the cleaner cannot handle, and the
 * articles behind it must come through.
 *
 * <p>Disabled because it fails today (seen on Kafka 4.4.0): the broker answers the send to
 * news.articles.clean with RecordTooLargeException; no production exception handler is configured,
 * so Kafka Streams' default one FAILs, the cleaner's stream thread dies, PipelineRunner replaces it,
 * the new thread reads the same record from the last commit and dies again, about every 100 s. The
 * record is never dead-lettered and the articles queued behind it on that thread wait for ever (115
 * of 200 came out in 4 minutes). Reachable whenever news.pipeline.cleaner.max.content.bytes lets
 * through content whose clean or enriched record exceeds 8 MiB after compression. Fix, in
 * processors/src/main: refuse such a record while processing (a RejectedRecordException with
 * OVERSIZED when the output record's encoded size exceeds its topic's max.message.bytes, so the
 * processing handler dead-letters it in the same transaction), and make DeadLetterHandler a
 * ProductionExceptionHandler too, for what can only be seen at send time.
 */
@Disabled("fails: a clean record over the clean topic's max.message.bytes kills the cleaner's stream thread in a loop;"
        + " see the class comment for the fix in processors/src/main")
@Tag("fault")
class OversizedOutputFaultIT {
    private static final int CAP = 12 * 1024 * 1024;
    private static final int TEXT_BYTES = 9 * 1024 * 1024;
    private static final int GOOD = 200;

    @TempDir
    Path dir;

    @Test
    void aCleanRecordTheBrokerRefusesAsTooLargeIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, 0, Map.of())) {
            final PipelineSettings settings = FaultKit.settings(kafka.bootstrapServers(), dir.resolve("streams"),
                    Map.of(PipelineProcessor.MAX_CONTENT_BYTES_CONFIG, String.valueOf(CAP)));
            FaultKit.createTopics(settings);
            final AtomicInteger threadDeaths = new AtomicInteger();
            try (PipelineRunner pipeline = new PipelineRunner(Arrays.asList(PipelineProcessor.values()), settings.asMap())) {
                pipeline.streams().forEach((processor, app) -> app.setUncaughtExceptionHandler(exception -> {
                    System.out.println("[oversized-output] " + processor.id() + " stream thread died ("
                            + threadDeaths.incrementAndGet() + "): " + exception + " / cause " + exception.getCause());
                    return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
                }));
                pipeline.start();
                pipeline.awaitRunning(FaultKit.TIMEOUT);

                final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
                records.add(new ProducerRecord<>(Topics.RAW.name(), "incompressible".getBytes(StandardCharsets.UTF_8),
                        new AvroSerde<>(RawArticle.class).encode(incompressibleText())));
                records.addAll(FaultKit.goodRecords(0, GOOD));
                FaultKit.produce(settings, records);

                try (Progress enriched = new Progress(settings, Topics.ENRICHED, FaultKit::key);
                     Progress deadLetters = new Progress(settings, Topics.DEAD_LETTER, FaultKit::key)) {
                    enriched.awaitDistinct(GOOD, FaultKit.TIMEOUT, () -> threadDeaths.get() == 0,
                            () -> threadDeaths.get() + " stream thread deaths");
                    deadLetters.awaitDistinct(1, FaultKit.TIMEOUT, () -> threadDeaths.get() == 0,
                            () -> threadDeaths.get() + " stream thread deaths");
                    System.out.println("[oversized-output] good enriched " + enriched.distinct() + ", dead letters "
                            + deadLetters.distinct() + ", thread deaths " + threadDeaths.get());
                }
                assertThat(threadDeaths).hasValue(0);
            }
        }
    }

    /** 9 MiB of words of random CJK characters: valid text, three bytes a character, and LZ4 cannot shrink it. */
    private static RawArticle incompressibleText() {
        final Random random = new Random(9);
        final StringBuilder text = new StringBuilder(TEXT_BYTES / 3 + 1024);
        int bytes = 0;
        while (bytes < TEXT_BYTES) {
            final int length = 2 + random.nextInt(6);
            for (int i = 0; i < length; i++) {
                text.append((char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00)));
            }
            text.append(random.nextInt(15) == 0 ? "。\n\n" : "，");
            bytes += 3 * length + 3;
        }
        return RawArticle.newBuilder().setFormat(ArticleFormat.TEXT).setContentType("text/plain; charset=utf-8")
                .setSource("fault-test").setContent(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
