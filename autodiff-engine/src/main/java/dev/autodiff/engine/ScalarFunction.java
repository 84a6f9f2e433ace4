package dev.autodiff.engine;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.sparse.HessianPlan;
import dev.autodiff.engine.sparse.SeedProducts;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Differentiable}: an {@link Engine} whose parameters, if any, are bound, differentiated in
 * one {@link Mode}. Checks the caller's arrays, allocates the result, and hands the work to the
 * engine; immutable and thread-safe.
 */
public final class ScalarFunction implements Differentiable {
    private final Engine engine;
    private final Mode mode;
    private final double[] parameters;
    private final List<Variable> variables;
    private final String names;

    /** {@code engine}'s output 0 in {@code mode}, with its parameters bound to {@code parameters} (owned by this function). */
    public ScalarFunction(Engine engine, Mode mode, double[] parameters) {
        this.engine = engine;
        this.mode = mode;
        this.parameters = parameters;
        this.variables = engine.program().inputs.subList(0, engine.variables());
        this.names = Arguments.names(variables);
    }

    /**
     * {@return {@code e} compiled over {@code variables}, differentiated in {@code mode}}
     *
     * @throws NullPointerException for a null expression or variable list, with a message
     * @throws IllegalArgumentException naming a variable {@code e} uses that is not among
     *     {@code variables}, or one named twice
     */
    public static ScalarFunction of(Expr e, List<Variable> variables, Mode mode) {
        Objects.requireNonNull(e, "expected an expression, got null");
        Arguments.requireNoNulls(variables, "variables");
        Program program = Program.compile(List.of(e), variables);
        return new ScalarFunction(Engine.of(program, variables.size()), mode, new double[0]);
    }

    /** {@return the engine}, for the modules of this project */
    public Engine engine() {
        return engine;
    }

    @Override
    public List<Variable> variables() {
        return variables;
    }

    private double[] point(double[] point) {
        return Arguments.check(point, variables.size(), names, "point");
    }

    private double[] direction(double[] direction) {
        return Arguments.check(direction, variables.size(), names, "direction");
    }

    @Override
    public double value(double... point) {
        return engine.value(point(point), parameters);
    }

    @Override
    public double[] gradient(double... point) {
        point(point);
        double[] g = new double[variables.size()];
        if (mode == Mode.REVERSE) {
            engine.gradient(point, parameters, g, false);
        } else {
            engine.gradientByTangents(point, parameters, g);
        }
        return g;
    }

    @Override
    public double valueAndGradient(double[] point, double[] gradientOut) {
        point(point);
        Arguments.check(gradientOut, variables.size(), names, "gradient array");
        if (mode == Mode.REVERSE) {
            return engine.gradient(point, parameters, gradientOut, true);
        }
        return engine.gradientByTangents(point, parameters, gradientOut);
    }

    @Override
    public double directional(double[] point, double[] direction) {
        return engine.directional(point(point), parameters, direction(direction));
    }

    @Override
    public double[][] hessian(double... point) {
        point(point);
        int n = variables.size();
        double[][] h = new double[n][n];
        if (mode == Mode.REVERSE) {
            engine.hessian(point, parameters, h);
        } else {
            engine.forwardHessian(point, parameters, h);
        }
        return h;
    }

    @Override
    public double[] hessianVector(double[] point, double[] direction) {
        point(point);
        direction(direction);
        double[] hv = new double[variables.size()];
        if (mode == Mode.REVERSE) {
            engine.hessianVector(point, parameters, direction, hv);
        } else {
            engine.forwardHessianVector(point, parameters, direction, hv);
        }
        return hv;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One Hessian-vector product per colour of {@link #hessianSparsity()} (the engine's
     * {@link HessianPlan}, analysed on the first call of either method).
     */
    @Override
    public SparseMatrix sparseHessian(double... point) {
        point(point);
        return engine.hessianPlan().hessian(SeedProducts.each(s -> hessianVector(point, s)));
    }

    @Override
    public SparsityPattern hessianSparsity() {
        return engine.hessianPlan().pattern();
    }

    /** {@return the mode, the variables, and how the program runs} ({@link Engine#describe()}) */
    @Override
    public String toString() {
        return (mode == Mode.REVERSE ? "Reverse" : "Forward") + ".of" + names + ": " + engine.describe();
    }
}
