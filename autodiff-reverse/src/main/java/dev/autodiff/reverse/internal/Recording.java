package dev.autodiff.reverse.internal;

import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import dev.autodiff.engine.sweeps.AdjointSweep;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A growable tape of scalar operations, as the numeric {@code Tape} records them: per node up to two
 * operand nodes and the local partials with respect to them, in flat primitive arrays.
 *
 * <p>Nodes are appended in evaluation order, so every operand precedes its users and one backward
 * loop accumulates adjoints. Not thread-safe: a tape belongs to the scope that opened it.
 *
 * <p><b>Reuse.</b> Recordings are borrowed ({@link #borrow}) and given back ({@link #giveBack}) by
 * the thread that uses them: each thread keeps one spare, cleared, whose arrays keep the size of the
 * largest tape it has held (its high-water mark), so a thread that records tapes of the same shape
 * over and over allocates its arrays once. A recording is kept only up to {@link #KEPT_CAPACITY}
 * nodes, so one huge tape does not pin its memory for the thread's lifetime. A recording that is
 * never given back (a tape never closed) is simply collected.
 */
public final class Recording {
    /** The largest capacity, in nodes, a thread keeps as its spare (32 MB of arrays at most). */
    public static final int KEPT_CAPACITY = 1 << 20;

    private static final int INITIAL_CAPACITY = 64;
    private static final ThreadLocal<@Nullable Recording> SPARE = new ThreadLocal<>();

    private int size;
    // The nodes before this one are all leaves, appended by appendLeaves (the variables a point's
    // function starts from): they pass nothing back, so the backward sweep stops above them.
    private int leafPrefix;
    private int[] left = new int[INITIAL_CAPACITY];
    private int[] right = new int[INITIAL_CAPACITY];
    private double[] da = new double[INITIAL_CAPACITY];
    private double[] db = new double[INITIAL_CAPACITY];
    // scratch for the backward sweep, sized by the largest output swept
    private double[] adjoint = new double[0];
    // Nodes set apart from the backward loop (a partial not finite, or zero on a kept edge), in node
    // order, with what the rule table's overflow-safe product (Rules.chain) needs: the primitive's
    // code and its arguments a, b, p. Rare (a quotient by a tiny divisor, a pole, a nested tape's
    // zero partial), so kept apart from the per-node arrays.
    private int apartCount;
    private int[] apartNode = new int[0];
    private int[] apartCode = new int[0];
    private double[] apartArguments = new double[0];

    private Recording() {}

    /** {@return an empty recording}: the calling thread's spare if it has one, else a new one */
    public static Recording borrow() {
        Recording r = SPARE.get();
        if (r == null) {
            return new Recording();
        }
        SPARE.set(null);
        return r;
    }

    /**
     * Gives this recording back to the calling thread, which must be the one that borrowed it, as its
     * spare: cleared, and kept only when its capacity is at most {@link #KEPT_CAPACITY}. The caller
     * must not use it afterwards.
     */
    public void giveBack() {
        size = 0;
        leafPrefix = 0;
        apartCount = 0;
        if (left.length <= KEPT_CAPACITY && adjoint.length <= KEPT_CAPACITY) {
            SPARE.set(this);
        }
    }

    /** {@return the number of recorded nodes} */
    public int size() {
        return size;
    }

    /** {@return the number of nodes the arrays hold before they grow} */
    public int capacity() {
        return left.length;
    }

    /**
     * {@return the left operand of node {@code i}, or -1 for a leaf}; for a node appended by
     * {@link #append} or {@link #appendUnary}, the first operand with a nonzero partial
     */
    public int left(int i) {
        return left[i];
    }

    /** {@return the right operand of node {@code i}, or -1}; see {@link #left} */
    public int right(int i) {
        return right[i];
    }

    /**
     * Appends a node of two operands, without the edges whose partial is zero: such an edge passes
     * exactly nothing back (the zero-factor rule), and an adjoint, a sum that starts at +0, is left
     * as it is by adding ±0, so dropping the edge changes no adjoint to the bit; the backward sweep
     * then multiplies only by nonzero partials. The left operand that remains is the
     * first with a nonzero partial; with neither, the node is a leaf to the sweep.
     *
     * @param l its left operand
     * @param r its right operand
     * @param dl ∂node/∂left
     * @param dr ∂node/∂right
     * @return its index
     */
    public int append(int l, int r, double dl, double dr) {
        if (dr == 0) {
            r = -1;
        }
        if (dl == 0) {
            l = r;
            dl = dr;
            r = -1;
        }
        return appendWhole(l, r, dl, dr);
    }

    /**
     * Appends a node with every edge it is given, zero partials too: for a recording whose
     * structure is followed beyond the numeric sweep (a nested tape's), which sets its nodes with
     * a zero partial apart ({@link #setApart}).
     *
     * @param l its left operand, or -1 for a leaf
     * @param r its right operand, or -1
     * @param dl ∂node/∂left
     * @param dr ∂node/∂right
     * @return its index
     */
    public int appendWhole(int l, int r, double dl, double dr) {
        int i = claim(l);
        right[i] = r;
        da[i] = dl;
        db[i] = dr;
        size = i + 1;
        return i;
    }

    /**
     * Appends a node of one operand, whose right operand is -1 and whose ∂node/∂right is never read;
     * as {@link #append}, a zero partial makes it a leaf to the sweep.
     *
     * @param l its operand
     * @param dl ∂node/∂operand
     * @return its index
     */
    public int appendUnary(int l, double dl) {
        boolean none = dl == 0;
        int i = claim(none ? -1 : l);
        right[i] = -1;
        da[i] = dl;
        size = i + 1;
        return i;
    }

    /** {@return the index of a new leaf}: no operands, and partials that are never read */
    public int appendLeaf() {
        return appendUnary(-1, 0);
    }

    /** {@return the index of the next node}, having stored its left operand {@code l}; the caller stores the rest and the size */
    private int claim(int l) {
        int i = size;
        // A full array is found by the store's own bounds check, not by a comparison: C2 compiles a
        // bounds check that has not failed in compiled code as a deoptimization trap, so the inlined
        // hot path has no growth call merging into every later operation (30% of the recording
        // time of chained Rosenbrock, measured). Should one fail there, the method is recompiled
        // with this handler, as fast as an explicit check; appendLeaves makes room ahead so that
        // this is rare.
        try {
            left[i] = l;
        } catch (ArrayIndexOutOfBoundsException full) {
            grow();
            left[i] = l;
        }
        return i;
    }

    /**
     * Appends {@code count} leaves (no operands; partials never read) in one go, the variables of a point,
     * and makes room for 16 nodes per leaf after them (within {@link #KEPT_CAPACITY}): a function of
     * n variables usually records a few nodes per variable, which then need no growth one by one.
     *
     * @return the index of the first
     */
    public int appendLeaves(int count) {
        int first = size;
        if (count < 0 || (long) first + count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("expected between 0 and " + (Integer.MAX_VALUE - 8 - first) + " leaves, got " + count);
        }
        int end = first + count;
        // ahead only up to the kept capacity: growing past it would cost the thread its spare
        long room = Math.max(end, Math.min(end + 16L * count, KEPT_CAPACITY));
        while (left.length < room) {
            grow();
        }
        Arrays.fill(left, first, end, -1);
        Arrays.fill(right, first, end, -1);
        if (leafPrefix == first) {
            leafPrefix = end;
        }
        size = end;
        return first;
    }

    private void grow() {
        if (left.length >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a tape holds at most " + left.length + " nodes");
        }
        int n = (int) Math.min(2L * left.length, Integer.MAX_VALUE - 8);
        left = Arrays.copyOf(left, n);
        right = Arrays.copyOf(right, n);
        da = Arrays.copyOf(da, n);
        db = Arrays.copyOf(db, n);
    }

    /**
     * Sets node {@code i}, the last appended, apart from the backward loop, which multiplies plainly:
     * its products are formed here by the zero-factor rule and, for a partial that is not finite, by
     * the rule table's overflow-safe formula ({@link Rules#chain}): the quotient's {@code -a/b²}
     * overflows where {@code -(w·(a/b))/b} does not for a small adjoint w. For a node with a partial
     * that is not finite, or with a zero partial on an edge {@link #appendWhole} kept.
     *
     * @param i the node, the last appended
     * @param code the primitive's code
     * @param a its first argument
     * @param b its second argument (0 for a unary primitive)
     * @param p its third argument: the constant exponent, polygamma's order or ifElse's condition
     */
    public void setApart(int i, int code, double a, double b, double p) {
        if (i != size - 1) {
            throw new IllegalArgumentException("expected the last node, " + (size - 1) + ", got " + i);
        }
        if (apartCount == apartNode.length) {
            int n = Math.max(4, 2 * apartCount);
            apartNode = Arrays.copyOf(apartNode, n);
            apartCode = Arrays.copyOf(apartCode, n);
            apartArguments = Arrays.copyOf(apartArguments, 3 * n);
        }
        apartNode[apartCount] = i;
        apartCode[apartCount] = code;
        apartArguments[3 * apartCount] = a;
        apartArguments[3 * apartCount + 1] = b;
        apartArguments[3 * apartCount + 2] = p;
        apartCount++;
    }

    /** Forgets every node from {@code newSize} on, as if they had never been appended. */
    public void truncate(int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("expected a size between 0 and " + size + ", got " + newSize);
        }
        size = newSize;
        leafPrefix = Math.min(leafPrefix, newSize);
        while (apartCount > 0 && apartNode[apartCount - 1] >= newSize) {
            apartCount--;
        }
    }

    /**
     * {@return the adjoints ∂y/∂(node i) of every node i up to {@code output}, where dy =
     * {@code seed}·d(node output)} (node {@code output} itself for a seed of 1; none for node -1), by the
     * engine's one backward sweep ({@link AdjointSweep}; a zero factor passes nothing back), in this
     * recording's scratch array: read them before the next sweep, and only up to that node. The
     * sweep multiplies plainly, which is the zero-factor product because it skips a zero adjoint and
     * meets no zero partial (dropped edges); it stops at each node set apart, whose products are
     * formed here, the overflow-safe ones as the compiled modes form them ({@code Chain}). The
     * leaves this recording starts with ({@link #appendLeaves}) are not visited: a leaf passes
     * nothing back, and a point's variables are a tenth to a quarter of a typical tape's nodes.
     */
    public double[] adjoints(int output, double seed) {
        if (output < -1 || output >= size) {
            throw new IllegalArgumentException("expected a recorded node from 0 to " + (size - 1) + ", or -1, got " + output);
        }
        int n = output + 1;
        double[] adj = adjoint;
        if (adj.length < n) {
            adj = new double[Math.max(n, Math.min(left.length, Integer.MAX_VALUE - 8))];
            adjoint = adj;
        } else {
            Arrays.fill(adj, 0, n, 0.0);
        }
        if (output >= 0) {
            adj[output] = seed;
        }
        int to = n;
        for (int k = apartCount - 1; k >= 0; k--) {
            int i = apartNode[k];
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
        // the leaves in front (a point's variables) pass nothing back: not visited
        AdjointSweep.adjoints(left, right, da, db, adj, Math.min(leafPrefix, to), to, null, null);
        return adj;
    }

    /** {@return {@code weight · partial}} for operand {@code operand} of the k-th node set apart, by the zero-factor or the overflow-safe rule */
    private double product(int k, int operand, double weight, double partial) {
        if (Math.abs(partial) <= Double.MAX_VALUE) {
            return Partials.times(weight, partial);
        }
        double[] args = apartArguments;
        return Rules.chain(apartCode[k], operand, weight, args[3 * k], args[3 * k + 1], args[3 * k + 2], partial);
    }
}
