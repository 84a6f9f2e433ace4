package dev.autodiff.engine.codegen;

import dev.autodiff.engine.loops.LoopShape;
import dev.autodiff.core.internal.rules.Partials;
import org.jspecify.annotations.Nullable;

/**
 * The generated code of one {@link LoopShape}: its sweeps (values, tangents, adjoints,
 * second-order adjoints, directional derivatives) over {@code reps} repetitions of the loop body
 * starting at node {@code start}, each a single JVM loop whose body is the shape's nodes
 * written out, so the JIT compiles it like hand-written code. {@link LoopWriter} writes the
 * subclasses; every method takes the same arrays (the ones it does not use may be null):
 * {@code v} values, {@code t} tangents, {@code adj} adjoints, {@code tadj} tangent adjoints,
 * {@code param} the program's constants, {@code bases} the external operands' first nodes, and
 * {@code scratch} the caller's {@link Partials} for the rule applications, so a call allocates nothing.
 *
 * <p>Each computes what the interpreter computes for those nodes, in the same order, so the results
 * are identical to the bit wherever they are finite. The backward sweeps recompute a repetition's
 * values and partials from its operands rather than reading a stored tape: that costs a few flops
 * and saves the memory traffic that dominates interpretation.
 *
 * <p>The kernels multiply plainly, without the zero-factor test ({@code Partials.times}: 0 when
 * either factor is 0), which costs a test and a branch per product. That differs from the test only
 * when a factor is ±0: then the plain product is ±0 (the sign can differ, which no sum of adjoints
 * shows, as such sums start at +0 and adding ±0 to them changes nothing) or, when the other factor is
 * infinite or NaN, NaN, which propagates to some input's adjoint or to the output's tangent. So a
 * gradient or Hessian-vector product computed by kernels equals the interpreter's to the bit unless
 * it holds a NaN (or an infinity, which the interpreter's overflow-safe products may avoid); the
 * engine then runs the interpreter. A directional derivative is a tangent, not a sum of adjoints, so
 * its sign of zero can differ: the engine reruns it when it is 0 as well.
 */
public abstract class LoopKernel {
    private static final KernelCache<LoopShape, LoopKernel> CACHE = new KernelCache<>(LoopWriter::generate);

    /** Values of the loop's nodes; writes the stored positions to {@code v}. */
    public abstract void values(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases, Partials scratch);

    /** Values and tangents ({@code ṫ = ∂a·ṫa + ∂b·ṫb}); writes the stored positions to {@code v} and {@code t}. */
    public abstract void tangents(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases, Partials scratch);

    /** Adjoints, repetitions in reverse; adds to {@code adj} of the nodes before the loop. */
    public abstract void adjoints(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases, Partials scratch);

    /** Second-order adjoints (reverse over the tangent sweep), repetitions in reverse. */
    public abstract void secondOrderAdjoints(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases, Partials scratch);

    /**
     * {@link #tangents} for a directional derivative, which no backward sweep follows: running sums
     * are stored for the last repetition only. An external operand that reads variables only
     * ({@link #streamsPoint}) reads their values from {@code point} and their tangents from
     * {@code direction}, the caller's arrays (or null: then from {@code v} and {@code t}), so that
     * the caller need not copy them there.
     */
    public abstract void directional(double[] v, double @Nullable [] t, double @Nullable [] adj,
            double @Nullable [] tadj, double[] param, int start, int reps, int[] bases, Partials scratch,
            double @Nullable [] point, double @Nullable [] direction);

    /**
     * {@return whether an external operand that reads node {@code first + r·stride} in repetition r
     * reads a variable in each of {@code reps} repetitions}: a node below {@code point.length}, the
     * number of variables, which come first among a program's nodes. The directional sweep and the
     * bounded second-order one ({@link BoundedKernel}) then read it from the caller's point and direction;
     * {@code LoopPlan} asks the same to know which variables the value and tangent arrays must still
     * hold.
     */
    public static boolean streamsPoint(double @Nullable [] point, int first, int stride, int reps) {
        return point != null && streamsVariables(point.length, first, stride, reps);
    }

    /** {@return whether nodes {@code first + r·stride}, {@code 0 ≤ r < reps}, are all among the first {@code variables}} */
    public static boolean streamsVariables(int variables, int first, int stride, int reps) {
        long last = first + (long) stride * (reps - 1);
        return reps > 0 && Math.min(first, last) >= 0 && Math.max(first, last) < variables;
    }

    /** {@return the kernel of {@code shape}}, generated on first use, or null when too large to compile */
    public static @Nullable LoopKernel of(LoopShape shape) {
        return CACHE.get(shape);
    }
}
