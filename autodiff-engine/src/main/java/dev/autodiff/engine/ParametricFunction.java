package dev.autodiff.engine;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.ParametricVectorDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.codegen.RecordKernel;
import dev.autodiff.engine.loops.LoopPlan;
import io.vavr.Lazy;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
    /** The record's Hessian entries as one program summed over rows ({@link #recordHessianKernel}), made on first use. */
    private final Lazy<Option<RecordKernel>> recordHessian;

    private ParametricFunction(Engine engine, Mode mode, List<Variable> variables, List<Variable> parameters,
            List<? extends Expr> outputs) {
        this.engine = engine;
        this.mode = mode;
        this.variables = variables;
        this.parameters = parameters;
        this.parameterNames = Arguments.names(parameters);
        // the record is kept only where its Hessian may be compiled: a large graph is not held twice
        Expr record = outputs.size() == 1 && variables.size() <= RECORD_HESSIAN_VARIABLES
                && engine.program().size - engine.program().inputCount <= LoopPlan.RECORD_LENGTH ? outputs.get(0) : null;
        this.recordHessian = Lazy.of(() -> record == null ? Option.none() : recordHessianOf(record));
    }

    /** The most variables whose Hessian a record kernel sums entry by entry: n(n+1)/2 sums in one method. */
    static final int RECORD_HESSIAN_VARIABLES = 32;

    /**
     * {@return the kernel summing the record's Hessian over rows}: its lower triangle, row by row,
     * as expressions (the symbolic derivatives of the record, {@link Expr#gradient}) compiled into one
     * record kernel; null for more than {@value #RECORD_HESSIAN_VARIABLES} variables, a custom
     * operation without a symbolic derivative, entries that are not plain operations (a branch, a
     * bare input) or too many for one method
     */
    @Nullable RecordKernel recordHessianKernel() {
        return recordHessian.get().getOrNull();
    }

    private Option<RecordKernel> recordHessianOf(Expr record) {
        int n = variables.size();
        if (n > RECORD_HESSIAN_VARIABLES || engine.recordKernel(false) == null) {
            return Option.none();
        }
        List<Expr> entries = new ArrayList<>(n * (n + 1) / 2);
        try {
            List<Expr> gradient = record.gradient(variables);
            for (int i = 0; i < n; i++) {
                entries.addAll(gradient.get(i).gradient(variables.subList(0, i + 1)));
            }
        } catch (UnsupportedOperationException noSymbolicDerivative) {
            return Option.none();
        }
        List<Variable> inputs = new ArrayList<>(variables);
        inputs.addAll(parameters);
        return Option.of(LoopPlan.recordKernel(Program.compile(entries, inputs), n, false));
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
                List.copyOf(parameters), outputs);
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
        requireOneOutput();
        checkRows(rows);
        return new RecordSum(this, engine, mode, java.util.Collections.singletonList(rows), rows.length);
    }

    @Override
    public Differentiable sumOverBlocks(Iterable<double[][]> blocks) {
        Objects.requireNonNull(blocks, "expected an Iterable of blocks of rows, got null");
        requireOneOutput();
        return new RecordSum(this, engine, mode, blocks, -1);
    }

    private void requireOneOutput() {
        if (outputCount() != 1) {
            throw new IllegalStateException("a sum over records is of one output; this function has " + outputCount());
        }
    }

    /** Checks that every row has one value per parameter, building a row's label only for a message. */
    void checkRows(double[][] rows) {
        int width = parameters.size();
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != width) {
                row(rows[r], "row " + r);
            }
        }
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
