package dev.autodiff.engine.sparse;

import java.util.Arrays;

/** A growable array of ints: the stacks and buffers of the analyses, without boxing. */
final class IntList {
    private int[] items;
    private int size;

    IntList(int capacity) {
        items = new int[Math.max(capacity, 4)];
    }

    void add(int x) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = x;
    }

    int pop() {
        return items[--size];
    }

    int get(int k) {
        return items[k];
    }

    void set(int k, int x) {
        items[k] = x;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    /** {@return the items in increasing order, as a fresh array} */
    int[] sortedCopy() {
        int[] r = Arrays.copyOf(items, size);
        sort(r, 0, size);
        return r;
    }

    /** Sorts the items from index {@code from} to the end in place. */
    void sortFrom(int from) {
        sort(items, from, size);
    }

    /**
     * Sorts {@code a[from … to-1]}: by insertion when short, as the sets of a sparse pattern mostly
     * are, which saves the set-up of {@link Arrays#sort} hundreds of thousands of times.
     */
    static void sort(int[] a, int from, int to) {
        if (to - from > 24) {
            Arrays.sort(a, from, to);
            return;
        }
        for (int i = from + 1; i < to; i++) {
            int x = a[i];
            int j = i - 1;
            while (j >= from && a[j] > x) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    /** {@return the items as a fresh array} */
    int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
