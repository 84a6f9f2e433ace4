package dev.autodiff.engine;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.Scratch;
import dev.autodiff.engine.loops.LoopPlan;
import dev.autodiff.engine.sparse.HessianPlan;
import dev.autodiff.engine.sparse.ProgramGraph;
import dev.autodiff.engine.sparse.SeedProducts;
import dev.autodiff.engine.sweeps.DualArrays;
import dev.autodiff.engine.sweeps.ForwardSweeps;
import io.vavr.Lazy;
import java.util.List;

/**
 * A scalar expression compiled for forward mode; see {@code dev.autodiff.forward.Forward#of(Expr,
 * Variable...)} for the cost of each method. Holds the immutable program, its loops, and per-thread scratch arrays.
 */
public final class ForwardScalar implements Differentiable {
    private final Program program;
    private final LoopPlan plan;
    private final Scratch<DualArrays> arrays;
    /** The sparse Hessian's pattern and colouring, analysed on first use. */
    private final Lazy<HessianPlan> hessianPlan;

    /** Compiles {@code e} over {@code variables}; throws as {@link Program#compile} does. */
    public ForwardScalar(Expr e, List<Variable> variables) {
        this(Program.compile(List.of(e), variables));
    }

    private ForwardScalar(Program program) {
        this(program, LoopPlan.of(program));
    }

    /**
     * Runs {@code program}, whose single output is the function, with {@code plan};
     * {@link LoopPlan#none()} interprets every node (tests compare the two).
     */
    public ForwardScalar(Program program, LoopPlan plan) {
        this.program = program;
        this.plan = plan;
        this.arrays = new Scratch<>(program.size, () -> new DualArrays(program.size));
        this.hessianPlan = Lazy.of(() -> HessianPlan.of(ProgramGraph.of(program)));
    }

    @Override
    public List<Variable> variables() {
        return program.inputs;
    }

    @Override
    public double value(double... point) {
        Arguments.check(point, program, "point");
        DualArrays a = arrays.acquire();
        try {
            plan.evaluate(program, point, a.value);
            return a.value[program.outputs[0]];
        } finally {
            arrays.release(a);
        }
    }

    @Override
    public double[] gradient(double... point) {
        Arguments.check(point, program, "point");
        return ForwardSweeps.jacobian(program, point)[0];
    }

    @Override
    public double directional(double[] point, double[] direction) {
        Arguments.check(point, program, "point");
        Arguments.check(direction, program, "direction");
        DualArrays a = arrays.acquire();
        try {
            double d = ForwardSweeps.jvp(program, plan, a, point, direction, true)[0];
            if (LoopPlan.redoDirectionalExactly(d)) {
                d = ForwardSweeps.jvp(program, plan, a, point, direction, false)[0];
            }
            return d;
        } finally {
            arrays.release(a);
        }
    }

    @Override
    public double[][] hessian(double... point) {
        Arguments.check(point, program, "point");
        return ForwardSweeps.hessian(program, point);
    }

    @Override
    public double[] hessianVector(double[] point, double[] direction) {
        Arguments.check(point, program, "point");
        Arguments.check(direction, program, "direction");
        return ForwardSweeps.hessianVector(program, point, direction);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One Hessian-vector product per colour of {@link #hessianSparsity()} ({@link HessianPlan});
     * the first call of either method analyses the program.
     */
    @Override
    public SparseMatrix sparseHessian(double... point) {
        Arguments.check(point, program, "point");
        return hessianPlan.get().hessian(SeedProducts.each(s -> hessianVector(point, s)));
    }

    @Override
    public SparsityPattern hessianSparsity() {
        return hessianPlan.get().pattern();
    }

    @Override
    public String toString() {
        return "Forward.of(" + program.inputNames() + ")";
    }
}
