package dev.autodiff.core.internal.graph;

import dev.autodiff.core.Expr;
import java.util.Arrays;

/**
 * A map from expression nodes, compared by identity, to ints: open addressing over an {@code int[]}
 * table of entry numbers, placed by the nodes' serial numbers ({@link NodeSerials}), with the keys
 * kept in insertion order beside it.
 *
 * <p>Unlike {@link java.util.IdentityHashMap} it boxes nothing and allocates nothing per entry.
 * Keys are appended to one array in order rather than scattered over the hash table: storing
 * references of freshly built nodes at random places of a large array makes the collector's write
 * barrier track every card, which made linearizing a million-node graph several times slower.
 */
public final class IdentityIntMap {
    /** What {@link #get} returns for an absent key. */
    public static final int ABSENT = Integer.MIN_VALUE;

    /** Per slot: the key's serial in the high half, its entry number + 1 in the low half; 0 for an empty slot. */
    private long[] table;
    private Object[] keys;
    private int[] values;
    private int size;
    /** 32 minus the bits of a group number: the table has 2^(bits + {@value #GROUP_BITS}) slots. */
    private int groupShift;
    private final NodeSerials.Reader serials = NodeSerials.reader();

    /** Creates a map sized for about {@code expected} entries. */
    public IdentityIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) << 1;
        table = new long[capacity];
        groupShift = Integer.numberOfLeadingZeros(capacity) + 1 + GROUP_BITS;
        keys = new Object[capacity / 2];
        values = new int[capacity / 2];
    }

    /** Serials per group of neighbouring slots: 16 longs, two cache lines. */
    private static final int GROUP_BITS = 4;

    private int slot(int hash) {
        // Sixteen consecutive serials share a group of slots, and the groups are spread by Fibonacci
        // hashing: nodes built together are found together, while serials far apart (a graph built
        // over time) cannot line up into the long runs that sequential keys make under linear probing.
        int group = ((hash >>> GROUP_BITS) * 0x9E3779B9) >>> groupShift;
        return (group << GROUP_BITS) | (hash & ((1 << GROUP_BITS) - 1));
    }

    /**
     * {@return the entry of {@code key} with serial {@code hash}, or -1 - the free slot where it would go}:
     * a slot's serial is compared first, so a probe past other keys reads no key (a cache miss each)
     */
    private int find(Object key, int hash) {
        int mask = table.length - 1;
        int i = slot(hash);
        long t;
        while ((t = table[i]) != 0) {
            if ((int) (t >>> 32) == hash) {
                int e = (int) t - 1;
                if (keys[e] == key) {
                    return e;
                }
            }
            i = (i + 1) & mask;
        }
        return -1 - i;
    }

    /** {@return the value of {@code key}, or {@link #ABSENT}} */
    public int get(Object key) {
        int e = find(key, serials.serial((Expr) key));
        return e >= 0 ? values[e] : ABSENT;
    }

    /**
     * {@return the entry number of {@code key}}, adding it with value {@link #ABSENT} when it is
     * new. Entry numbers count up from 0 in insertion order and never change.
     */
    public int entry(Object key) {
        int h = serials.serial((Expr) key);
        int e = find(key, h);
        if (e >= 0) {
            return e;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = ABSENT;
        table[-1 - e] = ((long) h << 32) | ++size;
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
        long[] old = table;
        table = new long[old.length * 2];
        groupShift--;
        int mask = table.length - 1;
        for (long t : old) {
            if (t != 0) {
                int i = slot((int) (t >>> 32));
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = t;
            }
        }
    }
}
