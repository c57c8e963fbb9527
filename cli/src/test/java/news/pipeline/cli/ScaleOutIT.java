package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.CleanArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the tagger application share its 6 partitions; one stops in the middle of a
 * stream of articles, the other takes over, and every article comes out exactly once.
 */
class ScaleOutIT {
    private static final int ARTICLES = 4000;

    @TempDir
    Path dataDir;

    @Test
    void everyArticleComesOutExactlyOnceWhenOneOfTwoInstancesStopsMidStream() throws Exception {
        try (EmbeddedCluster cluster = new EmbeddedCluster(dataDir)) {
            final List<ProcessorApp> tagger = List.of(ProcessorApp.TAGGER);
            final StreamsAppRunner first = new StreamsAppRunner(
                    tagger, cluster.instanceSettings(dataDir.resolve("first")).asMap());
            final StreamsAppRunner second = new StreamsAppRunner(
                    tagger, cluster.instanceSettings(dataDir.resolve("second")).asMap());
            final Set<String> sent = new HashSet<>();
            try (first;
                    second) {
                first.start();
                second.start();
                first.awaitRunning(EmbeddedCluster.TIMEOUT);
                second.awaitRunning(EmbeddedCluster.TIMEOUT);
                assertThat(first.streams().get(ProcessorApp.TAGGER).metadataForLocalThreads())
                        .allSatisfy(thread -> assertThat(thread.activeTasks()).isNotEmpty());

                try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.settings())) {
                    final AvroSerde<CleanArticle> serde = new AvroSerde<>(CleanArticle.class);
                    for (int i = 0; i < ARTICLES; i++) {
                        final String id = "article-" + i;
                        producer.send(new ProducerRecord<>(
                                Topics.CLEAN.name(), id.getBytes(StandardCharsets.UTF_8), serde.encode(article(id))));
                        sent.add(id);
                        if (i == ARTICLES / 2) {
                            producer.flush();
                            first.close();
                        }
                        if (i % 200 == 0) {
                            Thread.sleep(20);
                        }
                    }
                }
                cluster.awaitCaughtUp(tagger);
            }

            final List<ConsumerRecord<byte[], byte[]>> enriched = cluster.readAll(Topics.ENRICHED.name());
            final Map<String, Integer> copies = new HashMap<>();
            enriched.forEach(record -> copies.merge(new String(record.key(), StandardCharsets.UTF_8), 1, Integer::sum));
            assertThat(copies.keySet()).isEqualTo(sent);
            assertThat(copies.values()).as("copies of each article").containsOnly(1);
        }
    }

    private static CleanArticle article(final String id) {
        return CleanArticle.newBuilder()
                .setId(id)
                .setFormat(ArticleFormat.TEXT)
                .setTitle("Kenya and Ethiopia open grain talks " + id)
                .setText(
                        "Kenyan and Ethiopian officials met in Nairobi on Thursday to discuss a grain corridor through Moyale.")
                .setCleanerVersion("test")
                .build();
    }
}
