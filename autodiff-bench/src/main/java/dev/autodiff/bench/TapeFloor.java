package dev.autodiff.bench;

/**
 * The least a tape of one node per operation costs on chained Rosenbrock: a tape written by hand
 * for this one function, not to be used. It records the nodes such a tape records for
 * {@link Rosenbrock#scalarValue} (nine per term: x·x as one node, −x, + 1, · 100 and the running sum
 * each a node of their own), each with its operands' positions and partials in flat arrays reused
 * from call to call, and sweeps them back in one loop: no object per operation, no operation code,
 * no check, no dispatch, no handle for the user's running sum. The library's tape records three
 * nodes a term (it folds an operation of one operand into its operand's scale), through scalar
 * objects and with the checks a general tape needs: this floor is what one node per operation
 * costs, against which folding is measured.
 */
final class TapeFloor {
    private static final int NODES_PER_TERM = 9;

    private final int n;
    /** Per node, the positions of its two operands; a unary node's second is {@link #sink}. */
    private final int[] left;
    private final int[] right;
    private final double[] leftPartial;
    private final double[] rightPartial;
    private final double[] adjoint;
    /** A position no operand reads, where a unary node's absent second operand sends its zero. */
    private final int sink;
    /** f at the last point differentiated. */
    double value;

    TapeFloor(int n) {
        this.n = n;
        int nodes = n + 1 + NODES_PER_TERM * (n - 1); // the variables, the sum's 0, the terms
        left = new int[nodes];
        right = new int[nodes];
        leftPartial = new double[nodes];
        rightPartial = new double[nodes];
        adjoint = new double[nodes + 1];
        sink = nodes;
    }

    /** {@return ∇f(x)}, recorded and swept back as a tape does */
    double[] gradient(double[] x) {
        int k = n;
        int sum = k++; // the constant 0 the sum starts from: a node without operands
        double sumValue = 0;
        for (int i = 0; i < n - 1; i++) {
            double xi = x[i];
            int square = record(k++, i, i, xi, xi);
            double a = x[i + 1] - xi * xi;
            int ai = record(k++, i + 1, square, 1, -1);
            int negative = record(k++, i, sink, -1, 0);
            double b = -xi + 1;
            int bi = record(k++, negative, sink, 1, 0);
            int aa = record(k++, ai, ai, a, a);
            int hundred = record(k++, aa, sink, 100, 0);
            int bb = record(k++, bi, bi, b, b);
            int term = record(k++, hundred, bb, 1, 1);
            sumValue += a * a * 100 + b * b;
            sum = record(k++, sum, term, 1, 1);
        }
        java.util.Arrays.fill(adjoint, 0.0);
        adjoint[sum] = 1;
        for (int j = sum; j > n; j--) {
            double g = adjoint[j];
            adjoint[left[j]] += leftPartial[j] * g;
            adjoint[right[j]] += rightPartial[j] * g;
        }
        value = sumValue; // a tape computes f too
        return java.util.Arrays.copyOf(adjoint, n);
    }

    private int record(int k, int l, int r, double pl, double pr) {
        left[k] = l;
        right[k] = r;
        leftPartial[k] = pl;
        rightPartial[k] = pr;
        return k;
    }
}
