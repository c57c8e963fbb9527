package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output record larger than the processors' producers may send is refused; its input is
 * dead-lettered as OVERSIZED under exactly-once, and the article behind it still comes through.
 * Here the producers may send 3 MiB, and a 1.9 MB text naming two countries in every sentence
 * passes the cleaner but its enriched record does not: the evidence of the 100,000-odd mentions the
 * tagger reads in its first million characters makes it larger than the text.
 */
class OversizedOutputIT {
    @TempDir
    Path dataDir;

    @Test
    void anOutputTooLargeToSendIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        try (EmbeddedCluster cluster = new EmbeddedCluster(dataDir)) {
            final Map<String, String> settings =
                    new LinkedHashMap<>(cluster.settings().asMap());
            settings.put(
                    StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                    String.valueOf(3 * 1024 * 1024));
            final AtomicInteger threadDeaths = new AtomicInteger();
            try (StreamsAppRunner pipeline = new StreamsAppRunner(Arrays.asList(ProcessorApp.values()), settings)) {
                pipeline.streams()
                        .values()
                        .forEach(app -> app.setUncaughtExceptionHandler(exception -> {
                            threadDeaths.incrementAndGet();
                            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
                        }));
                pipeline.start();
                pipeline.awaitRunning(EmbeddedCluster.TIMEOUT);
                final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
                try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings())) {
                    producer.send(new ProducerRecord<>(
                                    Topics.RAW.name(),
                                    0,
                                    "huge".getBytes(StandardCharsets.UTF_8),
                                    serde.encode(text("Russia and Turkey. ".repeat(100_000)))))
                            .get();
                    producer.send(new ProducerRecord<>(
                                    Topics.RAW.name(),
                                    0,
                                    "after".getBytes(StandardCharsets.UTF_8),
                                    serde.encode(text(
                                            "Chile and Peru signed a trade deal in Lima on Tuesday, officials said."))))
                            .get();
                }
                final AvroSerde<DeadLetter> letters = new AvroSerde<>(DeadLetter.class);
                final List<ConsumerRecord<byte[], byte[]>> dead =
                        cluster.readUntil(Topics.DEAD_LETTER.name(), r -> !r.isEmpty());
                final DeadLetter letter = letters.decode(dead.get(0).value());
                assertThat(letter.getReason()).isEqualTo(DeadLetterReason.OVERSIZED);
                assertThat(String.valueOf(letter.getProcessor())).isEqualTo(ProcessorApp.TAGGER.id());
                assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8))
                        .isEqualTo("huge");
                assertThat(letter.getOriginalValue()).isNotNull();
                assertThat(cluster.readUntil(
                                Topics.ENRICHED.name(),
                                r -> r.stream()
                                        .anyMatch(record ->
                                                "after".equals(new String(record.key(), StandardCharsets.UTF_8)))))
                        .isNotEmpty();
                assertThat(threadDeaths).hasValue(0);
                System.out.println("[oversized] " + letter.getProcessor() + ": " + letter.getMessage());
            }
        }
    }

    private static RawArticle text(final String text) {
        return RawArticle.newBuilder()
                .setFormat(ArticleFormat.TEXT)
                .setContentType("text/plain; charset=utf-8")
                .setContent(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
