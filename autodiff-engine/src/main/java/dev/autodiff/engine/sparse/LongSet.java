package dev.autodiff.engine.sparse;

/** A set of longs by open addressing, without boxing; keys are never removed. */
final class LongSet {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys = new long[64];
    private int size;
    private boolean hasEmptyKey;

    LongSet() {
        java.util.Arrays.fill(keys, EMPTY);
    }

    /** {@return whether {@code key} was new}; adds it */
    boolean add(long key) {
        if (key == EMPTY) {
            boolean fresh = !hasEmptyKey;
            hasEmptyKey = true;
            return fresh;
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        if (++size * 2 > keys.length) {
            grow();
        }
        return true;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] old = keys;
        keys = new long[old.length * 2];
        java.util.Arrays.fill(keys, EMPTY);
        int mask = keys.length - 1;
        for (long k : old) {
            if (k != EMPTY) {
                int i = mix(k) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
            }
        }
    }
}
