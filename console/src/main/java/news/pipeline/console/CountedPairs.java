package news.pipeline.console;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The country and article pairs the Countries page has counted, so that a replay, which writes the
 * same by-country records again, does not count an article twice. Bounded: it remembers the last
 * {@code capacity} distinct pairs, oldest forgotten first, so a pair that comes back after that
 * many others is counted again. Each pair is kept as a 64-bit fingerprint, not as text, in a
 * primitive hash set beside a ring of the same fingerprints in the order they came: under 30 bytes
 * a pair (boxed keys in a linked map took 65, and their scattered entries made counting each of
 * the pipeline's by-country records cost a few cache misses). With 200,000 pairs the odds that two of them share a
 * fingerprint (one article then not counted) are about one in a billion.
 */
final class CountedPairs {
    /** Reads eight bytes of an array as one long. */
    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int capacity;
    private final LongOpenHashSet pairs;
    /** The remembered fingerprints in the order they came; {@link #oldest} is the next to forget. */
    private final long[] arrived;

    private int oldest;

    CountedPairs(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.pairs = new LongOpenHashSet(capacity);
        this.arrived = new long[capacity];
    }

    /** True the first time a pair is seen among the remembered ones; it is then remembered. */
    boolean firstTime(final String countryCode, final String articleId) {
        return firstTime(fingerprint(countryCode, articleId));
    }

    /** {@link #firstTime(String, String)} for a pair's {@link #fingerprint}. */
    boolean firstTime(final long pair) {
        if (!pairs.add(pair)) {
            return false;
        }
        final int size = pairs.size();
        if (size > capacity) {
            pairs.remove(arrived[oldest]);
            arrived[oldest] = pair;
            oldest = (oldest + 1) % capacity;
        } else {
            arrived[size - 1] = pair;
        }
        return true;
    }

    int size() {
        return pairs.size();
    }

    int capacity() {
        return capacity;
    }

    /** The fingerprint of a pair given as text: that of its UTF-8 bytes, as a record holds them. */
    static long fingerprint(final String countryCode, final String articleId) {
        final byte[] code = countryCode.getBytes(StandardCharsets.UTF_8);
        final byte[] id = articleId.getBytes(StandardCharsets.UTF_8);
        return fingerprint(code, code.length, id, id.length);
    }

    /**
     * A 64-bit fingerprint of a pair given as UTF-8 bytes where a decoder holds them (the first
     * {@code codeLength} of {@code code} and {@code idLength} of {@code id}, in reused buffers):
     * the two lengths, then the bytes eight at a time, each step mixed by MurmurHash3's 64-bit
     * finalizer. The finalizer is a bijection, so two pairs end with the same fingerprint only by
     * chance, as with any well-mixed 64-bit hash; the lengths come first, so that no byte of one
     * string can pass for the other's. It is computed for each of the pipeline's by-country records
     * while the console is open and compared only within one process, so it is chosen for speed:
     * Avro's Rabin fingerprint, used before, took a table lookup a byte, one after the other.
     */
    static long fingerprint(final byte[] code, final int codeLength, final byte[] id, final int idLength) {
        final long lengths = ((long) codeLength << Integer.SIZE) | idLength;
        return mixIn(mixIn(HashCommon.murmurHash3(lengths), code, codeLength), id, idLength);
    }

    private static long mixIn(final long fingerprint, final byte[] bytes, final int length) {
        long mixed = fingerprint;
        int at = 0;
        for (; at + Long.BYTES <= length; at += Long.BYTES) {
            mixed = HashCommon.murmurHash3(mixed ^ (long) LITTLE_ENDIAN_LONGS.get(bytes, at));
        }
        long last = 0;
        for (int shift = 0; at < length; at++, shift += Byte.SIZE) {
            last |= (bytes[at] & 0xffL) << shift;
        }
        return HashCommon.murmurHash3(mixed ^ last);
    }
}
