package dev.autodiff.engine.codegen;

import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.engine.loops.LoopPlan;
import dev.autodiff.engine.loops.LoopShape;
import org.jspecify.annotations.Nullable;

/**
 * The second-order sweep of a loop whose tangent sweep a Hessian-vector product left out (see
 * {@link LoopPlan#sumLoop}), written for a shape whose {@link LoopShape#dirty} positions are sum
 * chains, and for the external operands whose nodes are all inputs of the program
 * ({@link #of}). An input is a leaf: its tangent adjoint (its gradient, which a
 * Hessian-vector product computes on the way) is read by no sweep, so the code leaves out the
 * terms that would go to it, and their sums and stores. The Hessian-vector products, the adjoints,
 * are every bit the same.
 */
public abstract class BoundedKernel {
    private static final KernelCache<ShapeKey<boolean[]>, BoundedKernel> CACHE = new KernelCache<>(LoopWriter::generateBounded);

    /**
     * Second-order adjoints (reverse over the tangent sweep), repetitions in reverse, of a loop whose
     * tangent sweep was left out. The positions that read the previous repetition (the dirty ones)
     * then see stale values and tangents; their partials do not depend on values, and the sweep
     * multiplies their tangents by no partial. {@return a bound on the loop's true tangents}: the
     * sum, over every edge by which a clean tangent (computed here from the loop's operands) enters
     * a dirty position, of its absolute value, over-counted in places. It is not finite when a clean
     * tangent is not; and as every dirty tangent is a signed sum of clean ones, each entering at most
     * once, no dirty tangent exceeds it (up to a relative 2⁻²² of rounding). Reads the variables an
     * external operand walks from {@code point} and {@code direction}, as
     * {@link LoopKernel#directional} does. Adds nothing to {@code tadj} of the external operands
     * that read inputs only.
     */
    public abstract double secondOrderAdjointsBounded(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases, Partials scratch,
            double @Nullable [] point, double @Nullable [] direction);

    /**
     * {@return the bounded kernel of {@code shape}, leaving out the tangent adjoints of the external
     * operands marked in {@code inputs}}, or null when too large to compile; {@code inputs} must mark
     * an operand and its {@linkplain LoopShape#handoff handoff} alike
     */
    public static @Nullable BoundedKernel of(LoopShape shape, boolean[] inputs) {
        for (int j = 0; j < inputs.length; j++) {
            int h = shape.handoff[j];
            if (h >= 0 && inputs[h] != inputs[j]) {
                throw new IllegalArgumentException("external operand " + j + " and its handoff " + h + " are marked apart");
            }
        }
        return CACHE.get(new ShapeKey<>(shape, inputs.clone()));
    }
}
