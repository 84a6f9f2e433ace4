package dev.autodiff.engine.codegen;

import dev.autodiff.engine.loops.LoopShape;
import dev.autodiff.core.internal.rules.Partials;
import org.jspecify.annotations.Nullable;

/**
 * The generated code of one {@link LoopShape} for dense Hessians: a tangent sweep and a
 * second-order sweep that carry {@value #LANES} directions at once. Values, partials and the
 * tangent adjoints (the gradient's adjoints, which do not depend on the direction) are computed once
 * per repetition for all of them; only tangents and adjoints are per direction.
 *
 * <p>The tangent array {@code t} and the adjoint array {@code adj} are lane-major: direction c of
 * node i is element {@code i·LANES + c}. The tangent adjoints {@code tadj} are a finished gradient's
 * adjoints, node-indexed, which the second-order sweeps read and do not change. Per direction, each
 * method computes what the single-direction sweep of {@link LoopKernel} computes, operation for
 * operation, so a Hessian column is the same to the bit either way; the methods multiply plainly, as
 * {@link LoopKernel}'s do.
 *
 * <p>Written by {@link LoopWriter} on the first Hessian of a program, as a class of its own: its
 * methods are about {@value #LANES} times the size of the single-direction ones, and a shape too large
 * for them still keeps its {@link LoopKernel}.
 */
public abstract class LoopBlockKernel {
    /** Directions per sweep: as many as the interpreter's blocks, so the two share their arrays' layout. */
    public static final int LANES = 8;

    private static final KernelCache<LoopShape, LoopBlockKernel> CACHE = new KernelCache<>(LoopWriter::generateBlock);

    /** Tangents of {@value #LANES} directions; writes the stored positions' tangents to {@code t}. */
    public abstract void tangents(double[] v, double[] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases, Partials scratch);

    /** Second-order adjoints of {@value #LANES} directions, repetitions in reverse; adds to {@code adj} of the nodes before the loop. */
    public abstract void secondOrderAdjoints(double[] v, double[] t, double[] adj, double[] tadj,
            double[] param, int start, int reps, int[] bases, Partials scratch);

    /** {@return the block kernel of {@code shape}}, generated on first use, or null when too large to compile */
    public static @Nullable LoopBlockKernel of(LoopShape shape) {
        return CACHE.get(shape);
    }
}
