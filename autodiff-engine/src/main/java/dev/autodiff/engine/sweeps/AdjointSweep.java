package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import org.jspecify.annotations.Nullable;

/**
 * The one first-order backward sweep: each node, from the last to the first, passes
 * {@code adjoint · ∂node/∂operand} to each operand, and the operands <em>accumulate</em> ({@code +=}),
 * which is why shared subexpressions come out right; every edge is visited once. A node whose
 * adjoint is 0 passes nothing (and every product follows the zero-factor rule), so a node that does
 * not influence the result never turns an infinite partial into NaN.
 *
 * <p>It serves compiled programs (interpreted), the numeric tape ({@code Tape}) and the command-line
 * trace alike: they differ only in where the arrays come from.
 */
public final class AdjointSweep {
    private AdjointSweep() {}

    /**
     * Accumulates adjoints over nodes {@code [from, to)}, every later node's adjoint having been
     * passed on: {@code left}/{@code right} are the operands (-1: none), {@code da}/{@code db} the local partials. With
     * {@code program} (whose values are {@code value}) a partial that is not finite
     * takes the rule table's overflow-safe product ({@link Chain}); without (the numeric tape) the
     * plain product, which the caller guarantees is the zero-factor one: the adjoint is not 0 here,
     * and the numeric tape hands over no zero partial on an edge (it drops such edges, or sweeps
     * their nodes itself), nor one whose product needs the overflow-safe rule.
     */
    public static void adjoints(int[] left, int[] right, double[] da, double[] db, double[] adj, int from, int to,
            @Nullable Program program, double @Nullable [] value) {
        for (int i = to - 1; i >= from; i--) {
            double g = adj[i];
            int l = left[i];
            if (g == 0 || l < 0) {
                continue; // strong zero, or a leaf
            }
            adj[l] += program != null ? Chain.product(program, value, i, 0, g, da[i]) : g * da[i];
            int r = right[i];
            if (r >= 0) {
                adj[r] += program != null ? Chain.product(program, value, i, 1, g, db[i]) : g * db[i];
            }
        }
    }

    /** {@link #adjoints} over a program's tape in {@code w}. */
    public static void adjoints(Program p, Workspace w, int from, int to) {
        adjoints(p.left, p.right, w.da, w.db, w.adjoint, from, to, p, w.value);
    }
}
