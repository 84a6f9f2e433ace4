package dev.autodiff.core.internal.graph;

import dev.autodiff.core.Expr;
import java.util.Arrays;
import java.util.List;

/**
 * A map from expression nodes to ints, keyed by the nodes' serials ({@link NodeSerials}), which are
 * unique: no hash of a node, no key compared but a number, nothing allocated per entry.
 *
 * <p>Dense while the nodes fill the serials they span well enough: pages of {@value #PAGE} ints
 * indexed by serial, the page of serial {@code s} at {@code highest page - s / PAGE} in a directory,
 * where the highest page is that of the highest serial the map is told to expect. A walk from some
 * roots meets no serial above theirs (an operand is built before its users), and nodes built one
 * after the other share a page, so a walk of a large graph touches a few pages in order. When the
 * nodes are spread too thinly over the serials (a graph built over time among many other nodes),
 * or a serial above the highest comes, the map turns sparse, once: open addressing over the serials.
 *
 * <p>Values are stored exclusive-or {@link #ABSENT}, so that a zeroed slot reads as absent.
 */
public final class NodeIntMap {
    /** What {@link #get} returns for an absent key. */
    public static final int ABSENT = Integer.MIN_VALUE;

    private static final int PAGE_BITS = 12;
    /** Serials per page. */
    static final int PAGE = 1 << PAGE_BITS;
    /**
     * Entries per page, on average, below which pages do not pay: a page of 16 KiB then costs at
     * most 64 bytes per entry, and the sparse table about 24 (a long and an int, at most half full).
     */
    static final int MIN_ENTRIES_PER_PAGE = PAGE / 16;

    private final NodeSerials.Reader serials = NodeSerials.reader();
    private final long highestPage;
    /** The dense pages, {@code pages[i]} holding page {@code highestPage - i}; null once sparse. */
    private int[][] pages;
    private int pageCount;
    /** The page last found, of serials {@code lastPageNumber · PAGE} on, or -1 for none: walks stay in a page for long. */
    private long lastPageNumber = -1;
    private int[] lastPage;
    /** Sparse: per slot the serial + 1, 0 for an empty slot. */
    private long[] keys;
    private int[] values;
    /** 64 minus the bits of a group number: the sparse table has 2^(bits + {@value #GROUP_BITS}) slots. */
    private int groupShift;
    private int size;

    /** Serials per group of neighbouring slots of the sparse table: nodes built together are found together. */
    private static final int GROUP_BITS = 4;

    /** Creates a map that expects no serial above {@code highestSerial} (any other turns it sparse). */
    public NodeIntMap(long highestSerial) {
        highestPage = highestSerial >>> PAGE_BITS;
        pages = new int[16][];
    }

    /** {@return a map for the nodes reachable from {@code roots}}, none of which has a serial above theirs */
    public static NodeIntMap under(List<? extends Expr> roots) {
        NodeSerials.Reader r = NodeSerials.reader();
        long highest = 0;
        for (Expr e : roots) {
            highest = Math.max(highest, r.serial(e));
        }
        return new NodeIntMap(highest);
    }

    /** {@return whether the map is still dense}, for tests */
    boolean dense() {
        return pages != null;
    }

    /** {@return the number of keys} */
    public int size() {
        return size;
    }

    /** {@return the value of {@code key}, or {@link #ABSENT}} */
    public int get(Expr key) {
        long s = serials.serial(key);
        if (pages != null) {
            long i = highestPage - (s >>> PAGE_BITS);
            if (i >= 0 && i < pages.length) {
                int[] p = pages[(int) i];
                if (p != null) {
                    return p[(int) s & (PAGE - 1)] ^ ABSENT;
                }
            }
            return ABSENT;
        }
        int slot = find(s);
        return keys[slot] == 0 ? ABSENT : values[slot] ^ ABSENT;
    }

    /**
     * {@return whether {@code key} was absent}, giving it the value 0 if so: a set's test and mark in
     * one look-up, short for the walks that need no more (the page last found, first)
     */
    public boolean add(Expr key) {
        return putIfAbsent(key, 0) == ABSENT;
    }

    /**
     * {@return whether the node of serial {@code s} was absent}, giving it the value 0 if so: {@link
     * #add} for a walk that reads the serials itself
     */
    public boolean addSerial(long s) {
        return putIfAbsent(s, 0, false) == ABSENT;
    }

    /** Sets the value of {@code key} to {@code value}, which is not {@link #ABSENT}. */
    public void put(Expr key, int value) {
        putIfAbsent(serials.serial(key), value, true);
    }

    /**
     * {@return the value of {@code key}, or {@link #ABSENT} after setting it to {@code value}}, which
     * is not {@link #ABSENT}: a set's test and mark in one look-up
     */
    public int putIfAbsent(Expr key, int value) {
        long s = serials.serial(key);
        if (s >>> PAGE_BITS == lastPageNumber) {
            int o = (int) s & (PAGE - 1);
            int old = lastPage[o];
            if (old != 0) {
                return old ^ ABSENT;
            }
            lastPage[o] = value ^ ABSENT;
            size++;
            return ABSENT;
        }
        return putIfAbsent(s, value, false);
    }

    /** {@link #put} or {@link #putIfAbsent} of serial {@code s}, through the directory or the sparse table. */
    private int putIfAbsent(long s, int value, boolean replace) {
        if (pages != null) {
            int[] p = page(s);
            if (p != null) {
                lastPage = p;
                lastPageNumber = s >>> PAGE_BITS;
                int o = (int) s & (PAGE - 1);
                int old = p[o];
                if (old == 0) {
                    size++;
                } else if (!replace) {
                    return old ^ ABSENT;
                }
                p[o] = value ^ ABSENT;
                return old ^ ABSENT;
            }
        }
        int slot = find(s);
        if (keys[slot] != 0) {
            int old = values[slot] ^ ABSENT;
            if (replace) {
                values[slot] = value ^ ABSENT;
            }
            return old;
        }
        keys[slot] = s + 1;
        values[slot] = value ^ ABSENT;
        if (++size * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        return ABSENT;
    }

    /** {@return the page of serial {@code s}}, made if need be, or null after turning sparse */
    private int[] page(long s) {
        long i = highestPage - (s >>> PAGE_BITS);
        if (i < 0) {
            toSparse();
            return null;
        }
        if (i >= pages.length) {
            long length = Math.max(i + 1, 2L * pages.length);
            // a directory entry (4 bytes) per page of serials spanned: it may outgrow the pages
            // themselves only by a small factor
            if (length > 1024 + 16L * (pageCount + 1)) {
                toSparse();
                return null;
            }
            pages = Arrays.copyOf(pages, (int) length);
        }
        int[] p = pages[(int) i];
        if (p == null) {
            if (pageCount >= 8 + size / MIN_ENTRIES_PER_PAGE) {
                toSparse();
                return null;
            }
            p = new int[PAGE];
            pages[(int) i] = p;
            pageCount++;
        }
        return p;
    }

    /** Moves every entry from the pages to the sparse table. */
    private void toSparse() {
        int[][] dense = pages;
        pages = null;
        lastPageNumber = -1;
        lastPage = null;
        rehash(Integer.highestOneBit(Math.max(16, size) * 2 - 1) << 2);
        for (int i = 0; i < dense.length; i++) {
            int[] p = dense[i];
            if (p != null) {
                long base = (highestPage - i) << PAGE_BITS;
                for (int o = 0; o < PAGE; o++) {
                    if (p[o] != 0) {
                        int slot = find(base + o);
                        keys[slot] = base + o + 1;
                        values[slot] = p[o];
                    }
                }
            }
        }
    }

    /** {@return the slot of serial {@code s} in the sparse table, or the empty slot where it would go} */
    private int find(long s) {
        int mask = keys.length - 1;
        // sixteen consecutive serials share a group of slots, and the groups are spread by Fibonacci
        // hashing: serials far apart cannot line up into the long runs sequential keys make
        int i = (int) (((s >>> GROUP_BITS) * 0x9E3779B97F4A7C15L) >>> groupShift) << GROUP_BITS | (int) s & ((1 << GROUP_BITS) - 1);
        long k;
        while ((k = keys[i]) != 0 && k != s + 1) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Makes the sparse table {@code capacity} slots (a power of two, at least 32), keeping its entries. */
    private void rehash(int capacity) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[capacity];
        values = new int[capacity];
        groupShift = Long.numberOfLeadingZeros(capacity) + 1 + GROUP_BITS;
        if (oldKeys != null) {
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != 0) {
                    int slot = find(oldKeys[j] - 1);
                    keys[slot] = oldKeys[j];
                    values[slot] = oldValues[j];
                }
            }
        }
    }
}
