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
}
