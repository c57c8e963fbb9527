package news.pipeline.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import news.pipeline.schema.RawArticle;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/** Writes articles to the raw topic, keyed by their id, and reports each one's fate. */
public final class RawArticleProducer implements AutoCloseable {
    /** What became of one article. */
    public record Sent(ArticleFiles.Article article, RecordMetadata metadata, Exception error) {}

    private final KafkaProducer<byte[], byte[]> producer;
    private final Serializer<RawArticle> values;

    /** Values framed as the settings say: single-object encoding, or for their schema registry. */
    public RawArticleProducer(final PipelineSettings settings) {
        this.producer = Clients.producer(settings);
        this.values = Topics.RAW.valueSerde(settings.valueFormat()).serializer();
    }

    public List<Sent> send(final List<ArticleFiles.Article> articles) throws InterruptedException {
        final List<Future<RecordMetadata>> futures = new ArrayList<>(articles.size());
        for (final ArticleFiles.Article article : articles) {
            futures.add(producer.send(new ProducerRecord<>(
                    Topics.RAW.name(),
                    article.id().getBytes(StandardCharsets.UTF_8),
                    values.serialize(Topics.RAW.name(), article.raw()))));
        }
        producer.flush();
        final List<Sent> results = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            try {
                results.add(new Sent(articles.get(i), futures.get(i).get(), null));
            } catch (ExecutionException e) {
                results.add(new Sent(articles.get(i), null, (Exception) e.getCause()));
            }
        }
        return results;
    }

    @Override
    public void close() {
        producer.close();
    }
}
