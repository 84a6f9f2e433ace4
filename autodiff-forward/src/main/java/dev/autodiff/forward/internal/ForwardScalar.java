package dev.autodiff.forward.internal;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.Arguments;
import dev.autodiff.core.internal.Program;
import java.util.List;

/**
 * A scalar expression compiled for forward mode; see {@code dev.autodiff.forward.Forward#of(Expr,
 * Variable...)} for the cost of each method. Holds only the immutable program.
 */
public final class ForwardScalar implements Differentiable {
    private final Program program;

    /** Compiles {@code e} over {@code variables}; throws as {@link Program#compile} does. */
    public ForwardScalar(Expr e, List<Variable> variables) {
        this.program = Program.compile(List.of(e), variables);
    }

    @Override
    public List<Variable> variables() {
        return program.inputs;
    }

    @Override
    public double value(double... point) {
        Arguments.check(point, program, "point");
        double[] values = new double[program.size];
        program.evaluate(point, values);
        return values[program.outputs[0]];
    }

    @Override
    public double[] gradient(double... point) {
        Arguments.check(point, program, "point");
        return Sweeps.jacobian(program, point)[0];
    }

    @Override
    public double directional(double[] point, double[] direction) {
        Arguments.check(point, program, "point");
        Arguments.check(direction, program, "direction");
        return Sweeps.jvp(program, point, direction)[0];
    }

    @Override
    public double[][] hessian(double... point) {
        Arguments.check(point, program, "point");
        return Sweeps.hessian(program, point);
    }

    @Override
    public double[] hessianVector(double[] point, double[] direction) {
        Arguments.check(point, program, "point");
        Arguments.check(direction, program, "direction");
        return Sweeps.hessianVector(program, point, direction);
    }

    @Override
    public String toString() {
        return "Forward.of(" + program.inputNames() + ")";
    }
}
