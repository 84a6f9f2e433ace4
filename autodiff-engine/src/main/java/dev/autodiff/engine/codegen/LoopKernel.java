package dev.autodiff.engine.codegen;

import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.engine.loops.LoopPlan;
import dev.autodiff.engine.loops.LoopShape;
import org.jspecify.annotations.Nullable;

/**
 * The generated code of one {@link LoopShape}: its sweeps (values, tangents, adjoints,
 * second-order adjoints, and fast variants) over {@code reps} repetitions of the loop body
 * starting at node {@code start}, each a single JVM loop whose body is the shape's nodes
 * written out, so the JIT compiles it like hand-written code. {@link LoopWriter} writes the
 * subclasses; every method takes the same arrays (the ones it does not use may be null):
 * {@code v} values, {@code t} tangents, {@code adj} adjoints, {@code tadj} tangent adjoints,
 * {@code param} the program's constants, and {@code bases} the external operands' first nodes.
 *
 * <p>Each computes what the interpreting sweeps compute for those nodes, in the same order, so the
 * results are identical to the bit. The backward sweeps recompute a repetition's values and
 * partials from its operands rather than reading a stored tape: that costs a few flops and saves
 * the memory traffic that dominates interpretation.
 *
 * <p>The strong zero ({@link Partials#times}: {@code w == 0 ? 0 : w·p}) costs a test and a branch per
 * product, several per node. The fast sweeps multiply plainly. That differs from the strong zero
 * only when the weight is ±0: then the plain product is ±0 (the sign can differ, which no sum of
 * adjoints shows, as such sums start at +0 and adding ±0 to them changes nothing) or, when the
 * partial is infinite or NaN, NaN, which propagates to some input's adjoint. So a gradient or
 * Hessian-vector product computed with fast sweeps equals the exact one to the bit unless it holds a
 * NaN; callers then recompute with the exact sweeps. A directional derivative is a tangent, not a
 * sum of adjoints, so its sign of zero can differ: callers recompute when it is 0 or NaN.
 */
public abstract class LoopKernel {
    private static final KernelCache<LoopKernel> CACHE = new KernelCache<>(LoopWriter::generate);

    /** Values of the loop's nodes; writes the stored positions to {@code v}. */
    public abstract void values(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases);

    /** Values and tangents ({@code ṫ = ∂a·ṫa + ∂b·ṫb}); writes the stored positions to {@code v} and {@code t}. */
    public abstract void tangents(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases);

    /** Adjoints, repetitions in reverse; adds to {@code adj} of the nodes before the loop. */
    public abstract void adjoints(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases);

    /** Second-order adjoints (reverse over the tangent sweep), repetitions in reverse. */
    public abstract void secondOrderAdjoints(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases);

    /** {@link #tangents} multiplying plainly by partials: see the class comment. */
    public abstract void fastTangents(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases);

    /** {@link #adjoints} multiplying plainly and skipping no zero adjoint: see the class comment. */
    public abstract void fastAdjoints(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases);

    /** {@link #secondOrderAdjoints} multiplying plainly by partials: see the class comment. */
    public abstract void fastSecondOrderAdjoints(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases);

    /**
     * {@link #fastTangents} for a directional derivative, which no backward sweep follows: running
     * sums are stored for the last repetition only.
     */
    public abstract void fastDirectional(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases);

    /**
     * {@link #fastSecondOrderAdjoints} for a loop whose tangent sweep was left out (see
     * {@link LoopPlan#sumLoop}), generated for shapes whose {@link LoopShape#dirty} positions are
     * sum chains. The positions that read the previous repetition (the dirty ones) then see stale
     * values and tangents; their partials do not depend on values, and the fast sweep multiplies
     * their tangents by no partial. {@return a bound on the loop's true tangents}: the sum, over
     * every edge by which a clean tangent (computed here from the loop's operands) enters a dirty
     * position, of its absolute value, over-counted in places. It is not finite when a clean tangent
     * is not; and as every dirty tangent is a signed sum of clean ones, each entering at most once,
     * no dirty tangent exceeds it (up to a relative 2⁻²² of rounding).
     */
    public double fastSecondOrderAdjointsBounded(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases) {
        throw new UnsupportedOperationException("the loop's dirty positions are not sum chains");
    }

    /** {@return the kernel of {@code shape}}, generated on first use, or null when too large to compile */
    public static @Nullable LoopKernel of(LoopShape shape) {
        return CACHE.get(shape);
    }
}
