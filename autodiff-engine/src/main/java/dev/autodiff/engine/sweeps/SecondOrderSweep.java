package dev.autodiff.engine.sweeps;

import static dev.autodiff.core.internal.rules.Partials.curvature;
import static dev.autodiff.core.internal.rules.Partials.times;

import dev.autodiff.core.internal.program.Program;

/**
 * The one second-order backward sweep: reverse over forward. A tangent sweep along {@code v} gives
 * {@code ṫ_i = ∂_a f·ṫ_a + ∂_b f·ṫ_b}, so {@code ṫ_out = ∇f·v}; differentiating that augmented program
 * in reverse with seeds {@code t̄_out = 1, ā_out = 0} gives, per node,
 * <pre>
 *   ā_a += ∂_a f·ā_i + t̄_i·(∂_aa f·ṫ_a + ∂_ab f·ṫ_b)      t̄_a += ∂_a f·t̄_i
 *   ā_b += ∂_b f·ā_i + t̄_i·(∂_ab f·ṫ_a + ∂_bb f·ṫ_b)      t̄_b += ∂_b f·t̄_i
 * </pre>
 * and at the inputs {@code ā = ∇(∇f·v) = H·v} and {@code t̄ = ∇f} (Griewank and Walther,
 * <i>Evaluating Derivatives</i>, 2nd ed., §5.3). The tangent adjoints {@code t̄} do not depend on the
 * direction: they are the gradient's adjoints. So several directions (lanes) share one {@code t̄},
 * either accumulated here (one direction: a Hessian-vector product) or read from a finished gradient
 * (a block of Hessian columns); the second partials are applied in their scaled form
 * ({@link dev.autodiff.core.internal.rules.Partials#curvature}).
 */
public final class SecondOrderSweep {
    private SecondOrderSweep() {}

    /**
     * The sweep over nodes {@code [from, to)}, every later node's adjoints having been passed on, over
     * the tape of a {@code ForwardSweep.partials(..., true)}: {@code t} and {@code adj} are lane-major
     * tangents and adjoints of {@code lanes} directions, {@code h} the node-indexed tangent adjoints,
     * accumulated here when {@code accumulate} and only read otherwise.
     */
    public static void adjoints(Program p, Workspace w, double[] t, double[] adj, double[] h, int lanes,
            boolean accumulate, int from, int to) {
        int[] left = p.left;
        int[] right = p.right;
        double[] value = w.value;
        double[] da = w.da;
        double[] db = w.db;
        double[] scale = w.scale;
        double[] daa = w.daa;
        double[] dab = w.dab;
        double[] dbb = w.dbb;
        for (int i = to - 1; i >= from; i--) {
            int l = left[i];
            if (l < 0) {
                continue;
            }
            int r = right[i];
            double hi = h[i];
            double s = scale[i];
            for (int c = 0; c < lanes; c++) {
                double g = adj[i * lanes + c];
                if (g == 0 && hi == 0) {
                    continue;
                }
                double ta = t[l * lanes + c];
                double tb = r >= 0 ? t[r * lanes + c] : 0;
                adj[l * lanes + c] += Chain.product(p, value, i, 0, g, da[i]) + times(hi, curvature(ta, tb, daa[i], dab[i], s));
                if (r >= 0) {
                    adj[r * lanes + c] += Chain.product(p, value, i, 1, g, db[i]) + times(hi, curvature(ta, tb, dab[i], dbb[i], s));
                }
            }
            if (accumulate && hi != 0) {
                h[l] += Chain.product(p, value, i, 0, hi, da[i]);
                if (r >= 0) {
                    h[r] += Chain.product(p, value, i, 1, hi, db[i]);
                }
            }
        }
    }
}
