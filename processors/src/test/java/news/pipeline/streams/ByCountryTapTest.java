package news.pipeline.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * The publisher's producers hand the by-country records they send to the process's tap: installed
 * through the settings Kafka Streams gives its producers, created as Kafka creates interceptors.
 */
class ByCountryTapTest {
    private static final Map<String, String> SETTINGS =
            Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");

    private record Sent(String value, long timestamp) {}

    @Test
    void thePublishersProducersHandEachByCountryRecordToTheListener() {
        final ByCountryTap tap = new ByCountryTap();
        final List<Sent> sent = new ArrayList<>();
        tap.listen((value, timestamp) -> sent.add(new Sent(new String(value, StandardCharsets.UTF_8), timestamp)));
        final ProducerInterceptor<byte[], byte[]> interceptor = onlyInterceptor(
                StreamsSettings.forProcessor(ProcessorApp.PUBLISHER, SETTINGS, PipelineMetrics.inMemory(), tap));

        final ProducerRecord<byte[], byte[]> record = record(Topics.BY_COUNTRY.name(), "AM view", 1_000L);
        assertThat(interceptor.onSend(record)).as("sent unchanged").isSameAs(record);
        interceptor.onSend(record(Topics.DEAD_LETTER.name(), "a dead letter", 2_000L));
        interceptor.onSend(record(Topics.BY_COUNTRY.name(), null, 3_000L));

        assertThat(sent).as("by-country records with a value only").containsExactly(new Sent("AM view", 1_000L));

        tap.listen(null);
        interceptor.onSend(record(Topics.BY_COUNTRY.name(), "FR view", 4_000L));
        assertThat(sent).as("nothing once no one listens").hasSize(1);
    }

    @Test
    void theTapIsInstalledAfterTheUsersInterceptorsAndOnlyInThePublisher() {
        final ByCountryTap tap = new ByCountryTap();
        final Properties publisher = StreamsSettings.forProcessor(
                ProcessorApp.PUBLISHER,
                Map.of(
                        StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "127.0.0.1:9092",
                        StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
                        Counting.class.getName()),
                PipelineMetrics.inMemory(),
                tap);
        assertThat(interceptors(publisher))
                .extracting(interceptor -> interceptor.getClass().getName())
                .containsExactly(Counting.class.getName(), ByCountryTap.Interceptor.class.getName());

        for (final ProcessorApp other : List.of(ProcessorApp.CLEANER, ProcessorApp.TAGGER)) {
            assertThat(interceptors(StreamsSettings.forProcessor(other, SETTINGS, PipelineMetrics.inMemory(), tap)))
                    .as(other.id())
                    .isEmpty();
        }
    }

    @Test
    void anInterceptorConfiguredWithoutTheTapPassesRecordsOn() {
        final ByCountryTap.Interceptor interceptor = new ByCountryTap.Interceptor();
        interceptor.configure(Map.of(ByCountryTap.CONFIG, "a string"));
        final ProducerRecord<byte[], byte[]> record = record(Topics.BY_COUNTRY.name(), "AM view", 1_000L);

        assertThat(interceptor.onSend(record)).isSameAs(record);
    }

    /** A user's own interceptor, which the tap must not replace. */
    public static final class Counting implements ProducerInterceptor<byte[], byte[]> {
        @Override
        public ProducerRecord<byte[], byte[]> onSend(final ProducerRecord<byte[], byte[]> record) {
            return record;
        }

        @Override
        public void onAcknowledgement(final RecordMetadata metadata, final Exception e) {}

        @Override
        public void close() {}

        @Override
        public void configure(final Map<String, ?> configs) {}
    }

    private static ProducerInterceptor<byte[], byte[]> onlyInterceptor(final Properties props) {
        final List<ProducerInterceptor<byte[], byte[]>> interceptors = interceptors(props);
        assertThat(interceptors).hasSize(1);
        return interceptors.get(0);
    }

    /** The interceptors a stream thread's producer gets: from Kafka Streams' producer settings, created by Kafka. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<ProducerInterceptor<byte[], byte[]>> interceptors(final Properties props) {
        final Map<String, Object> producer = new StreamsConfig(props).getProducerConfigs("client");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return (List) new ProducerConfig(producer)
                .getConfiguredInstances(
                        ProducerConfig.INTERCEPTOR_CLASSES_CONFIG,
                        ProducerInterceptor.class,
                        Map.of(ProducerConfig.CLIENT_ID_CONFIG, "client"));
    }

    private static ProducerRecord<byte[], byte[]> record(final String topic, final String value, final long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                timestamp,
                "AM".getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
