package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import java.util.Arrays;

/**
 * Forward over forward: per node, tangents {@code u_j} in k directions, a tangent {@code v} in one
 * more direction, and the second-order tangents {@code w_j = ∂²node/∂u_j∂v}.
 *
 * <p>For node {@code f(a, b)} the second-order chain rule reads
 * {@code w = f_a w_a + f_b w_b + f_aa u_a v_a + f_ab (u_a v_b + u_b v_a) + f_bb u_b v_b}, with the
 * first and second partials from the shared rule table. Seeding u with unit vectors and v with a
 * direction gives Hessian entries (v a unit vector) or Hessian-vector products.
 */
public final class ForwardOverForwardSweep {
    private final Linearization lin;
    private final int k;
    private final double[] u;
    private final double[] v;
    private final double[] w;

    public ForwardOverForwardSweep(Linearization lin, int k) {
        this.lin = lin;
        this.k = k;
        int n = lin.program.size;
        this.u = new double[n * k];
        this.v = new double[n];
        this.w = new double[n * k];
    }

    /** Seeds u with the unit directions of inputs {@code first … first+count-1} and v with {@code dir}. */
    void seed(int first, int count, double[] dir) {
        int n = lin.program.inputCount;
        Arrays.fill(u, 0, n * k, 0);
        for (int j = 0; j < count; j++) {
            u[(first + j) * k + j] = 1;
        }
        System.arraycopy(dir, 0, v, 0, n);
        // The inputs' second-order tangents are 0, and stay 0 because they are never written.
    }

    /** Pushes the seeded tangents through every node, in program order. */
    void propagate() {
        Program p = lin.program;
        int[] left = p.left;
        int[] right = p.right;
        for (int i = p.inputCount; i < p.size; i++) {
            if (!p.isOperation(i)) {
                continue;
            }
            int o = i * k;
            int la = left[i];
            int a = la * k;
            double da = lin.da[i];
            double daa = lin.daa[i];
            double va = v[la];
            int lb = right[i];
            if (lb < 0) {
                for (int j = 0; j < k; j++) {
                    double ua = u[a + j];
                    u[o + j] = Linearization.times(da, ua);
                    w[o + j] = Linearization.times(da, w[a + j]) + Linearization.times(daa, ua, va);
                }
                v[i] = Linearization.times(da, va);
                continue;
            }
            int b = lb * k;
            double db = lin.db[i];
            double dab = lin.dab[i];
            double dbb = lin.dbb[i];
            double vb = v[lb];
            for (int j = 0; j < k; j++) {
                double ua = u[a + j];
                double ub = u[b + j];
                u[o + j] = Linearization.times(da, ua) + Linearization.times(db, ub);
                w[o + j] = Linearization.times(da, w[a + j]) + Linearization.times(db, w[b + j])
                        + Linearization.times(daa, ua, va)
                        + Linearization.times(dab, ua, vb) + Linearization.times(dab, ub, va)
                        + Linearization.times(dbb, ub, vb);
            }
            v[i] = Linearization.times(da, va) + Linearization.times(db, vb);
        }
    }

    /** {@return node {@code node}'s second-order tangent ∂²/∂u_j∂v} */
    double second(int node, int j) {
        return w[node * k + j];
    }
}
