package dev.autodiff.engine.sparse;

import java.util.Arrays;

/** A map from non-negative longs to ints by open addressing, without boxing; keys are never removed. */
final class LongIntMap {
    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, -1);
    }

    /** {@return the value of {@code key}, or -1 when it has none} */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; keys[i] != -1; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return -1;
    }

    /** Sets the value of {@code key}, which must be non-negative. */
    void put(long key, int value) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != -1 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == -1) {
            keys[i] = key;
            if (++size * 2 > keys.length) {
                values[i] = value;
                grow();
                return;
            }
        }
        values[i] = value;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, -1);
        int mask = keys.length - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldKeys[k] != -1) {
                int i = mix(oldKeys[k]) & mask;
                while (keys[i] != -1) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[k];
                values[i] = oldValues[k];
            }
        }
    }
}
