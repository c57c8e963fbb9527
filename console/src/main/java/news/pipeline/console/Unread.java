package news.pipeline.console;

import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/** A deserializer that reads nothing and gives null: for keys or values a reader does not need. */
final class Unread implements Deserializer<Void> {
    @Override
    public Void deserialize(final String topic, final byte[] data) {
        return null;
    }

    @Override
    public Void deserialize(final String topic, final Headers headers, final ByteBuffer data) {
        return null;
    }
}
