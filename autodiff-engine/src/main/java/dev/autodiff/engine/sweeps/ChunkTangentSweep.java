package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import java.util.Arrays;

/**
 * Dual numbers with k tangent directions over a program: node i's tangents are
 * {@code tangent[i*k] … tangent[i*k + k-1]}, beside its value in the {@link Linearization}.
 *
 * <p>The tangent of node {@code i = f(a, b)} in direction j is {@code ∂f/∂a · ȧ_j + ∂f/∂b · ḃ_j},
 * the chain rule, with the partials from the shared rule table. One instance serves one call.
 */
public final class ChunkTangentSweep {
    private final Linearization lin;
    private final int k;
    final double[] tangent;

    public ChunkTangentSweep(Linearization lin, int k) {
        this.lin = lin;
        this.k = k;
        this.tangent = new double[lin.program.size * k];
    }

    /** Seeds the unit directions of inputs {@code first … first+count-1}, count at most k. */
    void seedUnit(int first, int count) {
        Arrays.fill(tangent, 0, lin.program.inputCount * k, 0);
        for (int j = 0; j < count; j++) {
            tangent[(first + j) * k + j] = 1;
        }
    }

    /** Pushes the seeded tangents through every node, in program order. */
    void propagate() {
        Program p = lin.program;
        int[] left = p.left;
        int[] right = p.right;
        double[] t = tangent;
        for (int i = p.inputCount; i < p.size; i++) {
            if (!p.isOperation(i)) {
                continue; // a constant's tangents stay 0
            }
            int o = i * k;
            int a = left[i] * k;
            double da = lin.da[i];
            if (right[i] < 0) {
                for (int j = 0; j < k; j++) {
                    t[o + j] = Linearization.times(da, t[a + j]);
                }
            } else {
                int b = right[i] * k;
                double db = lin.db[i];
                for (int j = 0; j < k; j++) {
                    t[o + j] = Linearization.times(da, t[a + j]) + Linearization.times(db, t[b + j]);
                }
            }
        }
    }

    /** {@return node {@code node}'s tangent in direction {@code j}} */
    double at(int node, int j) {
        return tangent[node * k + j];
    }
}
