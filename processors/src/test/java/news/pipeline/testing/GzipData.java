package news.pipeline.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** gzip data for tests, bombs included. */
public final class GzipData {
    /** What the bombs inflate to: 100 MB, far past any limit, and more than a small test heap holds twice. */
    public static final int BOMB_INFLATED_BYTES = 100 * 1024 * 1024;

    private GzipData() {}

    public static byte[] gzip(final byte[] bytes) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** 100 MB of zeros, compressed: about 100 KB that inflate a thousand times over. */
    public static byte[] bomb() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            final byte[] zeros = new byte[1024 * 1024];
            for (int written = 0; written < BOMB_INFLATED_BYTES; written += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
