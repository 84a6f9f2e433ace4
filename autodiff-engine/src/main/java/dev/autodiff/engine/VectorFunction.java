package dev.autodiff.engine;

import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.sparse.SeedProducts;
import java.util.List;

/**
 * A {@link VectorDifferentiable}: an {@link Engine} whose parameters, if any, are bound, with
 * Jacobians in one {@link Mode}: rows by adjoints (reverse) or columns by chunks of tangents
 * (forward). Immutable and thread-safe.
 */
public final class VectorFunction implements VectorDifferentiable {
    private final Engine engine;
    private final Mode mode;
    private final double[] parameters;
    private final List<Variable> variables;
    private final String names;

    /** {@code engine}'s outputs in {@code mode}, with its parameters bound to {@code parameters} (owned by this function). */
    public VectorFunction(Engine engine, Mode mode, double[] parameters) {
        this.engine = engine;
        this.mode = mode;
        this.parameters = parameters;
        this.variables = engine.program().inputs.subList(0, engine.variables());
        this.names = Arguments.names(variables);
    }

    /**
     * {@return {@code outputs} compiled together over {@code variables} (sharing common
     * subexpressions), differentiated in {@code mode}}
     *
     * @throws NullPointerException for a null list or element, with a message
     * @throws IllegalArgumentException naming a variable an output uses that is not among
     *     {@code variables}, or one named twice
     */
    public static VectorFunction of(List<? extends Expr> outputs, List<Variable> variables, Mode mode) {
        Arguments.requireNoNulls(outputs, "expressions");
        Arguments.requireNoNulls(variables, "variables");
        Program program = Program.compile(outputs, variables);
        return new VectorFunction(Engine.of(program, variables.size()), mode, new double[0]);
    }

    /** {@return the engine}, for the modules of this project */
    public Engine engine() {
        return engine;
    }

    @Override
    public List<Variable> variables() {
        return variables;
    }

    @Override
    public int outputCount() {
        return engine.program().outputs.length;
    }

    private double[] point(double[] point) {
        return Arguments.check(point, variables.size(), names, "point");
    }

    @Override
    public double[] value(double... point) {
        double[] y = new double[outputCount()];
        engine.values(point(point), parameters, y);
        return y;
    }

    @Override
    public double[][] jacobian(double... point) {
        point(point);
        double[][] j = new double[outputCount()][variables.size()];
        if (mode == Mode.REVERSE) {
            engine.jacobianByAdjoints(point, parameters, j);
        } else {
            engine.jacobianByTangents(point, parameters, j);
        }
        return j;
    }

    @Override
    public double[] jvp(double[] point, double[] v) {
        point(point);
        Arguments.check(v, variables.size(), names, "vector v");
        double[] out = new double[outputCount()];
        engine.jvp(point, parameters, v, out);
        return out;
    }

    @Override
    public double[] vjp(double[] point, double[] w) {
        point(point);
        Arguments.check(w, outputCount(), "(one per output)", "vector w");
        double[] out = new double[variables.size()];
        if (mode == Mode.REVERSE) {
            engine.vjp(point, parameters, w, out);
        } else {
            engine.vjpByTangents(point, parameters, w, out);
        }
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One Jacobian-vector product per colour of the columns, or one vector-Jacobian product per
     * colour of the rows (reverse mode, when that needs fewer), from the engine's
     * {@link dev.autodiff.engine.sparse.JacobianPlan}, analysed on the first call.
     */
    @Override
    public SparseMatrix sparseJacobian(double... point) {
        point(point);
        return engine.jacobianPlan(mode == Mode.REVERSE)
                .jacobian(SeedProducts.each(s -> jvp(point, s)), SeedProducts.each(s -> vjp(point, s)));
    }

    @Override
    public SparsityPattern jacobianSparsity() {
        return engine.jacobianPlan(mode == Mode.REVERSE).pattern();
    }

    @Override
    public String toString() {
        return (mode == Mode.REVERSE ? "Reverse" : "Forward") + ".of(" + outputCount() + " outputs, " + names + "): "
                + engine.describe();
    }
}
