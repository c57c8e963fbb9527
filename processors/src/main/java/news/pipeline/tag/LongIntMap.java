package news.pipeline.tag;

/**
 * Open-addressing long -> int map, -1 when absent. Each key sits beside its value in one array,
 * so that a probe reads one cache line: the trie's edges are read at every capitalised word.
 */
final class LongIntMap {
    /** Smallest table, a power of two because probes mask with it. */
    private static final int MIN_CAPACITY = 16;
    /**
     * The table doubles past four keys in five slots: most lookups find their key a slot or two from
     * its first, in the same cache line, and a fuller table is less memory to keep in the CPU's caches.
     */
    private static final int MAX_LOAD_NUMERATOR = 4;

    private static final int MAX_LOAD_DENOMINATOR = 5;
    /** Marks an empty slot: trie keys are a node and a token id, both non-negative, so never this. */
    private static final long EMPTY = -1L;

    /** Slot i: the key at 2i, its value at 2i + 1. */
    private long[] slots;

    private int size;

    LongIntMap(final int expected) {
        int capacity = MIN_CAPACITY;
        while (capacity * MAX_LOAD_NUMERATOR < expected * MAX_LOAD_DENOMINATOR) {
            capacity <<= 1;
        }
        slots = emptySlots(capacity);
    }

    private static long[] emptySlots(final int capacity) {
        final long[] slots = new long[capacity * 2];
        for (int i = 0; i < slots.length; i += 2) {
            slots[i] = EMPTY;
        }
        return slots;
    }

    int get(final long key) {
        final int mask = slots.length / 2 - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            final long k = slots[2 * i];
            if (k == key) {
                return (int) slots[2 * i + 1];
            }
            if (k == EMPTY) {
                return -1;
            }
        }
    }

    void put(final long key, final int value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("key " + EMPTY + " marks empty slots");
        }
        if ((size + 1) * MAX_LOAD_DENOMINATOR > slots.length / 2 * MAX_LOAD_NUMERATOR) {
            final long[] old = slots;
            slots = emptySlots(old.length);
            size = 0;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i] != EMPTY) {
                    put(old[i], (int) old[i + 1]);
                }
            }
        }
        final int mask = slots.length / 2 - 1;
        int i = mix(key) & mask;
        while (slots[2 * i] != EMPTY && slots[2 * i] != key) {
            i = (i + 1) & mask;
        }
        if (slots[2 * i] == EMPTY) {
            size++;
        }
        slots[2 * i] = key;
        slots[2 * i + 1] = value;
    }

    private static int mix(final long key) {
        // Fibonacci hashing: node ids and token ids are small and dense, so their bits need spreading
        final long hash = key * 0x9E3779B97F4A7C15L;
        return (int) (hash ^ (hash >>> 29));
    }
}
