package news.pipeline.tag;

import java.util.Arrays;

/**
 * Open-addressing map from folded token text to id; lookups fold the text on the fly, no
 * allocation. Most capitalised words of an article are in no entry, so most lookups miss: each
 * slot keeps its key's hash beside its id, and a probe reads a key's characters only when the
 * hashes agree. The keys' characters lie end to end in one array. A miss thus reads one slot
 * pair, where reading a String key at every probe cost several cache misses in a table too
 * large for the CPU caches.
 */
final class TokenTable {
    /** Slots, a power of two (probes mask with it), of the order of the gazetteer's vocabulary. */
    private static final int INITIAL_CAPACITY = 1 << 14;
    /**
     * The table doubles past four keys in five slots. Most words are turned away by the filter
     * before a probe, and the words found sit mostly one or two slots from their first, in the
     * same cache line; a fuller table is half the memory to keep in the CPU's caches.
     */
    private static final int MAX_LOAD_NUMERATOR = 4;

    private static final int MAX_LOAD_DENOMINATOR = 5;
    /** A slot is two ints: the key's hash, then its id plus one, 0 in an empty slot. */
    private static final int SLOT_INTS = 2;
    /**
     * Bits in the filter of hashes present: 2^17 bits, 16 KB, small enough to stay in the CPU's
     * first-level cache beside the tokenizer's arrays, large enough that with the gazetteer's
     * 25,000 words about one word in six that no key has passes it.
     */
    private static final int FILTER_BITS = 1 << 17;

    /**
     * Bit (hash mod FILTER_BITS) is set when a key has that hash: a word whose bit is clear is
     * no key, found so without reading the slots, a table too large to stay in the fast caches.
     */
    private final long[] hashFilter = new long[FILTER_BITS / Long.SIZE];

    private int[] slots = new int[INITIAL_CAPACITY * SLOT_INTS];
    /** Key id's folded characters: keyChars[keyStarts[id], keyStarts[id + 1]). */
    private char[] keyChars = new char[INITIAL_CAPACITY];

    private int[] keyStarts = new int[INITIAL_CAPACITY + 1];
    private int size;

    /** How many words the table holds: their ids are 0 to size - 1. */
    int size() {
        return size;
    }

    int intern(final String folded) {
        final int found = find(folded, 0, folded.length());
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * MAX_LOAD_DENOMINATOR > slots.length / SLOT_INTS * MAX_LOAD_NUMERATOR) {
            grow();
        }
        final int id = size++;
        append(folded, id);
        insert(TokenizedText.foldedHash(folded, 0, folded.length()), id);
        return id;
    }

    int find(final CharSequence text, final int start, final int end) {
        return find(TokenizedText.foldedHash(text, start, end), text, start, end);
    }

    /** As {@link #find(CharSequence, int, int)}, with the text's folded hash already known. */
    int find(final int hash, final CharSequence text, final int start, final int end) {
        final int bit = hash & (FILTER_BITS - 1);
        if ((hashFilter[bit / Long.SIZE] & (1L << (bit % Long.SIZE))) == 0) {
            return -1;
        }
        final int mask = slots.length / SLOT_INTS - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            final int idPlusOne = slots[i * SLOT_INTS + 1];
            if (idPlusOne == 0) {
                return -1;
            }
            if (slots[i * SLOT_INTS] == hash && keyEquals(text, start, end, idPlusOne - 1)) {
                return idPlusOne - 1;
            }
        }
    }

    /** Whether text[start, end), folded as {@link TokenizedText#foldedHash} folds it, is key id. */
    private boolean keyEquals(final CharSequence text, final int start, final int end, final int id) {
        int k = keyStarts[id];
        final int keyEnd = keyStarts[id + 1];
        for (int i = start; i < end; i++) {
            final char c = text.charAt(i);
            if (c == '.') {
                continue;
            }
            if (k >= keyEnd || TokenizedText.fold(c) != keyChars[k]) {
                return false;
            }
            k++;
        }
        return k == keyEnd;
    }

    private void append(final String folded, final int id) {
        final int from = keyStarts[id];
        final int to = from + folded.length();
        if (to > keyChars.length) {
            keyChars = Arrays.copyOf(keyChars, Math.max(to, keyChars.length * 2));
        }
        if (id + 2 > keyStarts.length) {
            keyStarts = Arrays.copyOf(keyStarts, keyStarts.length * 2);
        }
        folded.getChars(0, folded.length(), keyChars, from);
        keyStarts[id + 1] = to;
    }

    private void insert(final int hash, final int id) {
        final int mask = slots.length / SLOT_INTS - 1;
        int i = hash & mask;
        while (slots[i * SLOT_INTS + 1] != 0) {
            i = (i + 1) & mask;
        }
        slots[i * SLOT_INTS] = hash;
        slots[i * SLOT_INTS + 1] = id + 1;
        final int bit = hash & (FILTER_BITS - 1);
        hashFilter[bit / Long.SIZE] |= 1L << (bit % Long.SIZE);
    }

    private void grow() {
        final int[] old = slots;
        slots = new int[old.length * 2];
        for (int i = 0; i < old.length; i += SLOT_INTS) {
            if (old[i + 1] != 0) {
                insert(old[i], old[i + 1] - 1);
            }
        }
    }
}
