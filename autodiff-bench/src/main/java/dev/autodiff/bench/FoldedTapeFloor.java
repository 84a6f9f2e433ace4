package dev.autodiff.bench;

import java.util.Arrays;

/**
 * The least a tape that folds as the numeric tape does, and hands out the objects its API hands
 * out, costs on chained Rosenbrock: a tape written by hand for this one function, not to be used.
 *
 * <p>It records the three nodes a term the numeric tape records for {@link Rosenbrock#scalarValue}
 * (an operation of one operand folded into its operand's scale; a node where two nodes meet: a =
 * x_{i+1} − x_i², the term 100a² + b², and the running sum), with the partials the tape folds into
 * them, in flat arrays reused from call to call, and sweeps them back in one loop. Beside that it
 * allocates what the API makes a tape allocate, and nothing else: a scalar object per variable, in
 * an array (what {@code Tape.variables} gives f), and one a term for the user's running sum, which
 * the loop carries from term to term, so that the JIT cannot keep it in registers. Each has the
 * fields of a {@code Tracked} (so its size), and the recording reads the variables' values and
 * nodes from them, as a tape does. What it leaves out is what a tape for any function needs: the
 * operation's rule, the checks that decide whether to fold, the same-tape and thread checks, and
 * the dispatch of the user's generic code. So the numeric tape's time over this one is the cost of
 * its generality; this one's time over {@link TapeFloor}'s, of folding versus the API's objects.
 */
final class FoldedTapeFloor {
    private static final int NODES_PER_TERM = 3;

    /** A scalar with the fields of a {@code Tracked}: what the API allocates per variable and per running sum. */
    private record Handle(Object tape, int node, double scale, double value, boolean constant, boolean leaf) {}

    private final int n;
    /** Per node, the positions of its two operands and the partials with respect to them. */
    private final int[] left;
    private final int[] right;
    private final double[] leftPartial;
    private final double[] rightPartial;
    private final double[] adjoint;
    /** f at the last point differentiated. */
    double value;

    FoldedTapeFloor(int n) {
        this.n = n;
        int nodes = n + 1 + NODES_PER_TERM * (n - 1); // the variables, the sum's 0, the terms
        left = new int[nodes];
        right = new int[nodes];
        leftPartial = new double[nodes];
        rightPartial = new double[nodes];
        adjoint = new double[nodes];
    }

    /** {@return ∇f(x)}, recorded and swept back as the numeric tape does, to the bit */
    double[] gradient(double[] x) {
        Handle[] xs = new Handle[n];
        for (int i = 0; i < n; i++) {
            xs[i] = new Handle(this, i, 1, x[i], false, true);
        }
        int k = n;
        Handle sum = new Handle(this, k++, 1, 0, true, true); // the constant 0 the sum starts from: a leaf
        for (int i = 0; i < n - 1; i++) {
            Handle xi = xs[i];
            Handle next = xs[i + 1];
            double a = next.value() - xi.value() * xi.value();
            double b = -xi.value() + 1;
            // a = x_{i+1} − x_i²: ∂/∂x_{i+1} = 1, ∂/∂x_i = −(x_i + x_i), as the tape folds x_i·x_i
            int ai = record(k++, next.node(), xi.node(), 1, -(xi.value() + xi.value()));
            // 100a² + b²: a·a folds to a node of scale a + a, · 100; b = 1 − x_i to x_i's scale −1, b·b to −b − b
            int term = record(k++, ai, xi.node(), (a + a) * 100, -b - b);
            sum = new Handle(this, record(k++, sum.node(), term, 1, 1), 1, sum.value() + (a * a * 100 + b * b), false, false);
        }
        Arrays.fill(adjoint, 0.0);
        adjoint[sum.node()] = 1;
        for (int j = sum.node(); j > n; j--) { // the variables pass nothing back: not visited
            double g = adjoint[j];
            adjoint[left[j]] += leftPartial[j] * g;
            adjoint[right[j]] += rightPartial[j] * g;
        }
        value = sum.value(); // a tape computes f too
        return Arrays.copyOf(adjoint, n);
    }

    private int record(int k, int l, int r, double pl, double pr) {
        left[k] = l;
        right[k] = r;
        leftPartial[k] = pl;
        rightPartial[k] = pr;
        return k;
    }
}
