package dev.autodiff.core.internal.graph;

import java.util.Arrays;

/**
 * A map from objects, compared by identity, to ints: open addressing over an {@code int[]} table
 * of entry numbers, with the keys kept in insertion order beside it.
 *
 * <p>Unlike {@link java.util.IdentityHashMap} it boxes nothing and allocates nothing per entry.
 * Keys are appended to one array in order rather than scattered over the hash table: storing
 * references of freshly built nodes at random places of a large array makes the collector's write
 * barrier track every card, which made linearizing a million-node graph several times slower.
 */
public final class IdentityIntMap {
    /** What {@link #get} returns for an absent key. */
    public static final int ABSENT = Integer.MIN_VALUE;

    private int[] table; // entry number + 1, or 0 for an empty slot
    private Object[] keys;
    private int[] values;
    private int size;
    private int shift;

    /** Creates a map sized for about {@code expected} entries. */
    public IdentityIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        table = new int[capacity];
        keys = new Object[capacity / 2];
        values = new int[capacity / 2];
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    private int slot(Object key) {
        // Fibonacci hashing: the top bits of the product spread the identity hash over the table.
        return (System.identityHashCode(key) * 0x9E3779B9) >>> shift;
    }

    /** {@return the value of {@code key}, or {@link #ABSENT}} */
    public int get(Object key) {
        int mask = table.length - 1;
        int i = slot(key);
        int e;
        while ((e = table[i]) != 0) {
            if (keys[e - 1] == key) {
                return values[e - 1];
            }
            i = (i + 1) & mask;
        }
        return ABSENT;
    }

    /**
     * {@return the entry number of {@code key}}, adding it with value {@link #ABSENT} when it is
     * new. Entry numbers count up from 0 in insertion order and never change.
     */
    public int entry(Object key) {
        int mask = table.length - 1;
        int i = slot(key);
        int e;
        while ((e = table[i]) != 0) {
            if (keys[e - 1] == key) {
                return e - 1;
            }
            i = (i + 1) & mask;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = ABSENT;
        table[i] = ++size;
        if (size * 2 > table.length) {
            grow();
        }
        return size - 1;
    }

    /** {@return the key of entry {@code e}} */
    public Object keyAt(int e) {
        return keys[e];
    }

    /** {@return the value of entry {@code e}} */
    public int valueAt(int e) {
        return values[e];
    }

    /** Sets the value of entry {@code e}. */
    public void setValueAt(int e, int value) {
        values[e] = value;
    }

    /** Sets the value of {@code key} to {@code value}. */
    public void put(Object key, int value) {
        int e = entry(key); // first: entry may replace the values array
        values[e] = value;
    }

    /** {@return the number of keys} */
    public int size() {
        return size;
    }

    private void grow() {
        table = new int[table.length * 2];
        shift--;
        int mask = table.length - 1;
        for (int e = 0; e < size; e++) {
            int i = slot(keys[e]);
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = e + 1;
        }
    }
}
