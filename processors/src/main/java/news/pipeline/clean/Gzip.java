package news.pipeline.clean;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * gzip with a cap on what it inflates to. A few kilobytes of gzip can inflate to gigabytes (a gzip
 * bomb), so nothing is inflated without a limit, and inflating stops as soon as the limit is passed:
 * memory and time stay bounded by the limit, never by what the data claims.
 */
public final class Gzip {
    /** Every gzip member starts with these two bytes (RFC 1952). */
    private static final int MAGIC_FIRST = 0x1F;

    private static final int MAGIC_SECOND = 0x8B;
    /** Read in chunks of this size, so a bomb is stopped within one chunk past the limit. */
    private static final int CHUNK_BYTES = 64 * 1024;
    /** The output buffer's first size, as a multiple of the compressed size: text compresses about 4:1. */
    private static final int EXPECTED_RATIO = 4;

    private Gzip() {}

    /** Whether the bytes start like gzip (1F 8B). */
    public static boolean isGzip(final byte[] bytes) {
        return bytes != null
                && bytes.length >= 2
                && (bytes[0] & 0xFF) == MAGIC_FIRST
                && (bytes[1] & 0xFF) == MAGIC_SECOND;
    }

    /** Whether the buffer's remaining bytes start like gzip (1F 8B). */
    public static boolean isGzip(final ByteBuffer buffer) {
        return buffer != null
                && buffer.remaining() >= 2
                && (buffer.get(buffer.position()) & 0xFF) == MAGIC_FIRST
                && (buffer.get(buffer.position() + 1) & 0xFF) == MAGIC_SECOND;
    }

    /**
     * Inflates gzip data (one member or several, concatenated).
     *
     * @param maxBytes the most the data may inflate to
     * @throws TooLargeException when it inflates to more than {@code maxBytes}
     * @throws IOException       when it is not valid gzip (corrupt, truncated, bad checksum)
     */
    public static byte[] inflate(final byte[] gzip, final int maxBytes) throws IOException, TooLargeException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(maxBytes, Math.max(CHUNK_BYTES, (long) gzip.length * EXPECTED_RATIO)));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), CHUNK_BYTES)) {
            final byte[] chunk = new byte[CHUNK_BYTES];
            long total = 0;
            int read;
            while ((read = in.read(chunk)) != -1) {
                total += read;
                if (total > maxBytes) {
                    throw new TooLargeException(gzip.length, maxBytes);
                }
                out.write(chunk, 0, read);
            }
        }
        return out.toByteArray();
    }

    /** What is wrong with gzip data that did not inflate, in words: a truncated stream has no message of its own. */
    public static String problemOf(final IOException e) {
        if (e instanceof EOFException) {
            return "it ends before the compressed data does (truncated?)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The data inflates to more than the limit; it was not inflated further. */
    public static final class TooLargeException extends Exception {
        public TooLargeException(final int compressedBytes, final int maxBytes) {
            super(String.format(
                    Locale.ROOT,
                    "%,d bytes of gzip inflate to more than %,d bytes, the maximum",
                    compressedBytes,
                    maxBytes));
        }

        /** An expected outcome for hostile input: a stack trace would cost time and say nothing. */
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
