package dev.autodiff.engine.sweeps;

import static dev.autodiff.core.internal.rules.Partials.curvature;
import static dev.autodiff.core.internal.rules.Partials.times;

import dev.autodiff.core.internal.program.Program;

/**
 * Forward over forward, forward mode's second order: per node, tangents {@code u} in several
 * directions (lanes), a tangent {@code v} in one more, and the second-order tangents
 * {@code w = ∂²node/∂u∂v}. For node {@code f(a, b)} the second-order chain rule reads
 * {@code w = f_a w_a + f_b w_b + (H_f u)·v} with {@code H_f} the local second partials, applied in
 * their scaled form ({@link dev.autodiff.core.internal.rules.Partials#curvature}). Seeding u with unit
 * vectors and v with a direction gives Hessian entries or Hessian-vector products.
 */
public final class ForwardOverForwardSweep {
    private ForwardOverForwardSweep() {}

    /**
     * Pushes u ({@code w.laneTangent}, {@code lanes} lanes), v ({@code w.tangent}) and the second-order
     * tangents ({@code w.laneSecond}) through nodes {@code [from, to)}, over the tape of a
     * {@code ForwardSweep.partials(..., true)}; the inputs' u and v must be seeded and their w zero.
     */
    public static void propagate(Program p, Workspace w, int lanes, int from, int to) {
        int[] left = p.left;
        int[] right = p.right;
        double[] value = w.value;
        double[] u = w.laneTangent;
        double[] v = w.tangent;
        double[] sec = w.laneSecond;
        for (int i = from; i < to; i++) {
            int la = left[i];
            int o = i * lanes;
            if (la < 0) {
                java.util.Arrays.fill(u, o, o + lanes, 0.0);
                java.util.Arrays.fill(sec, o, o + lanes, 0.0);
                v[i] = 0;
                continue;
            }
            int lb = right[i];
            double da = w.da[i];
            double db = w.db[i];
            double s = w.scale[i];
            double va = v[la];
            double vb = lb >= 0 ? v[lb] : 0;
            for (int j = 0; j < lanes; j++) {
                double ua = u[la * lanes + j];
                double ub = lb >= 0 ? u[lb * lanes + j] : 0;
                double first = Chain.product(p, value, i, 0, ua, da);
                double wj = Chain.product(p, value, i, 0, sec[la * lanes + j], da);
                if (lb >= 0) {
                    first += Chain.product(p, value, i, 1, ub, db);
                    wj += Chain.product(p, value, i, 1, sec[lb * lanes + j], db);
                }
                double hu = times(curvature(ua, ub, w.daa[i], w.dab[i], s), va)
                        + times(curvature(ua, ub, w.dab[i], w.dbb[i], s), vb);
                u[o + j] = first;
                sec[o + j] = wj + hu;
            }
            double vi = Chain.product(p, value, i, 0, va, da);
            if (lb >= 0) {
                vi += Chain.product(p, value, i, 1, vb, db);
            }
            v[i] = vi;
        }
    }
}
