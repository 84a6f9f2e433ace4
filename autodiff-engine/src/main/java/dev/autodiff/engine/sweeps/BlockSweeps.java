package dev.autodiff.engine.sweeps;

import static dev.autodiff.core.internal.rules.Partials.times;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.engine.codegen.LoopBlockKernel;

/**
 * The dense Hessian by reverse-over-forward, {@link #BLOCK} columns per pair of sweeps.
 *
 * <p>In the second-order sweep of {@link ReverseSweeps#secondOrderBackward} the tangent adjoints
 * {@code t̄} obey {@code t̄_a += t̄_i·∂_a f}: they do not depend on the direction, and are the
 * ordinary adjoints of the gradient. So they are computed once, by one backward sweep, and every
 * column {@code H·e_j} needs only its tangent sweep and the backward sweep of {@code ā}. Carrying
 * {@link #BLOCK} directions through each sweep reads every node's operands and local partials once
 * for the whole block instead of once per column. Each column is computed with exactly the
 * operations, in the same order, as {@code secondOrderBackward} along {@code e_j}, so the results
 * are identical ({@code BlockedHessianTest} checks it bit for bit).
 *
 * <p>Why two sweeps of the same recurrence: a single-direction product routed through these
 * block sweeps (stride 1, gradient adjoints accumulated in place) measured 40 % slower than
 * {@code secondOrderBackward} on Rosenbrock n = 10⁴ (1.58 ms against 1.12 ms): the variable-stride
 * inner loop costs what the block amortization saves.
 */
public final class BlockSweeps {
    /**
     * Directions carried per sweep: enough to amortize the tape reads, few enough to stay in cache;
     * the loop kernels' blocks have as many, so planned sweeps share these arrays.
     */
    static final int BLOCK = LoopBlockKernel.LANES;

    private BlockSweeps() {}

    /**
     * {@return the columns {@code H·e_j}, j = 0 … n-1, restricted to the inputs} from the tape of a
     * {@code ReverseSweeps.forward(..., true)} whose output node is {@code out}. Uses {@code w.adjoint}
     * for the gradient adjoints.
     */
    public static double[][] columns(Program p, Workspace w, int out) {
        ReverseSweeps.clearAdjoints(w);
        w.adjoint[out] = 1;
        ReverseSweeps.backward(p, w);
        int n = p.inputCount;
        double[][] columns = new double[n][n];
        w.ensureBlocks(BLOCK);
        for (int j0 = 0; j0 < n; j0 += BLOCK) {
            int k = Math.min(BLOCK, n - j0);
            seed(p, w, j0, k);
            tangents(p, w, p.inputCount, p.size, k);
            java.util.Arrays.fill(w.blockAdjoint, 0.0);
            adjoints(p, w, p.inputCount, p.size, k);
            copyColumns(w, columns, j0, k);
        }
        return columns;
    }

    /** Copies lanes 0 … k-1 of the inputs' block adjoints into {@code columns[j0]} … {@code columns[j0+k-1]}. */
    public static void copyColumns(Workspace w, double[][] columns, int j0, int k) {
        double[] a = w.blockAdjoint;
        for (int c = 0; c < k; c++) {
            double[] column = columns[j0 + c];
            for (int q = 0; q < column.length; q++) {
                column[q] = a[q * BLOCK + c];
            }
        }
    }

    /** Sets the inputs' tangents of lanes 0 … k-1 to e_{j0} … e_{j0+k-1}. */
    public static void seed(Program p, Workspace w, int j0, int k) {
        double[] t = w.blockTangent;
        for (int j = 0; j < p.inputCount; j++) {
            for (int c = 0; c < k; c++) {
                t[j * BLOCK + c] = j == j0 + c ? 1 : 0;
            }
        }
    }

    /**
     * Tangent sweep of lanes 0 … k-1 over nodes {@code [from, to)}, every earlier node's tangents
     * known: {@code ṫ_i = ∂_a f·ṫ_a + ∂_b f·ṫ_b}, strong zeros.
     */
    public static void tangents(Program p, Workspace w, int from, int to, int k) {
        double[] t = w.blockTangent;
        double[] da = w.da;
        double[] db = w.db;
        int[] left = p.left;
        int[] right = p.right;
        for (int i = from; i < to; i++) {
            int l = left[i];
            int r = right[i];
            int row = i * BLOCK;
            for (int c = 0; c < k; c++) {
                double s = 0;
                if (l >= 0) {
                    s = times(t[l * BLOCK + c], da[i]);
                    if (r >= 0) {
                        s += times(t[r * BLOCK + c], db[i]);
                    }
                }
                t[row + c] = s;
            }
        }
    }

    /**
     * Backward sweep of {@code ā} for lanes 0 … k-1 over nodes {@code [from, to)}, every later node's
     * adjoints having been passed on, with the gradient adjoints in {@code w.adjoint}.
     */
    public static void adjoints(Program p, Workspace w, int from, int to, int k) {
        double[] a = w.blockAdjoint;
        double[] t = w.blockTangent;
        double[] bar = w.adjoint;
        double[] da = w.da;
        double[] db = w.db;
        double[] daa = w.daa;
        double[] dab = w.dab;
        double[] dbb = w.dbb;
        int[] left = p.left;
        int[] right = p.right;
        for (int i = to - 1; i >= from; i--) {
            int l = left[i];
            if (l < 0) {
                continue;
            }
            int r = right[i];
            double h = bar[i];
            for (int c = 0; c < k; c++) {
                double g = a[i * BLOCK + c];
                if (g == 0 && h == 0) {
                    continue;
                }
                double ta = t[l * BLOCK + c];
                double tb = r >= 0 ? t[r * BLOCK + c] : 0;
                double ca = times(ta, daa[i]) + times(tb, dab[i]);
                a[l * BLOCK + c] += times(g, da[i]) + times(h, ca);
                if (r >= 0) {
                    double cb = times(ta, dab[i]) + times(tb, dbb[i]);
                    a[r * BLOCK + c] += times(g, db[i]) + times(h, cb);
                }
            }
        }
    }
}
