package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.codegen.LoopBlockKernel;
import dev.autodiff.engine.codegen.LoopKernel;
import dev.autodiff.engine.loops.LoopPlan;

/**
 * The dense Hessian of a program made mostly of loops, {@link BlockSweeps#BLOCK} columns per pair
 * of sweeps through the loops' block kernels ({@code LoopBlockKernel}) and the interpreter's block
 * sweeps between them ({@link BlockSweeps}).
 *
 * <p>As in {@link BlockSweeps}, the tangent adjoints of the second-order sweep are the gradient's
 * adjoints: one gradient (fast, redone exactly if it holds a NaN) serves every block. Each block is
 * then run with the fast kernels, and redone with the exact ones unless everything the fast kernels
 * may get wrong is finite: the gradient, the output's tangents and the columns (the rules of
 * {@code LoopKernel}). Every column is then the same to the bit as the interpreter's.
 */
public final class PlannedHessian {
    private static final int LANES = BlockSweeps.BLOCK;

    private PlannedHessian() {}

    /**
     * {@return the columns {@code H·e_j}, j = 0 … n-1, restricted to the inputs} after a
     * {@code PlannedSweeps.forward(..., true)} of the output node {@code out}; {@code plan} must
     * have its block kernels.
     */
    public static double[][] columns(Program p, LoopPlan plan, Workspace w, int out) {
        PlannedSweeps.gradientBackward(p, plan, w, out);
        int n = p.inputCount;
        boolean fast = finite(w.adjoint, 0, n);
        w.ensureBlocks(LANES);
        double[][] columns = new double[n][n];
        for (int j0 = 0; j0 < n; j0 += LANES) {
            int k = Math.min(LANES, n - j0);
            if (!fast || !block(p, plan, w, out, j0, k, true)) {
                block(p, plan, w, out, j0, k, false);
            }
            BlockSweeps.copyColumns(w, columns, j0, k);
        }
        return columns;
    }

    /**
     * Columns j0 … j0+k-1 into {@code w.blockAdjoint}; every lane is swept (those past k along 0).
     * {@return false when {@code fast} and the result cannot be trusted}
     */
    private static boolean block(Program p, LoopPlan plan, Workspace w, int out, int j0, int k, boolean fast) {
        BlockSweeps.seed(p, w, j0, LANES);
        int from = p.inputCount;
        for (int q = 0; q < plan.loops(); q++) {
            BlockSweeps.tangents(p, w, from, plan.loopStart(q), LANES);
            plan.blockTangents(p, q, w.value, w.blockTangent, fast);
            from = plan.loopEnd(q);
        }
        BlockSweeps.tangents(p, w, from, p.size, LANES);
        if (fast && !finite(w.blockTangent, out * LANES, k)) {
            return false;
        }
        plan.clear(p, w.blockAdjoint, !fast, LANES);
        int to = p.size;
        for (int q = plan.loops() - 1; q >= 0; q--) {
            BlockSweeps.adjoints(p, w, plan.loopEnd(q), to, LANES);
            plan.blockSecondOrderAdjoints(p, q, w.value, w.blockTangent, w.blockAdjoint, w.adjoint, fast);
            to = plan.loopStart(q);
        }
        BlockSweeps.adjoints(p, w, p.inputCount, to, LANES);
        for (int j = 0; j < p.inputCount; j++) {
            if (fast && !finite(w.blockAdjoint, j * LANES, k)) {
                return false;
            }
        }
        return true;
    }

    /** {@return whether {@code count} elements of {@code a} from {@code from} on are finite} */
    private static boolean finite(double[] a, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!Double.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }
}
