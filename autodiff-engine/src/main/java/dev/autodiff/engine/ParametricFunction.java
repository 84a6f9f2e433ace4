package dev.autodiff.engine;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link ParametricDifferentiable} over a function compiled with the variables followed by the
 * parameters as its inputs: binding the parameters fills the tail of each point.
 *
 * <p>Interim implementation: derivatives are taken over every input and the variables' part kept.
 */
public final class ParametricFunction implements ParametricDifferentiable {
    private final List<Variable> variables;
    private final List<Variable> parameters;
    private final Differentiable full;

    /**
     * {@return the parametric function whose inputs are {@code variables} then {@code parameters}},
     * compiled by {@code compile}
     *
     * @throws IllegalArgumentException naming a name given both as a variable and as a parameter
     */
    public static ParametricFunction of(List<Variable> variables, List<Variable> parameters,
            Function<List<Variable>, Differentiable> compile) {
        Objects.requireNonNull(variables, "expected a list of variables, got null");
        Objects.requireNonNull(parameters, "expected a list of parameters, got null");
        Set<Variable> vars = new HashSet<>(variables);
        for (Variable p : parameters) {
            if (p != null && vars.contains(p)) {
                throw new IllegalArgumentException(p.name() + " is given both as a variable and as a parameter");
            }
        }
        List<Variable> inputs = new ArrayList<>(variables);
        inputs.addAll(parameters);
        return new ParametricFunction(List.copyOf(variables), List.copyOf(parameters), compile.apply(inputs));
    }

    private ParametricFunction(List<Variable> variables, List<Variable> parameters, Differentiable full) {
        this.variables = variables;
        this.parameters = parameters;
        this.full = full;
    }

    @Override
    public List<Variable> variables() {
        return variables;
    }

    @Override
    public List<Variable> parameters() {
        return parameters;
    }

    @Override
    public Differentiable at(double... parameterValues) {
        checkRow(parameterValues, -1);
        return new Bound(this, new double[][] {parameterValues.clone()});
    }

    @Override
    public Differentiable sumOver(double[][] rows) {
        Objects.requireNonNull(rows, "expected an array of rows, got null");
        for (int r = 0; r < rows.length; r++) {
            checkRow(rows[r], r);
        }
        return new Bound(this, rows);
    }

    private void checkRow(double[] row, int r) {
        String what = r < 0 ? "parameter values" : "row " + r;
        if (row == null) {
            throw new IllegalArgumentException("expected " + what + " with " + parameters.size() + " values, got null");
        }
        if (row.length != parameters.size()) {
            throw new IllegalArgumentException("expected " + what + " with " + parameters.size() + " values "
                    + names(parameters) + ", got " + row.length);
        }
    }

    private static String names(List<Variable> vs) {
        List<String> n = new ArrayList<>();
        for (Variable v : vs) {
            n.add(v.name());
        }
        return "(" + String.join(", ", n) + ")";
    }

    /** The sum over rows of the function with each row's parameters bound. */
    private static final class Bound implements Differentiable {
        private final ParametricFunction f;
        private final double[][] rows;

        Bound(ParametricFunction f, double[][] rows) {
            this.f = f;
            this.rows = rows;
        }

        private double[] full(double[] point, double[] row) {
            int n = f.variables.size();
            if (point == null) {
                throw new NullPointerException("expected a point of " + n + " values " + names(f.variables) + ", got null");
            }
            if (point.length != n) {
                throw new IllegalArgumentException("expected a point of " + n + " values " + names(f.variables)
                        + ", got " + point.length);
            }
            double[] x = new double[n + row.length];
            System.arraycopy(point, 0, x, 0, n);
            System.arraycopy(row, 0, x, n, row.length);
            return x;
        }

        private double[] pad(double[] direction) {
            return full(direction, new double[f.parameters.size()]);
        }

        @Override
        public List<Variable> variables() {
            return f.variables;
        }

        @Override
        public double value(double... point) {
            double s = 0;
            for (double[] row : rows) {
                s += f.full.value(full(point, row));
            }
            return s;
        }

        @Override
        public double[] gradient(double... point) {
            int n = f.variables.size();
            double[] g = new double[n];
            for (double[] row : rows) {
                double[] r = f.full.gradient(full(point, row));
                for (int i = 0; i < n; i++) {
                    g[i] += r[i];
                }
            }
            return g;
        }

        @Override
        public double directional(double[] point, double[] direction) {
            double s = 0;
            double[] d = pad(direction);
            for (double[] row : rows) {
                s += f.full.directional(full(point, row), d);
            }
            return s;
        }

        @Override
        public double[][] hessian(double... point) {
            int n = f.variables.size();
            double[][] h = new double[n][n];
            for (double[] row : rows) {
                double[][] r = f.full.hessian(full(point, row));
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        h[i][j] += r[i][j];
                    }
                }
            }
            return h;
        }

        @Override
        public double[] hessianVector(double[] point, double[] direction) {
            int n = f.variables.size();
            double[] hv = new double[n];
            double[] d = pad(direction);
            for (double[] row : rows) {
                double[] r = f.full.hessianVector(full(point, row), d);
                for (int i = 0; i < n; i++) {
                    hv[i] += r[i];
                }
            }
            return hv;
        }
    }
}
