package news.pipeline.topics;

import java.util.Map;
import java.util.function.Supplier;
import news.pipeline.serde.ValueFormat;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One pipeline topic: its name, what its key and value are, how many partitions it has, and the
 * topic-level settings it is created with. Serdes are built on each call, never shared mutable statics.
 * Values are Avro records, framed as the pipeline's {@link ValueFormat} says; every value serde
 * reads both framings.
 *
 * @param name        the topic name
 * @param keyDoc      what the key means, for the README and the topics command
 * @param valueSchema the Avro record name of the value
 * @param keySerde    builds the key serde
 * @param valueType   the Avro class of the value
 * @param partitions  partition count when the pipeline creates the topic
 * @param configs     topic-level settings (max.message.bytes, retention)
 */
public record TopicSpec<K, V>(
        String name,
        String keyDoc,
        String valueSchema,
        Supplier<Serde<K>> keySerde,
        Class<V> valueType,
        int partitions,
        Map<String, String> configs) {

    /** The value serde in the default format, single-object encoding; it reads registry framing only with a registry. */
    public Supplier<Serde<V>> valueSerde() {
        return () -> valueSerde(ValueFormat.singleObject());
    }

    /** The value serde in this format: it writes the format's framing and reads both. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Serde<V> valueSerde(final ValueFormat format) {
        // Every pipeline topic's value is a generated Avro class; the record's V is left unbounded
        // so that code generic in V need not name Avro.
        return (Serde<V>) format.serde((Class<? extends SpecificRecordBase>) (Class) valueType);
    }

    /** The subject of this topic's value schema in a registry: TopicNameStrategy, {@code <topic>-value}. */
    public String valueSubject() {
        return name + "-value";
    }

    public Consumed<K, V> consumed(final String operatorName, final ValueFormat format) {
        return Consumed.with(keySerde.get(), valueSerde(format)).withName(operatorName);
    }

    public Produced<K, V> produced(final String operatorName, final ValueFormat format) {
        return Produced.with(keySerde.get(), valueSerde(format)).withName(operatorName);
    }
}
