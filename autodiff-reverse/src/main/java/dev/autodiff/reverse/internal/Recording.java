package dev.autodiff.reverse.internal;

import dev.autodiff.engine.sweeps.AdjointSweep;
import java.util.Arrays;

/**
 * A growable tape of scalar operations, as the numeric {@code Tape} records them: per node its
 * value, up to two operand nodes and the local partials with respect to them.
 *
 * <p>Nodes are appended in evaluation order, so every operand precedes its users and one backward
 * loop accumulates adjoints. Not thread-safe: a tape belongs to the scope that opened it.
 */
public final class Recording {
    private int size;
    private double[] value = new double[16];
    private int[] left = new int[16];
    private int[] right = new int[16];
    private double[] da = new double[16];
    private double[] db = new double[16];
    private boolean[] constant = new boolean[16];

    /** {@return the number of recorded nodes} */
    public int size() {
        return size;
    }

    /** {@return the value of node {@code i}} */
    public double value(int i) {
        return value[i];
    }

    /** {@return the left operand of node {@code i}, or -1 for a leaf} */
    public int left(int i) {
        return left[i];
    }

    /** {@return the right operand of node {@code i}, or -1} */
    public int right(int i) {
        return right[i];
    }

    /**
     * {@return whether node {@code i} is a constant}: it depends on no variable of this tape or of a
     * tape it is nested in, so a zero there is zero with every derivative
     */
    public boolean isConstant(int i) {
        return constant[i];
    }

    /**
     * Appends a node.
     *
     * @param v its value
     * @param l its left operand, or -1 for a leaf
     * @param r its right operand, or -1
     * @param dl ∂node/∂left
     * @param dr ∂node/∂right
     * @param isConstant whether it depends on no variable
     * @return its index
     */
    public int append(double v, int l, int r, double dl, double dr, boolean isConstant) {
        if (size == value.length) {
            int n = 2 * size;
            value = Arrays.copyOf(value, n);
            left = Arrays.copyOf(left, n);
            right = Arrays.copyOf(right, n);
            da = Arrays.copyOf(da, n);
            db = Arrays.copyOf(db, n);
            constant = Arrays.copyOf(constant, n);
        }
        value[size] = v;
        left[size] = l;
        right[size] = r;
        da[size] = dl;
        db[size] = dr;
        constant[size] = isConstant;
        return size++;
    }

    /** Forgets every node from {@code newSize} on, as if they had never been appended. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("expected a size between 0 and " + size + ", got " + newSize);
        }
        size = newSize;
    }

    /**
     * {@return the adjoints ∂(node {@code output})/∂(node i) of every node recorded before the
     * output}, by the engine's one backward sweep ({@link AdjointSweep}); a zero factor passes nothing back
     */
    public double[] adjoints(int output) {
        double[] adj = new double[output + 1];
        adj[output] = 1;
        AdjointSweep.adjoints(left, right, da, db, adj, 0, output + 1, null, null);
        return adj;
    }
}
