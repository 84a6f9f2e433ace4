package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;

/**
 * The interpreter's tangent sweeps: {@code ṫ_i = ∂_a f·ṫ_a + ∂_b f·ṫ_b} per node, the forward-mode
 * chain rule, with {@link Chain#product} for every term. Tangents of several directions travel
 * together lane-major (node i's lane c at {@code i·lanes + c}), which reads each node's partials once
 * for all of them: one direction for a directional derivative, eight for a block of Hessian
 * columns, a chunk for forward-mode gradients.
 */
public final class TangentSweep {
    private TangentSweep() {}

    /**
     * Tangents of {@code lanes} directions over nodes {@code [from, to)}, from the partials of the last
     * {@link ForwardSweep#partials}, every earlier node's tangents in place in {@code t}.
     */
    public static void tangents(Program p, Workspace w, double[] t, int lanes, int from, int to) {
        int[] left = p.left;
        int[] right = p.right;
        double[] value = w.value;
        double[] da = w.da;
        double[] db = w.db;
        for (int i = from; i < to; i++) {
            int l = left[i];
            int row = i * lanes;
            if (l < 0) {
                java.util.Arrays.fill(t, row, row + lanes, 0.0); // a constant does not move
                continue;
            }
            int r = right[i];
            double pa = da[i];
            double pb = db[i];
            for (int c = 0; c < lanes; c++) {
                double s = Chain.product(p, value, i, 0, t[l * lanes + c], pa);
                if (r >= 0) {
                    s += Chain.product(p, value, i, 1, t[r * lanes + c], pb);
                }
                t[row + c] = s;
            }
        }
    }

    /**
     * Values, partials and one direction's tangent {@code w.tangent} in a single pass over nodes
     * {@code [from, to)}: a directional derivative needs no stored tape, so no array of partials is
     * written and read back.
     */
    public static void fused(Program p, Workspace w, int from, int to) {
        int[] left = p.left;
        int[] right = p.right;
        double[] value = w.value;
        double[] t = w.tangent;
        Partials q = w.partials;
        for (int i = from; i < to; i++) {
            if (!p.isOperation(i)) {
                value[i] = p.param[i];
                t[i] = 0; // the arrays are reused: a constant's tangent is written, not assumed
                continue;
            }
            p.local(i, value, q, false);
            value[i] = q.value;
            double s = Chain.product(p, value, i, 0, t[left[i]], q.da);
            int r = right[i];
            if (r >= 0) {
                s += Chain.product(p, value, i, 1, t[r], q.db);
            }
            t[i] = s;
        }
    }
}
