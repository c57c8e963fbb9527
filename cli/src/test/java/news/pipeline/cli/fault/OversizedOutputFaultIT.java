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
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testkit.FaultKit;
import news.pipeline.testkit.TopicFollower;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A raw article under the content cap whose clean record is 9 MiB of text that does not compress.
 * Before the output topics accepted more than the processors' producers may send, the broker
 * refused that record, the cleaner's stream thread died and was replaced in a loop, and the
 * articles behind it waited for ever. Now such a record goes through, with the articles behind it
 * and no thread death; a record too large to send at all is dead-lettered (OversizedOutputIT).
 */
@Tag("fault")
class OversizedOutputFaultIT {
    private static final int CAP = 12 * 1024 * 1024;
    private static final int TEXT_BYTES = 9 * 1024 * 1024;
    private static final int GOOD = 200;

    @TempDir
    Path dir;

    @Test
    void aNineMebibyteCleanRecordGoesThroughWithTheArticlesBehindIt() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, 0, Map.of())) {
            final PipelineSettings settings = FaultKit.settings(
                    kafka.bootstrapServers(),
                    dir.resolve("streams"),
                    Map.of(PipelineConfig.MAX_CONTENT_BYTES_CONFIG, String.valueOf(CAP)));
            FaultKit.createTopics(settings);
            final AtomicInteger threadDeaths = new AtomicInteger();
            try (StreamsAppRunner pipeline =
                    new StreamsAppRunner(Arrays.asList(ProcessorApp.values()), settings.asMap())) {
                pipeline.streams()
                        .forEach((processor, app) -> app.setUncaughtExceptionHandler(exception -> {
                            System.out.println("[oversized-output] " + processor.id() + " stream thread died ("
                                    + threadDeaths.incrementAndGet() + "): " + exception + " / cause "
                                    + exception.getCause());
                            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
                        }));
                pipeline.start();
                pipeline.awaitRunning(FaultKit.TIMEOUT);

                final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
                records.add(new ProducerRecord<>(
                        Topics.RAW.name(),
                        "incompressible".getBytes(StandardCharsets.UTF_8),
                        new AvroSerde<>(RawArticle.class).encode(incompressibleText())));
                records.addAll(FaultKit.goodRecords(0, GOOD));
                FaultKit.produce(settings, records);

                try (TopicFollower enriched = new TopicFollower(settings, Topics.ENRICHED, FaultKit::key)) {
                    enriched.awaitDistinct(
                            GOOD + 1,
                            FaultKit.TIMEOUT,
                            () -> threadDeaths.get() == 0,
                            () -> threadDeaths.get() + " stream thread deaths");
                    System.out.println("[oversized-output] enriched " + enriched.distinct() + " of " + (GOOD + 1)
                            + ", thread deaths " + threadDeaths.get());
                }
                assertThat(FaultKit.readAll(settings, Topics.DEAD_LETTER)).isEmpty();
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
        return RawArticle.newBuilder()
                .setFormat(ArticleFormat.TEXT)
                .setContentType("text/plain; charset=utf-8")
                .setSource("fault-test")
                .setContent(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
