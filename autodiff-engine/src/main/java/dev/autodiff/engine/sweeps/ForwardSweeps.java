package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.engine.codegen.LoopKernel;
import dev.autodiff.engine.loops.LoopPlan;

/**
 * The derivative products of forward mode, each a loop of sweeps over a program whose outputs are
 * {@code program.outputs}. Points and directions have been checked by the caller.
 */
public final class ForwardSweeps {
    private ForwardSweeps() {}

    /** {@return the m × n Jacobian: ceil(n/k) passes of k unit directions (chunk mode)} */
    public static double[][] jacobian(Program program, double[] point) {
        int n = program.inputCount;
        int[] outputs = program.outputs;
        double[][] jac = new double[outputs.length][n];
        Linearization lin = Linearization.at(program, point, false);
        int k = Chunks.size(n);
        ChunkTangentSweep sweep = new ChunkTangentSweep(lin, k);
        for (int first = 0; first < n; first += k) {
            int count = Math.min(k, n - first);
            sweep.seedUnit(first, count);
            sweep.propagate();
            for (int o = 0; o < outputs.length; o++) {
                for (int j = 0; j < count; j++) {
                    jac[o][first + j] = sweep.at(outputs[o], j);
                }
            }
        }
        return jac;
    }

    /** {@return J·direction for every output: one pass with one tangent} */
    public static double[] jvp(Program program, double[] point, double[] direction) {
        return jvp(program, LoopPlan.none(), new DualArrays(program.size), point, direction, false);
    }

    /**
     * {@return J·direction for every output}, one pass of dual numbers in {@code arrays}: nodes
     * between loops interpreted, each loop of {@code plan} run by its kernel, the fast one if
     * {@code fast} (see {@code LoopKernel}: the caller checks for 0 and NaN)
     */
    public static double[] jvp(Program program, LoopPlan plan, DualArrays arrays, double[] point, double[] direction, boolean fast) {
        // One fused pass of dual numbers: each node's value, local partials and tangent together,
        // so no array of partials is written and read back as a stored linearization would need.
        double[] value = arrays.value;
        double[] tangent = arrays.tangent;
        System.arraycopy(point, 0, value, 0, program.inputCount);
        System.arraycopy(direction, 0, tangent, 0, program.inputCount);
        Partials q = new Partials();
        int from = program.inputCount;
        for (int l = 0; l < plan.loops(); l++) {
            jvp(program, value, tangent, q, from, plan.loopStart(l));
            plan.directional(program, l, value, tangent, fast);
            from = plan.loopEnd(l);
        }
        jvp(program, value, tangent, q, from, program.size);
        int[] outputs = program.outputs;
        double[] result = new double[outputs.length];
        for (int o = 0; o < outputs.length; o++) {
            result[o] = tangent[outputs[o]];
        }
        return result;
    }

    private static void jvp(Program program, double[] value, double[] tangent, Partials q, int from, int to) {
        int[] left = program.left;
        int[] right = program.right;
        for (int i = from; i < to; i++) {
            if (!program.isOperation(i)) {
                value[i] = program.param[i];
                tangent[i] = 0; // the arrays are reused: a constant's tangent is written, not assumed
                continue;
            }
            program.local(i, value, q, false);
            value[i] = q.value;
            double s = Linearization.times(q.da, tangent[left[i]]);
            int r = right[i];
            if (r >= 0) {
                s += Linearization.times(q.db, tangent[r]);
            }
            tangent[i] = s;
        }
    }

    /**
     * {@return wᵀ·J}: the gradient of {@code Σ w_o f_o}, in the ceil(n/k) chunked passes a
     * Jacobian costs, without storing the Jacobian
     */
    public static double[] vjp(Program program, double[] point, double[] w) {
        int n = program.inputCount;
        int[] outputs = program.outputs;
        double[] result = new double[n];
        Linearization lin = Linearization.at(program, point, false);
        int k = Chunks.size(n);
        ChunkTangentSweep sweep = new ChunkTangentSweep(lin, k);
        for (int first = 0; first < n; first += k) {
            int count = Math.min(k, n - first);
            sweep.seedUnit(first, count);
            sweep.propagate();
            for (int j = 0; j < count; j++) {
                double s = 0;
                for (int o = 0; o < outputs.length; o++) {
                    s += w[o] * sweep.at(outputs[o], j);
                }
                result[first + j] = s;
            }
        }
        return result;
    }

    /**
     * {@return the Hessian of output 0}: for each column j, forward-over-forward passes with
     * {@code v = e_j} and chunks of {@code u = e_i} for {@code i <= j}; the upper triangle is
     * computed and mirrored, so the result is exactly symmetric
     */
    public static double[][] hessian(Program program, double[] point) {
        int n = program.inputCount;
        int out = program.outputs[0];
        double[][] h = new double[n][n];
        Linearization lin = Linearization.at(program, point, true);
        int k = Chunks.size(n);
        ForwardOverForwardSweep sweep = new ForwardOverForwardSweep(lin, k);
        double[] column = new double[n];
        for (int j = 0; j < n; j++) {
            column[j] = 1;
            for (int first = 0; first <= j; first += k) {
                int count = Math.min(k, j + 1 - first);
                sweep.seed(first, count, column);
                sweep.propagate();
                for (int r = 0; r < count; r++) {
                    double s = sweep.second(out, r);
                    h[first + r][j] = s;
                    h[j][first + r] = s;
                }
            }
            column[j] = 0;
        }
        return h;
    }

    /** {@return H·direction for output 0: ceil(n/k) forward-over-forward passes with v = direction} */
    public static double[] hessianVector(Program program, double[] point, double[] direction) {
        int n = program.inputCount;
        int out = program.outputs[0];
        double[] result = new double[n];
        Linearization lin = Linearization.at(program, point, true);
        int k = Chunks.size(n);
        ForwardOverForwardSweep sweep = new ForwardOverForwardSweep(lin, k);
        for (int first = 0; first < n; first += k) {
            int count = Math.min(k, n - first);
            sweep.seed(first, count, direction);
            sweep.propagate();
            for (int r = 0; r < count; r++) {
                result[first + r] = sweep.second(out, r);
            }
        }
        return result;
    }
}
