package dev.autodiff.engine.codegen;

import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.engine.loops.LoopShape;
import org.jspecify.annotations.Nullable;

/**
 * The gradient sweeps of a straight-line segment (a {@link LoopShape} run once, between the loops)
 * through a tape, as the interpreter's: the forward sweep writes each position's partials that are
 * not known constants to the node-indexed arrays {@code da} and {@code db}, and the backward sweep
 * reads them instead of recomputing the segment's values and partials.
 *
 * <p>A loop's backward sweep recomputes them ({@link LoopKernel}): a few flops that save the memory
 * traffic of a tape. A segment of an irregular program is mostly elementary functions (exp, log,
 * sin, …), whose value and partials cost tens of flops each, and runs once per call: rerunning them
 * costs about as much as the value itself, while the tape costs a store and a load per partial.
 * The partials are the same rule applications on the same operands, so the adjoints are the
 * recomputing sweep's to the bit.
 */
public abstract class SegmentKernel {
    private static final KernelCache<LoopShape, SegmentKernel> CACHE = new KernelCache<>(LoopWriter::generateSegment);

    /**
     * Values of the segment's nodes and their partials: writes the stored positions' values to
     * {@code v} and the partials that are not constants to {@code da} and {@code db} (∂/∂left and
     * ∂/∂right, by node); the other arrays are those of every kernel method, unused here.
     */
    public abstract void values(double[] v, double[] da, double @Nullable [] unusedAdj, double[] db, double[] param,
            int start, int reps, int[] bases, Partials scratch);

    /**
     * Adjoints of the segment's nodes from the partials {@link #values} wrote to {@code da} and
     * {@code db}: adds to {@code adj} of the nodes before it, given every later node's adjoint.
     */
    public abstract void adjoints(double @Nullable [] unusedV, double[] da, double[] adj, double[] db, double[] param,
            int start, int reps, int[] bases, Partials scratch);

    /**
     * {@return the segment kernel of {@code shape}}, generated on first use, or null when too large
     * to compile; {@code shape} reads nothing of a previous repetition (it is run once)
     */
    public static @Nullable SegmentKernel of(LoopShape shape) {
        return CACHE.get(shape);
    }
}
