package news.pipeline.topics;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import news.pipeline.serde.FramedValueSerde;
import news.pipeline.serde.ValueFormat;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One pipeline topic: its name, what its key and value are, how many partitions it has, and the
 * topic-level settings it is created with. Serdes are built on each call, never shared mutable statics.
 * The value serde given writes Avro single-object encoding; {@link #valueSerde(ValueFormat)} gives
 * the one of the pipeline's format, which reads both framings.
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

    /** Reads values in either framing; registry-framed ones with the format's registry. */
    public Consumed<K, V> consumed(final String operatorName, final ValueFormat format) {
        return Consumed.with(keySerde.get(), valueSerde(format)).withName(operatorName);
    }

    /** For a reader that needs its own value serde, such as one configured with a limit. */
    public Consumed<K, V> consumed(final String operatorName, final Serde<V> valueSerde) {
        return Consumed.with(keySerde.get(), valueSerde).withName(operatorName);
    }

    public Produced<K, V> produced(final String operatorName) {
        return Produced.with(keySerde.get(), valueSerde.get()).withName(operatorName);
    }

    /** Writes values in the format's framing: single-object encoding, or for its schema registry. */
    public Produced<K, V> produced(final String operatorName, final ValueFormat format) {
        return Produced.with(keySerde.get(), valueSerde(format)).withName(operatorName);
    }

    /**
     * The value serde in this format: an Avro value is written in the format's framing and read in
     * either; a value that is not Avro (the crawl state's JSON) has one serde whatever the format.
     */
    @SuppressWarnings("unchecked")
    public Serde<V> valueSerde(final ValueFormat format) {
        final Serde<V> serde = valueSerde.get();
        return serde instanceof FramedValueSerde<?> framed ? (Serde<V>) framed.in(format) : serde;
    }

    /** The Avro schema of the value, registered under {@link #valueSubject()} in registry mode; empty for other values. */
    public Optional<Schema> valueAvroSchema() {
        return valueSerde.get() instanceof FramedValueSerde<?> framed ? Optional.of(framed.schema()) : Optional.empty();
    }

    /** The subject of this topic's value schema in a registry: TopicNameStrategy, {@code <topic>-value}. */
    public String valueSubject() {
        return name + "-value";
    }
}
