package dev.autodiff.reverse.internal;

import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
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
    // Nodes with a partial that is not finite, in node order, with what the rule table's
    // overflow-safe product (Rules.chain) needs: the primitive's code and its arguments a, b, p.
    // Rare (a quotient by a tiny divisor, a pole), so kept apart from the per-node arrays.
    private int unbounded;
    private int[] unboundedNode = new int[0];
    private int[] unboundedCode = new int[0];
    private double[] unboundedArguments = new double[0];

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

    /**
     * Notes that a partial of node {@code i}, the last appended, is not finite, so that the backward
     * sweep forms its products by the rule table's overflow-safe formula ({@link Rules#chain}): the
     * quotient's {@code -a/b²} overflows where {@code -(w·(a/b))/b} does not for a small adjoint w.
     *
     * @param i the node, the last appended
     * @param code the primitive's code
     * @param a its first argument
     * @param b its second argument (0 for a unary primitive)
     * @param p its third argument: the constant exponent, polygamma's order or ifElse's condition
     */
    public void unbounded(int i, int code, double a, double b, double p) {
        if (i != size - 1) {
            throw new IllegalArgumentException("expected the last node, " + (size - 1) + ", got " + i);
        }
        if (unbounded == unboundedNode.length) {
            int n = Math.max(4, 2 * unbounded);
            unboundedNode = Arrays.copyOf(unboundedNode, n);
            unboundedCode = Arrays.copyOf(unboundedCode, n);
            unboundedArguments = Arrays.copyOf(unboundedArguments, 3 * n);
        }
        unboundedNode[unbounded] = i;
        unboundedCode[unbounded] = code;
        unboundedArguments[3 * unbounded] = a;
        unboundedArguments[3 * unbounded + 1] = b;
        unboundedArguments[3 * unbounded + 2] = p;
        unbounded++;
    }

    /** Forgets every node from {@code newSize} on, as if they had never been appended. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("expected a size between 0 and " + size + ", got " + newSize);
        }
        size = newSize;
        while (unbounded > 0 && unboundedNode[unbounded - 1] >= newSize) {
            unbounded--;
        }
    }

    /**
     * {@return the adjoints ∂(node {@code output})/∂(node i) of every node recorded before the
     * output}, by the engine's one backward sweep ({@link AdjointSweep}); a zero factor passes nothing
     * back. The sweep stops at each node with a partial that is not finite, whose products are the
     * rule table's overflow-safe ones, as the compiled modes form them ({@code Chain}).
     */
    public double[] adjoints(int output) {
        double[] adj = new double[output + 1];
        adj[output] = 1;
        int to = output + 1;
        for (int k = unbounded - 1; k >= 0; k--) {
            int i = unboundedNode[k];
            if (i >= to) {
                continue;
            }
            AdjointSweep.adjoints(left, right, da, db, adj, i + 1, to, null, null);
            double g = adj[i];
            if (g != 0 && left[i] >= 0) {
                adj[left[i]] += product(k, 0, g, da[i]);
                if (right[i] >= 0) {
                    adj[right[i]] += product(k, 1, g, db[i]);
                }
            }
            to = i;
        }
        AdjointSweep.adjoints(left, right, da, db, adj, 0, to, null, null);
        return adj;
    }

    /** {@return {@code weight · partial}} for operand {@code operand} of the k-th node with a partial that is not finite */
    private double product(int k, int operand, double weight, double partial) {
        if (Math.abs(partial) <= Double.MAX_VALUE) {
            return Partials.times(weight, partial);
        }
        double[] args = unboundedArguments;
        return Rules.chain(unboundedCode[k], operand, weight, args[3 * k], args[3 * k + 1], args[3 * k + 2], partial);
    }
}
