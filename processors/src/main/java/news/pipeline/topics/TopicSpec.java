package news.pipeline.topics;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One pipeline topic: its name, what its key and value are, how many partitions it has, and the
 * topic-level settings it is created with. Serdes are built on each call, never shared mutable statics.
 *
 * @param name        the topic name
 * @param keyDoc      what the key means, for the README and the topics command
 * @param valueSchema the Avro record name of the value
 * @param keySerde    builds the key serde
 * @param valueSerde  builds the value serde
 * @param partitions  partition count when the pipeline creates the topic
 * @param configs     topic-level settings (max.message.bytes, retention)
 */
public record TopicSpec<K, V>(
        String name,
        String keyDoc,
        String valueSchema,
        Supplier<Serde<K>> keySerde,
        Supplier<Serde<V>> valueSerde,
        int partitions,
        Map<String, String> configs) {

    public Consumed<K, V> consumed(final String operatorName) {
        return Consumed.with(keySerde.get(), valueSerde.get()).withName(operatorName);
    }

    /** For a reader that needs its own value serde, such as one configured with a limit. */
    public Consumed<K, V> consumed(final String operatorName, final Serde<V> valueSerde) {
        return Consumed.with(keySerde.get(), valueSerde).withName(operatorName);
    }

    public Produced<K, V> produced(final String operatorName) {
        return Produced.with(keySerde.get(), valueSerde.get()).withName(operatorName);
    }
}
