package dev.autodiff.engine;

import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.sparse.JacobianPlan;
import dev.autodiff.engine.sparse.ProgramGraph;
import dev.autodiff.engine.sparse.SeedProducts;
import dev.autodiff.engine.sweeps.ForwardSweeps;
import io.vavr.Lazy;
import java.util.List;

/**
 * A vector of expressions compiled for forward mode, sharing one program; see
 * {@code dev.autodiff.forward.Forward#of(List, Variable...)} for the cost of each method.
 */
public final class ForwardVector implements VectorDifferentiable {
    private final Program program;
    /** The sparse Jacobian's pattern and colouring, analysed on first use. */
    private final Lazy<JacobianPlan> jacobianPlan;

    /** Compiles {@code es} over {@code variables}; throws as {@link Program#compile} does. */
    public ForwardVector(List<? extends Expr> es, List<Variable> variables) {
        this.program = Program.compile(es, variables);
        this.jacobianPlan = Lazy.of(() -> JacobianPlan.of(ProgramGraph.of(program), false));
    }

    @Override
    public List<Variable> variables() {
        return program.inputs;
    }

    @Override
    public int outputCount() {
        return program.outputs.length;
    }

    @Override
    public double[] value(double... point) {
        Arguments.check(point, program, "point");
        double[] values = new double[program.size];
        program.evaluate(point, values);
        int[] outputs = program.outputs;
        double[] result = new double[outputs.length];
        for (int o = 0; o < outputs.length; o++) {
            result[o] = values[outputs[o]];
        }
        return result;
    }

    @Override
    public double[][] jacobian(double... point) {
        Arguments.check(point, program, "point");
        return ForwardSweeps.jacobian(program, point);
    }

    @Override
    public double[] jvp(double[] point, double[] v) {
        Arguments.check(point, program, "point");
        Arguments.check(v, program, "direction");
        return ForwardSweeps.jvp(program, point, v);
    }

    @Override
    public double[] vjp(double[] point, double[] w) {
        Arguments.check(point, program, "point");
        Arguments.check(w, program.outputs.length, "(one per output)", "weight vector");
        return ForwardSweeps.vjp(program, point, w);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One Jacobian-vector product (one tangent pass) per colour of the columns
     * ({@link JacobianPlan}); never rows, as a vector-Jacobian product costs forward mode a pass per
     * chunk of inputs. The first call of either method analyses the program.
     */
    @Override
    public SparseMatrix sparseJacobian(double... point) {
        Arguments.check(point, program, "point");
        return jacobianPlan.get().jacobian(SeedProducts.each(s -> jvp(point, s)), SeedProducts.each(s -> vjp(point, s)));
    }

    @Override
    public SparsityPattern jacobianSparsity() {
        return jacobianPlan.get().pattern();
    }

    @Override
    public String toString() {
        return "Forward.of(" + outputCount() + " outputs, " + program.inputNames() + ")";
    }
}
