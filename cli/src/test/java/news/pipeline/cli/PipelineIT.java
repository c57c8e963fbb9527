package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.RawArticleProducer;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.CountryTag;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a real Kafka broker (embedded, KRaft), with exactly-once processing:
 * the seed article goes in raw and comes out enriched and fanned out by country; a bad record
 * goes to the dead-letter topic.
 */
class PipelineIT {
    @TempDir
    static Path dataDir;

    private static EmbeddedCluster cluster;
    private static PipelineSettings settings;
    private static StreamsAppRunner pipeline;

    @BeforeAll
    static void startPipeline() throws Exception {
        cluster = new EmbeddedCluster(dataDir);
        settings = cluster.settings();
        pipeline = cluster.startPipeline();
    }

    @AfterAll
    static void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theSeedArticleComesOutCleanedTaggedAndFannedOutByCountry() throws Exception {
        final byte[] seed = Files.readAllBytes(Path.of("..", "samples", "seed-article.txt"));
        final ArticleFiles.Article article = ArticleFiles.fromContent(seed, ArticleFormat.TEXT, null, "seed");
        try (RawArticleProducer producer = new RawArticleProducer(settings)) {
            assertThat(producer.send(List.of(article)))
                    .allSatisfy(sent -> assertThat(sent.error()).isNull());
        }

        final EnrichedArticle enriched =
                readUntil(Topics.ENRICHED, records -> records.stream().anyMatch(kv -> kv.key.equals(article.id())))
                        .stream()
                        .filter(kv -> kv.key.equals(article.id()))
                        .findFirst()
                        .orElseThrow()
                        .value;

        assertThat(enriched.getId()).isEqualTo(article.id());
        assertThat(enriched.getTitle())
                .isEqualTo("President Vladimir Putin “Very Concerned” By Armenian-Azerbaijani Clashes.");
        assertThat(enriched.getText())
                .contains("offered to help ease tensions between the two South Caucasus states")
                .contains("broker a solution to the Armenian-Azerbaijani dispute")
                .doesNotContain("Popular stories")
                .doesNotContain("Explore additional categories");
        final List<String> codes =
                enriched.getCountries().stream().map(CountryTag::getCode).toList();
        assertThat(codes).contains("AM", "AZ", "RU", "TR", "IR", "US", "FR").doesNotContain("BY");

        final List<KeyValue<String, CountryArticle>> byCountry = readUntil(
                Topics.BY_COUNTRY,
                records -> records.stream()
                                .filter(kv -> kv.value.getArticleId().equals(article.id()))
                                .count()
                        >= codes.size());
        final List<KeyValue<String, CountryArticle>> mine = byCountry.stream()
                .filter(kv -> kv.value.getArticleId().equals(article.id()))
                .toList();
        assertThat(mine).hasSize(codes.size());
        assertThat(mine).allSatisfy(kv -> assertThat(kv.key).isEqualTo(kv.value.getCode()));
        assertThat(mine).extracting(kv -> kv.key).containsExactlyInAnyOrderElementsOf(codes);
    }

    @Test
    void aRecordThatIsNotARawArticleIsDeadLetteredUnderExactlyOnce() throws Exception {
        final byte[] junk = "<<definitely not avro>>".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(settings)) {
            producer.send(new ProducerRecord<>(Topics.RAW.name(), "junk-1".getBytes(StandardCharsets.UTF_8), junk))
                    .get();
        }

        final List<KeyValue<byte[], DeadLetter>> dead = readUntil(
                Topics.DEAD_LETTER,
                records ->
                        records.stream().anyMatch(kv -> "junk-1".equals(new String(kv.key, StandardCharsets.UTF_8))));
        final DeadLetter letter = dead.stream()
                .filter(kv -> "junk-1".equals(new String(kv.key, StandardCharsets.UTF_8)))
                .findFirst()
                .orElseThrow()
                .value;
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.MALFORMED_RECORD);
        assertThat(letter.getProcessor()).isEqualTo("cleaner");
        assertThat(letter.getSourceTopic()).isEqualTo(Topics.RAW.name());
        assertThat(StandardCharsets.UTF_8.decode(letter.getOriginalValue()).toString())
                .isEqualTo("<<definitely not avro>>");
        assertThat(pipeline.allRunning()).isTrue();
    }

    /** Reads the whole topic, decoded, as a read_committed consumer until the condition holds. */
    private static <K, V> List<KeyValue<K, V>> readUntil(
            final TopicSpec<K, V> topic, final Predicate<List<KeyValue<K, V>>> done) {
        return decoded(topic, cluster.readUntil(topic.name(), records -> done.test(decoded(topic, records))));
    }

    private static <K, V> List<KeyValue<K, V>> decoded(
            final TopicSpec<K, V> topic, final List<ConsumerRecord<byte[], byte[]>> records) {
        final List<KeyValue<K, V>> decoded = new ArrayList<>();
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            decoded.add(KeyValue.pair(
                    topic.keySerde().get().deserializer().deserialize(topic.name(), record.key()),
                    topic.valueSerde().get().deserializer().deserialize(topic.name(), record.value())));
        }
        return decoded;
    }
}
