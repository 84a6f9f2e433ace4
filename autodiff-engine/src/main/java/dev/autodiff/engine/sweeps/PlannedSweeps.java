package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.codegen.LoopKernel;
import dev.autodiff.engine.loops.LoopPlan;

/**
 * The sweeps of {@link ReverseSweeps} run over a {@link LoopPlan}: the nodes between loops are interpreted,
 * each loop runs its generated kernel. Results are identical to the bit to interpreting every node;
 * inside loops only the stored positions' values, tangents and adjoints reach the workspace arrays.
 */
public final class PlannedSweeps {
    private PlannedSweeps() {}

    /**
     * Values and local partials at {@code point}, whose length has been checked, with the second
     * partials when {@code second}: the tape of {@link #backward}, or of several {@link #tangents}
     * sweeps (the columns of a Hessian). Without {@code second} it serves gradients only: loops whose
     * values no partial needs are left out ({@link LoopPlan#gradientNeedsValues}), so the output's
     * value is not computed.
     */
    public static void forward(Program p, LoopPlan plan, Workspace w, double[] point, boolean second) {
        System.arraycopy(point, 0, w.value, 0, p.inputCount);
        int from = p.inputCount;
        for (int q = 0; q < plan.loops(); q++) {
            ReverseSweeps.forward(p, w, from, plan.loopStart(q), second);
            if (second || plan.gradientNeedsValues(q)) {
                plan.values(p, q, w.value);
            }
            from = plan.loopEnd(q);
        }
        ReverseSweeps.forward(p, w, from, p.size, second);
    }

    /**
     * The backward sweep from output {@code out} over the tape of the last {@link #forward};
     * {@code fast} runs the loops' fast kernels (see {@code LoopKernel}: check the result for NaN).
     */
    public static void backward(Program p, LoopPlan plan, Workspace w, int out, boolean fast) {
        plan.clear(p, w.adjoint, false);
        w.adjoint[out] = 1;
        int to = p.size;
        for (int q = plan.loops() - 1; q >= 0; q--) {
            ReverseSweeps.backward(p, w, plan.loopEnd(q), to);
            plan.adjoints(p, q, w.value, w.adjoint, fast);
            to = plan.loopStart(q);
        }
        ReverseSweeps.backward(p, w, p.inputCount, to);
    }

    /**
     * The backward sweep of a gradient from output {@code out}: fast, then again exactly if an
     * input's adjoint is NaN (the fast loops may have multiplied 0 by ∞; see {@code LoopKernel}).
     * Leaves the gradient in {@code w.adjoint} at the inputs.
     */
    public static void gradientBackward(Program p, LoopPlan plan, Workspace w, int out) {
        backward(p, plan, w, out, true);
        for (int i = 0; i < p.inputCount; i++) {
            if (Double.isNaN(w.adjoint[i])) {
                backward(p, plan, w, out, false);
                return;
            }
        }
    }

    /**
     * Values, partials (second partials too when {@code second}) and tangents along
     * {@code direction}; the workspace's tangent arrays (and second-order arrays) must exist.
     * {@code fast} as for {@link #backward}.
     */
    public static void forwardTangent(Program p, LoopPlan plan, Workspace w, double[] point, double[] direction,
            boolean second, boolean fast) {
        forwardTangent(p, plan, w, point, direction, second, fast, -1);
    }

    /**
     * {@link #forwardTangent(Program, LoopPlan, Workspace, double[], double[], boolean, boolean)}
     * leaving loop {@code skip} out ({@link LoopPlan#sumLoop}, or -1 for none): its values and
     * tangents, and those of the nodes after it, are then stale; only {@link #secondOrderBackward}
     * with the same {@code skip} may follow.
     */
    public static void forwardTangent(Program p, LoopPlan plan, Workspace w, double[] point, double[] direction,
            boolean second, boolean fast, int skip) {
        System.arraycopy(point, 0, w.value, 0, p.inputCount);
        System.arraycopy(direction, 0, w.tangent, 0, p.inputCount);
        int from = p.inputCount;
        for (int q = 0; q < plan.loops(); q++) {
            interpretTangent(p, w, from, plan.loopStart(q), second);
            if (q == skip) {
                plan.clearLastRepetition(q, w.tangent);
                from = plan.loopEnd(q);
                continue;
            }
            if (second) {
                plan.tangents(p, q, w.value, w.tangent, fast);
            } else {
                plan.directional(p, q, w.value, w.tangent, fast);
            }
            from = plan.loopEnd(q);
        }
        interpretTangent(p, w, from, p.size, second);
    }

    /**
     * Tangents along {@code direction} over the values and partials of the last
     * {@code forward(..., true)}, leaving loop {@code skip} out as {@link #forwardTangent} does.
     */
    public static void tangents(Program p, LoopPlan plan, Workspace w, double[] direction, boolean fast, int skip) {
        System.arraycopy(direction, 0, w.tangent, 0, p.inputCount);
        int from = p.inputCount;
        for (int q = 0; q < plan.loops(); q++) {
            ReverseSweeps.tangent(p, w, from, plan.loopStart(q));
            if (q != skip) {
                plan.tangents(p, q, w.value, w.tangent, fast);
            } else {
                plan.clearLastRepetition(q, w.tangent);
            }
            from = plan.loopEnd(q);
        }
        ReverseSweeps.tangent(p, w, from, p.size);
    }

    private static void interpretTangent(Program p, Workspace w, int from, int to, boolean second) {
        ReverseSweeps.forward(p, w, from, to, second);
        ReverseSweeps.tangent(p, w, from, to);
    }

    /**
     * The second-order backward sweep from output {@code out} over the last {@link #forwardTangent}
     * or {@link #tangents}, which left out loop {@code skip} (or -1: none; otherwise {@code fast}).
     * {@return the bound on loop {@code skip}'s tangents} ({@link LoopPlan#secondOrderAdjointsBounded}), or 0
     */
    public static double secondOrderBackward(Program p, LoopPlan plan, Workspace w, int out, boolean fast, int skip) {
        plan.clear(p, w.adjoint, !fast);
        plan.clear(p, w.tangentAdjoint, !fast);
        w.tangentAdjoint[out] = 1;
        double bound = 0;
        int to = p.size;
        for (int q = plan.loops() - 1; q >= 0; q--) {
            ReverseSweeps.secondOrderBackward(p, w, plan.loopEnd(q), to);
            if (q == skip) {
                bound = plan.secondOrderAdjointsBounded(p, q, w.value, w.tangent, w.adjoint, w.tangentAdjoint);
            } else {
                plan.secondOrderAdjoints(p, q, w.value, w.tangent, w.adjoint, w.tangentAdjoint, fast);
            }
            to = plan.loopStart(q);
        }
        ReverseSweeps.secondOrderBackward(p, w, p.inputCount, to);
        return bound;
    }
}
