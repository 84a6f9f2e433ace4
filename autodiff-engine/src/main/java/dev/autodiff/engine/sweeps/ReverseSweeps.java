package dev.autodiff.engine.sweeps;

import static dev.autodiff.core.internal.rules.Partials.times;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;
import java.util.Arrays;

/**
 * The sweeps of reverse mode over a flat {@link Program}, as loops over primitive arrays.
 *
 * <p>The forward sweep stores every node's value and local partials on the tape; it is the only
 * sweep that reads the rule table, so the backward sweep is a uniform loop with no switch: each
 * node passes {@code adjoint · ∂node/∂operand} to each operand and the operands <em>accumulate</em>
 * ({@code +=}), which is why shared subexpressions come out right. Every edge is visited once per
 * sweep.
 *
 * <p>Second order is reverse-over-forward. A tangent sweep along {@code v} computes
 * {@code ṫ_i = ∂_a f·ṫ_a + ∂_b f·ṫ_b}, so {@code ṫ_out = ∇f·v}. Differentiating that augmented
 * program in reverse with seeds {@code t̄_out = 1, ā_out = 0} gives, per node,
 * <pre>
 *   ā_a += ā_i·∂_a f + t̄_i·(∂_aa f·ṫ_a + ∂_ab f·ṫ_b)      t̄_a += t̄_i·∂_a f
 *   ā_b += ā_i·∂_b f + t̄_i·(∂_ab f·ṫ_a + ∂_bb f·ṫ_b)      t̄_b += t̄_i·∂_b f
 * </pre>
 * and at the inputs {@code ā = ∇(∇f·v) = H·v} while {@code t̄ = ∇f} (Griewank and Walther,
 * <i>Evaluating Derivatives</i>, 2nd ed., §5.3, second-order adjoints).
 *
 * <p>Strong zeros: a zero adjoint or tangent contributes exactly zero, even through an infinite
 * local partial. Without this, {@code 0·∞ = NaN} from a node that does not influence the result
 * (say {@code sqrt(y)} at {@code y = 0} in another output of a vector function) would poison it.
 */
public final class ReverseSweeps {
    private ReverseSweeps() {}

    /**
     * Forward sweep: fills {@code w.value}, {@code w.da}, {@code w.db} (and the second partials when
     * {@code second}) at {@code point}, whose length has been checked.
     *
     * @throws UnsupportedOperationException when {@code second} and a custom operation has no second
     *     derivative
     */
    public static void forward(Program p, Workspace w, double[] point, boolean second) {
        System.arraycopy(point, 0, w.value, 0, p.inputCount);
        forward(p, w, p.inputCount, p.size, second);
    }

    /** The forward sweep over nodes {@code [from, to)}, every earlier node's value being in place. */
    public static void forward(Program p, Workspace w, int from, int to, boolean second) {
        double[] value = w.value;
        double[] da = w.da;
        double[] db = w.db;
        Partials q = w.partials;
        for (int i = from; i < to; i++) {
            if (!p.isOperation(i)) {
                // a constant: no operands, so the backward sweep never reads its partials
                value[i] = p.param[i];
                continue;
            }
            p.local(i, value, q, second);
            value[i] = q.value;
            da[i] = q.da;
            db[i] = q.db;
            if (second) {
                w.daa[i] = q.daa;
                w.dab[i] = q.dab;
                w.dbb[i] = q.dbb;
            }
        }
    }

    /** Clears the adjoints; the caller then seeds the outputs and calls {@link #backward}. */
    public static void clearAdjoints(Workspace w) {
        Arrays.fill(w.adjoint, 0.0);
    }

    /** Backward sweep over the tape of the last {@link #forward}: accumulates the seeded adjoints. */
    public static void backward(Program p, Workspace w) {
        backward(p, w, p.inputCount, p.size);
    }

    /** The backward sweep over nodes {@code [from, to)}, every later node's adjoint having been passed on. */
    public static void backward(Program p, Workspace w, int from, int to) {
        double[] adj = w.adjoint;
        double[] da = w.da;
        double[] db = w.db;
        int[] left = p.left;
        int[] right = p.right;
        for (int i = to - 1; i >= from; i--) {
            double g = adj[i];
            int l = left[i];
            if (g == 0 || l < 0) {
                continue; // strong zero, or a constant
            }
            adj[l] += times(g, da[i]);
            int r = right[i];
            if (r >= 0) {
                adj[r] += times(g, db[i]);
            }
        }
    }

    /** Tangent sweep along {@code direction} over the partials of the last {@link #forward}. */
    public static void tangent(Program p, Workspace w, double[] direction) {
        w.ensureTangents();
        System.arraycopy(direction, 0, w.tangent, 0, p.inputCount);
        tangent(p, w, p.inputCount, p.size);
    }

    /** The tangent sweep over nodes {@code [from, to)}, over their partials from {@link #forward}. */
    public static void tangent(Program p, Workspace w, int from, int to) {
        double[] t = w.tangent;
        double[] da = w.da;
        double[] db = w.db;
        int[] left = p.left;
        int[] right = p.right;
        for (int i = from; i < to; i++) {
            int l = left[i];
            if (l < 0) {
                t[i] = 0;
                continue;
            }
            double s = times(t[l], da[i]);
            int r = right[i];
            if (r >= 0) {
                s += times(t[r], db[i]);
            }
            t[i] = s;
        }
    }

    /**
     * The second-order backward sweep over nodes {@code [from, to)}, over the tape of a
     * {@code forward(..., true)} and the tangents of the last tangent sweep, every later node's
     * adjoints having been passed on. Seeded with {@code t̄_out = 1} and run over every node, it
     * leaves {@code H·v} in {@code w.adjoint} and {@code ∇f} in {@code w.tangentAdjoint} at the inputs.
     */
    public static void secondOrderBackward(Program p, Workspace w, int from, int to) {
        double[] adj = w.adjoint;
        double[] tadj = w.tangentAdjoint;
        double[] t = w.tangent;
        double[] da = w.da;
        double[] db = w.db;
        double[] daa = w.daa;
        double[] dab = w.dab;
        double[] dbb = w.dbb;
        int[] left = p.left;
        int[] right = p.right;
        for (int i = to - 1; i >= from; i--) {
            int l = left[i];
            double g = adj[i];
            double h = tadj[i];
            if (l < 0 || (g == 0 && h == 0)) {
                continue;
            }
            int r = right[i];
            double ta = t[l];
            double tb = r >= 0 ? t[r] : 0;
            double ca = times(ta, daa[i]) + times(tb, dab[i]);
            adj[l] += times(g, da[i]) + times(h, ca);
            tadj[l] += times(h, da[i]);
            if (r >= 0) {
                double cb = times(ta, dab[i]) + times(tb, dbb[i]);
                adj[r] += times(g, db[i]) + times(h, cb);
                tadj[r] += times(h, db[i]);
            }
        }
    }
}
