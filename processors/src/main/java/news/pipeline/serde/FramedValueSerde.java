package news.pipeline.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's Avro value serde, which can be had in either of the pipeline's framings: Avro
 * single-object encoding or the Confluent wire format for a schema registry.
 */
public interface FramedValueSerde<T> extends Serde<T> {
    /** This serde writing the format's framing; it reads both framings. */
    Serde<T> in(ValueFormat format);

    /** The value's current Avro schema: what registry mode registers for the topic. */
    Schema schema();
}
