package news.pipeline.console;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.nio.charset.StandardCharsets;
import org.apache.avro.SchemaNormalization;

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
    private static final byte[] SEPARATOR = {0};

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

    /** Avro's 64-bit Rabin fingerprint of the pair's bytes; the NUL cannot occur in a country code. */
    static long fingerprint(final String countryCode, final String articleId) {
        return SchemaNormalization.fingerprint64((countryCode + '\0' + articleId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The same fingerprint of a pair given as UTF-8 bytes (the first {@code codeLength} of {@code code} and
     * {@code idLength} of {@code id}), computed over them where they lie: Avro offers it only of one whole
     * array, and joining the pair into one for each of the pipeline's by-country records made garbage the
     * pipeline's collector had to make room for. The algorithm is the one Avro's specification gives.
     */
    static long fingerprint(final byte[] code, final int codeLength, final byte[] id, final int idLength) {
        long fingerprint = RabinFingerprint.EMPTY;
        fingerprint = RabinFingerprint.extend(fingerprint, code, codeLength);
        fingerprint = RabinFingerprint.extend(fingerprint, SEPARATOR, SEPARATOR.length);
        return RabinFingerprint.extend(fingerprint, id, idLength);
    }

    /** Avro's CRC-64-AVRO ("Rabin") fingerprint, over bytes in several pieces. */
    private static final class RabinFingerprint {
        static final long EMPTY = 0xc15d213aa4d7a795L;
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < TABLE.length; i++) {
                long entry = i;
                for (int bit = 0; bit < Byte.SIZE; bit++) {
                    entry = (entry >>> 1) ^ (EMPTY & -(entry & 1L));
                }
                TABLE[i] = entry;
            }
        }

        static long extend(final long fingerprint, final byte[] bytes, final int length) {
            long extended = fingerprint;
            for (int i = 0; i < length; i++) {
                extended = (extended >>> 8) ^ TABLE[(int) (extended ^ bytes[i]) & 0xff];
            }
            return extended;
        }
    }
}
