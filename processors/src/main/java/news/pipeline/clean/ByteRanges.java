package news.pipeline.clean;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Ranges of one byte array, in order: the bytes of a page that are kept for decoding, read in
 * place rather than copied out first.
 */
final class ByteRanges {
    private final byte[] bytes;
    /** Start and end of each range, in pairs. */
    private int[] bounds;

    private int count;
    private int length;

    ByteRanges(final byte[] bytes) {
        this.bytes = bytes;
        this.bounds = new int[16];
    }

    /** All of the bytes from {@code from} on. */
    static ByteRanges from(final byte[] bytes, final int from) {
        final ByteRanges ranges = new ByteRanges(bytes);
        ranges.add(from, bytes.length);
        return ranges;
    }

    /** Appends the range {@code [from, to)}; empty ones are left out. */
    void add(final int from, final int to) {
        if (to <= from) {
            return;
        }
        if (2 * count == bounds.length) {
            bounds = Arrays.copyOf(bounds, bounds.length * 2);
        }
        bounds[2 * count] = from;
        bounds[2 * count + 1] = to;
        count++;
        length += to - from;
    }

    /** Drops the ranges from {@code keep} on, leaving the first {@code keep}. */
    void truncate(final int keep) {
        for (int range = keep; range < count; range++) {
            length -= to(range) - from(range);
        }
        count = Math.min(count, keep);
    }

    byte[] bytes() {
        return bytes;
    }

    int count() {
        return count;
    }

    int from(final int range) {
        return bounds[2 * range];
    }

    int to(final int range) {
        return bounds[2 * range + 1];
    }

    /** The number of bytes in all ranges. */
    int length() {
        return length;
    }

    /** The ranges' bytes one after the other: the array itself when one range holds them. */
    ByteBuffer toBuffer() {
        if (count == 1) {
            return ByteBuffer.wrap(bytes, from(0), length).slice();
        }
        final byte[] joined = new byte[length];
        int at = 0;
        for (int range = 0; range < count; range++) {
            System.arraycopy(bytes, from(range), joined, at, to(range) - from(range));
            at += to(range) - from(range);
        }
        return ByteBuffer.wrap(joined);
    }
}
