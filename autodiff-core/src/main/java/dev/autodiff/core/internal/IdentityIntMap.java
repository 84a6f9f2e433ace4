package dev.autodiff.core.internal;

import java.util.Arrays;

/**
 * A map from objects, compared by identity, to non-negative ints: open addressing with linear
 * probing over two flat arrays. Unlike {@link java.util.IdentityHashMap} it boxes nothing and
 * allocates nothing per entry, which matters when linearizing graphs of millions of nodes.
 */
public final class IdentityIntMap {
    /** What {@link #get} returns for an absent key. */
    public static final int ABSENT = -1;

    private Object[] keys;
    private int[] values;
    private int size;
    private int mask;
    private int shift;

    /** Creates a map sized for about {@code expected} entries. */
    public IdentityIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        keys = new Object[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    private int slot(Object key) {
        // Fibonacci hashing: the top bits of the product spread the identity hash over the table.
        return (System.identityHashCode(key) * 0x9E3779B9) >>> shift;
    }

    /** {@return the value of {@code key}, or {@link #ABSENT}} */
    public int get(Object key) {
        int i = slot(key);
        Object k;
        while ((k = keys[i]) != null) {
            if (k == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    /** Sets the value of {@code key} to {@code value} (non-negative). */
    public void put(Object key, int value) {
        int i = slot(key);
        Object k;
        while ((k = keys[i]) != null) {
            if (k == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** {@return the number of keys} */
    public int size() {
        return size;
    }

    private void grow() {
        Object[] oldKeys = keys;
        int[] oldValues = values;
        keys = new Object[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        shift--;
        for (int j = 0; j < oldKeys.length; j++) {
            Object k = oldKeys[j];
            if (k != null) {
                int i = slot(k);
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
            }
        }
        Arrays.fill(oldKeys, null);
    }
}
