package dev.autodiff.engine.codegen;

import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.engine.loops.FusedGradient;
import dev.autodiff.engine.loops.LoopShape;
import org.jspecify.annotations.Nullable;

/**
 * The gradient of a loop in one forward pass ({@link FusedGradient}): each repetition's values and
 * partials, then at once its adjoints, starting from the seeds written into the code. The values
 * sweep and the backward sweep it replaces take two passes over the repetitions, the first a chain
 * of dependent additions (the running sum) that nothing else overlaps; here that chain runs beside
 * the adjoints' arithmetic.
 *
 * <p>The sums of adjoints come out as the backward sweep's, to the bit: each node the repetitions
 * read is read by one repetition, or by two consecutive ones, whose terms are then added in the
 * backward sweep's order (the later repetition's first, the earlier one's held back in locals until
 * then); the nodes before the loop that repetition 0 reads as carried positions get their known
 * terms after the loop. Products are plain, as in every {@link LoopKernel}: the engine checks the
 * gradient and reruns the interpreter when it is not finite.
 */
public abstract class FusedKernel {
    private static final KernelCache<ShapeKey<double[]>, FusedKernel> CACHE = new KernelCache<>(LoopWriter::generateFused);

    /**
     * Values of the loop's nodes (its stored positions written to {@code v} for the last repetition)
     * and their adjoints, added to {@code adj} of the nodes before the loop, which must hold the
     * adjoints so far (zeros, as nothing after the loop reads those nodes).
     */
    public abstract void gradient(double[] v, double @Nullable [] t, double[] adj, double @Nullable [] tadj,
            double[] param, int start, int reps, int[] bases, Partials scratch);

    /** {@return the fused kernel of {@code shape} starting from {@code seeds}}, or null when too large to compile */
    public static @Nullable FusedKernel of(LoopShape shape, double[] seeds) {
        return CACHE.get(new ShapeKey<>(shape, seeds.clone()));
    }
}
