package news.pipeline.console;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.longs.LongHash;
import it.unimi.dsi.fastutil.longs.LongOpenCustomHashSet;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The country and article pairs the Countries page has counted, so that a replay, which writes the
 * same by-country records again, does not count an article twice. Bounded: it remembers pairs in
 * two generations of {@code capacity / 2}, the current one and the one before; when the current one
 * is full, the one before is forgotten at once and the current one takes its place. So it remembers
 * at least the last {@code capacity / 2} distinct pairs and at most the last {@code capacity}, and a
 * pair that comes back after more is counted again. Each pair is kept as a 64-bit fingerprint, not
 * as text, in primitive hash sets: about 20 bytes a pair.
 *
 * <p>Why generations and placement by article: the sets are megabytes, larger than a core's cache,
 * and in a profile of the pipeline with the console open, adding each pair at a random place and
 * forgetting the oldest one by one took most of the counting's time, a cache miss or two a pair.
 * Forgetting a generation at once is a sequential clear; and the publisher sends an article's
 * by-country records one after the other, so a fingerprint's low {@link #ARTICLE_BITS} bits come
 * from the article alone and choose its place: the pairs of one article lie side by side, about one
 * miss a set an article. Two pairs of different articles share a fingerprint with odds of one in
 * 2^64 (about one in a billion that any two of 200,000 do), two of the same article one in 2^44
 * (one pair left uncounted in some 40 million full sets).
 */
final class CountedPairs {
    /**
     * The fingerprint's bits that come from the article alone, and so its place in a set: enough for
     * sets of a million places, far more than {@link FollowedArticles#COUNTED_PAIRS} needs (larger
     * sets would still be right, an article's pairs only less often side by side).
     */
    static final int ARTICLE_BITS = 20;

    private static final long ARTICLE_MASK = (1L << ARTICLE_BITS) - 1;

    /**
     * Places a fingerprint in a set by its article bits: the set puts a key at {@code mix(hash)}
     * masked to its size, so the hash given is the inverse of that mix of the low bits.
     */
    private static final LongHash.Strategy BY_ARTICLE = new LongHash.Strategy() {
        @Override
        public int hashCode(final long pair) {
            return HashCommon.invMix((int) pair);
        }

        @Override
        public boolean equals(final long a, final long b) {
            return a == b;
        }
    };

    /** Reads eight bytes of an array as one long. */
    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int generation;
    private LongOpenCustomHashSet current;
    private LongOpenCustomHashSet previous;

    CountedPairs(final int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
        }
        this.generation = capacity / 2;
        this.current = new LongOpenCustomHashSet(generation, BY_ARTICLE);
        this.previous = new LongOpenCustomHashSet(generation, BY_ARTICLE);
    }

    /** True the first time a pair is seen among the remembered ones; it is then remembered. */
    boolean firstTime(final String countryCode, final String articleId) {
        return firstTime(fingerprint(countryCode, articleId));
    }

    /** {@link #firstTime(String, String)} for a pair's {@link #fingerprint}. */
    boolean firstTime(final long pair) {
        if (previous.contains(pair) || !current.add(pair)) {
            return false;
        }
        if (current.size() >= generation) {
            final LongOpenCustomHashSet forgotten = previous;
            forgotten.clear();
            previous = current;
            current = forgotten;
        }
        return true;
    }

    /** How many pairs are remembered now: between {@code capacity / 2} and {@code capacity} once that many came. */
    int size() {
        return current.size() + previous.size();
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
     * the article's hash (its length, then its bytes eight at a time, each step mixed by
     * MurmurHash3's 64-bit finalizer), carried on over the code's length and bytes; its low
     * {@link #ARTICLE_BITS} bits are the article's hash alone. The finalizer is a bijection, so two
     * pairs end with the same fingerprint only by chance, as with any well-mixed hash; each length
     * comes before its bytes, so that no byte of one string can pass for the other's. It is computed
     * for each of the pipeline's by-country records while the console is open and compared only
     * within one process, so it is chosen for speed: Avro's Rabin fingerprint, used before, took a
     * table lookup a byte, one after the other.
     */
    static long fingerprint(final byte[] code, final int codeLength, final byte[] id, final int idLength) {
        final long article = mixIn(HashCommon.murmurHash3((long) idLength), id, idLength);
        final long pair = mixIn(HashCommon.murmurHash3(article ^ codeLength), code, codeLength);
        return (pair & ~ARTICLE_MASK) | (article & ARTICLE_MASK);
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
