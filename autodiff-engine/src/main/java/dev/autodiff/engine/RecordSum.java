package dev.autodiff.engine;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.engine.sparse.SeedProducts;
import java.util.List;

/**
 * f(θ) = Σ_r e(θ; rows[r]): a parametric function summed over records of data, each row binding the
 * parameters. The rows are read, not copied. Sums run over the rows in order.
 */
final class RecordSum implements Differentiable {
    private final Engine engine;
    private final Mode mode;
    private final double[][] rows;
    private final List<Variable> variables;
    private final String names;

    RecordSum(Engine engine, Mode mode, double[][] rows) {
        this.engine = engine;
        this.mode = mode;
        this.rows = rows;
        this.variables = engine.program().inputs.subList(0, engine.variables());
        this.names = Arguments.names(variables);
    }

    @Override
    public List<Variable> variables() {
        return variables;
    }

    private double[] point(double[] point) {
        return Arguments.check(point, variables.size(), names, "point");
    }

    @Override
    public double value(double... point) {
        point(point);
        double s = 0;
        for (double[] row : rows) {
            s += engine.value(point, row);
        }
        return s;
    }

    @Override
    public double[] gradient(double... point) {
        double[] g = new double[variables.size()];
        valueAndGradient(point, g);
        return g;
    }

    @Override
    public double valueAndGradient(double[] point, double[] gradientOut) {
        point(point);
        Arguments.check(gradientOut, variables.size(), names, "gradient array");
        int n = variables.size();
        double[] g = new double[n];
        double[] sum = new double[n];
        double s = 0;
        for (double[] row : rows) {
            if (mode == Mode.REVERSE) {
                s += engine.gradient(point, row, g, true);
            } else {
                engine.jacobianByTangents(point, row, new double[][] {g});
                s += engine.value(point, row);
            }
            for (int i = 0; i < n; i++) {
                sum[i] += g[i];
            }
        }
        System.arraycopy(sum, 0, gradientOut, 0, n);
        return s;
    }

    @Override
    public double directional(double[] point, double[] direction) {
        point(point);
        Arguments.check(direction, variables.size(), names, "direction");
        double s = 0;
        for (double[] row : rows) {
            s += engine.directional(point, row, direction);
        }
        return s;
    }

    @Override
    public double[][] hessian(double... point) {
        point(point);
        int n = variables.size();
        double[][] sum = new double[n][n];
        double[][] h = new double[n][n];
        for (double[] row : rows) {
            if (mode == Mode.REVERSE) {
                engine.hessian(point, row, h);
            } else {
                engine.forwardHessian(point, row, h);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    sum[i][j] += h[i][j];
                }
            }
        }
        return sum;
    }

    @Override
    public double[] hessianVector(double[] point, double[] direction) {
        point(point);
        Arguments.check(direction, variables.size(), names, "direction");
        int n = variables.size();
        double[] hv = new double[n];
        double[] sum = new double[n];
        for (double[] row : rows) {
            if (mode == Mode.REVERSE) {
                engine.hessianVector(point, row, direction, hv);
            } else {
                engine.forwardHessianVector(point, row, direction, hv);
            }
            for (int i = 0; i < n; i++) {
                sum[i] += hv[i];
            }
        }
        return sum;
    }

    /** {@inheritDoc} One summed Hessian-vector product per colour of the record's pattern. */
    @Override
    public SparseMatrix sparseHessian(double... point) {
        point(point);
        return engine.hessianPlan().hessian(SeedProducts.each(s -> hessianVector(point, s)));
    }

    @Override
    public SparsityPattern hessianSparsity() {
        return engine.hessianPlan().pattern();
    }

    @Override
    public String toString() {
        return "the sum over " + rows.length + " rows of " + (mode == Mode.REVERSE ? "Reverse" : "Forward") + ".of" + names
                + ": " + engine.describe();
    }
}
