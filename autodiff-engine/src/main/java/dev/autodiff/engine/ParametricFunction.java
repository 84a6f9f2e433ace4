package dev.autodiff.engine;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.ParametricVectorDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.core.internal.program.Program;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A function of variables and parameters compiled once: the program's inputs are the variables
 * followed by the parameters, so binding parameters ({@link #at}) or summing over records
 * ({@link #sumOver}) only changes the values the engine loads, never the program. Serves both
 * {@link ParametricDifferentiable} and, for several outputs, {@link ParametricVectorDifferentiable}.
 */
public final class ParametricFunction implements ParametricDifferentiable {
    private final Engine engine;
    private final Mode mode;
    private final List<Variable> variables;
    private final List<Variable> parameters;
    private final String parameterNames;

    private ParametricFunction(Engine engine, Mode mode, List<Variable> variables, List<Variable> parameters) {
        this.engine = engine;
        this.mode = mode;
        this.variables = variables;
        this.parameters = parameters;
        this.parameterNames = Arguments.names(parameters);
    }

    /**
     * {@return {@code outputs} compiled over {@code variables}, with {@code parameters} as data}
     *
     * @throws IllegalArgumentException naming a name given both as a variable and as a parameter, a
     *     variable the outputs use that is in neither list, or one listed twice
     */
    public static ParametricFunction of(List<? extends Expr> outputs, List<Variable> variables, List<Variable> parameters,
            Mode mode) {
        Arguments.requireNoNulls(variables, "variables");
        Arguments.requireNoNulls(parameters, "parameters");
        Set<Variable> vars = new HashSet<>(variables);
        for (Variable p : parameters) {
            if (vars.contains(p)) {
                throw new IllegalArgumentException(p.name() + " is given both as a variable and as a parameter; "
                        + "a name is either differentiated or data");
            }
        }
        List<Variable> inputs = new ArrayList<>(variables);
        inputs.addAll(parameters);
        Program program = Program.compile(outputs, inputs);
        return new ParametricFunction(Engine.of(program, variables.size()), mode, List.copyOf(variables),
                List.copyOf(parameters));
    }

    @Override
    public List<Variable> variables() {
        return variables;
    }

    @Override
    public List<Variable> parameters() {
        return parameters;
    }

    /** {@return the number of outputs} */
    public int outputCount() {
        return engine.program().outputs.length;
    }

    @Override
    public Differentiable at(double... parameterValues) {
        return new ScalarFunction(engine, mode, row(parameterValues, "parameter values").clone());
    }

    /** {@return the vector function with the parameters bound}; see {@link ParametricVectorDifferentiable#at} */
    public VectorDifferentiable vectorAt(double... parameterValues) {
        return new VectorFunction(engine, mode, row(parameterValues, "parameter values").clone());
    }

    @Override
    public Differentiable sumOver(double[][] rows) {
        Objects.requireNonNull(rows, "expected an array of rows, got null");
        for (int r = 0; r < rows.length; r++) {
            row(rows[r], "row " + r);
        }
        return new RecordSum(engine, mode, rows);
    }

    private double[] row(double[] values, String what) {
        return Arguments.check(values, parameters.size(), parameterNames, what == null ? "row" : what);
    }

    /** The vector view of a function with several outputs, whose {@code at} binds a vector function. */
    public ParametricVectorDifferentiable vector() {
        ParametricFunction f = this;
        return new ParametricVectorDifferentiable() {
            @Override
            public List<Variable> variables() {
                return f.variables;
            }

            @Override
            public List<Variable> parameters() {
                return f.parameters;
            }

            @Override
            public int outputCount() {
                return f.outputCount();
            }

            @Override
            public VectorDifferentiable at(double... parameterValues) {
                return f.vectorAt(parameterValues);
            }

            @Override
            public String toString() {
                return f.toString();
            }
        };
    }

    @Override
    public String toString() {
        return (mode == Mode.REVERSE ? "Reverse" : "Forward") + ".of" + Arguments.names(variables) + " with parameters "
                + parameterNames + ": " + engine.describe();
    }
}
