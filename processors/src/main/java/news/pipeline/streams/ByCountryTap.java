package news.pipeline.streams;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The by-country records this process's publisher sends, handed to whoever listens in the process as
 * the producers send them. The console counts articles per country from them: reading every record
 * back from the topic (some five an article) cost the pipeline several percent of its throughput,
 * while a record seen here is already in memory. Installed in the publisher's producers as an
 * interceptor ({@link Interceptor}); with no listener it costs a volatile read a record.
 *
 * <p>A record is seen when it is sent, before its transaction commits; one that is aborted is sent
 * again when its input is processed again, so a listener that counts each article once per country
 * counts it right.
 */
public final class ByCountryTap {
    /**
     * The key, in the publisher's producer settings, under which the tap itself (an object, not a
     * string) reaches the interceptors Kafka creates. Not a {@code news.pipeline.*} key: a user cannot
     * set it, and Kafka Streams passes producer-prefixed keys through to the producer whatever they are.
     */
    static final String CONFIG = "news.pipeline.internal.by-country-tap";

    /** Told of each by-country record as it is sent, in the sending stream thread: it must be quick. */
    @FunctionalInterface
    public interface Listener {
        void sent(byte[] value, long timestamp);
    }

    private volatile Listener listener;

    /** Hands every record sent from now on to this listener, instead of the one before; null stops. */
    public void listen(final Listener listener) {
        this.listener = listener;
    }

    /** Adds the interceptor to a processor's Streams settings, after the user's own interceptors. */
    void installIn(final Properties props) {
        final String prefixed = StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
        final Object users = props.getOrDefault(prefixed, props.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG));
        final String own = Interceptor.class.getName();
        props.put(prefixed, users == null || users.toString().isBlank() ? own : users + "," + own);
        props.put(StreamsConfig.producerPrefix(CONFIG), this);
    }

    private void sent(final ProducerRecord<byte[], byte[]> record) {
        final Listener current = listener;
        if (current != null && record.value() != null && record.topic().equals(Topics.BY_COUNTRY.name())) {
            current.sent(record.value(), Objects.requireNonNullElseGet(record.timestamp(), System::currentTimeMillis));
        }
    }

    /** The producer side: Kafka creates one per producer and configures it with the producer's settings. */
    public static final class Interceptor implements ProducerInterceptor<byte[], byte[]> {
        private ByCountryTap tap;

        @Override
        public void configure(final Map<String, ?> configs) {
            // Absent when the settings were copied as strings (a user's file, say): then nothing is tapped.
            tap = configs.get(CONFIG) instanceof ByCountryTap given ? given : null;
        }

        @Override
        public ProducerRecord<byte[], byte[]> onSend(final ProducerRecord<byte[], byte[]> record) {
            if (tap != null) {
                tap.sent(record);
            }
            return record;
        }

        @Override
        public void onAcknowledgement(final RecordMetadata metadata, final Exception exception) {}

        @Override
        public void close() {}
    }
}
