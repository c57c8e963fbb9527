package news.pipeline.serde;

import java.nio.ByteBuffer;

/** The bytes of Avro {@code bytes} fields, which Avro gives as ByteBuffers. */
public final class ByteBuffers {
    private ByteBuffers() {}

    /** A copy of the buffer's remaining bytes; the buffer's position is left where it was. */
    public static byte[] copy(final ByteBuffer buffer) {
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
