package news.pipeline.console;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.SchemaNormalization;

/**
 * The country and article pairs the Countries page has counted, so that a replay, which writes the
 * same by-country records again, does not count an article twice. Bounded: it remembers the last
 * {@code capacity} distinct pairs, oldest forgotten first, so a pair that comes back after that
 * many others is counted again. Each pair is kept as a 64-bit fingerprint, not as text: about 65
 * bytes a pair with the map's own entry, and with 200,000 pairs the odds that two of them share a
 * fingerprint (one article then not counted) are about one in a billion.
 */
final class CountedPairs {
    private final int capacity;
    private final Map<Long, Boolean> pairs;

    CountedPairs(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.pairs = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<Long, Boolean> eldest) {
                return size() > CountedPairs.this.capacity;
            }
        };
    }

    /** True the first time a pair is seen among the remembered ones; it is then remembered. */
    boolean firstTime(final String countryCode, final String articleId) {
        return pairs.putIfAbsent(fingerprint(countryCode, articleId), Boolean.TRUE) == null;
    }

    int size() {
        return pairs.size();
    }

    int capacity() {
        return capacity;
    }

    /** Avro's 64-bit Rabin fingerprint of the pair's bytes; the NUL cannot occur in a country code. */
    private static long fingerprint(final String countryCode, final String articleId) {
        return SchemaNormalization.fingerprint64((countryCode + '\0' + articleId).getBytes(StandardCharsets.UTF_8));
    }
}
