package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.Variable;
import org.hipparchus.CalculusFieldElement;

/**
 * The chained Rosenbrock function f(x) = Σ_{i<n-1} 100 (x_{i+1} − x_i²)² + (1 − x_i)², whose
 * Hessian is tridiagonal; cost and expression size grow linearly in n.
 */
public final class Rosenbrock implements Workload {
    private final int n;

    /** Creates the function of {@code n ≥ 2} variables. */
    public Rosenbrock(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("expected at least 2 variables for Rosenbrock, got " + n);
        }
        this.n = n;
    }

    @Override
    public String name() {
        return "rosenbrock";
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        double sum = 0;
        for (int i = 0; i < n - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * (a * a) + b * b;
        }
        return sum;
    }

    @Override
    public double[] gradient(double[] x) {
        double[] g = new double[n];
        for (int i = 0; i < n - 1; i++) {
            double a = x[i + 1] - x[i] * x[i];
            g[i] += -400 * x[i] * a - 2 * (1 - x[i]);
            g[i + 1] += 200 * a;
        }
        return g;
    }

    /** {@return the hand-written dense Hessian (tridiagonal, stored as n × n)} */
    public double[][] hessian(double[] x) {
        double[][] h = new double[n][n];
        for (int i = 0; i < n - 1; i++) {
            h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            h[i][i + 1] -= 400 * x[i];
            h[i + 1][i] -= 400 * x[i];
            h[i + 1][i + 1] += 200;
        }
        return h;
    }

    /** {@return the hand-written Hessian-vector product H(x)·v, in O(n)} */
    public double[] hessianVector(double[] x, double[] v) {
        double[] hv = new double[n];
        for (int i = 0; i < n - 1; i++) {
            double off = -400 * x[i];
            hv[i] += (1200 * x[i] * x[i] - 400 * x[i + 1] + 2) * v[i] + off * v[i + 1];
            hv[i + 1] += off * v[i] + 200 * v[i + 1];
        }
        return hv;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T value(T[] x) {
        T sum = x[0].getField().getZero();
        for (int i = 0; i < n - 1; i++) {
            T a = x[i + 1].subtract(x[i].multiply(x[i]));
            T b = x[i].negate().add(1);
            sum = sum.add(a.multiply(a).multiply(100).add(b.multiply(b)));
        }
        return sum;
    }

    /**
     * {@return f over any scalar of the shared interface}: the numeric tape's {@code Tracked} or
     * dual numbers, for code that builds no expression; the operations of {@link #value(CalculusFieldElement[])}
     */
    public <T extends Scalar<T>> T scalarValue(T[] x) {
        T sum = x[0].newConstant(0);
        for (int i = 0; i < n - 1; i++) {
            T a = x[i + 1].minus(x[i].times(x[i]));
            T b = x[i].unaryMinus().plus(1);
            sum = sum.plus(a.times(a).times(100).plus(b.times(b)));
        }
        return sum;
    }

    @Override
    public Expr expr(Variable[] x) {
        Expr sum = null;
        for (int i = 0; i < n - 1; i++) {
            Expr a = x[i + 1].minus(x[i].times(x[i]));
            Expr b = Expr.constant(1).minus(x[i]);
            Expr term = a.times(a).times(100).plus(b.times(b));
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    @Override
    public double[] point() {
        // Near the classical start (-1.2, 1, ...), away from the minimum where the gradient vanishes.
        return Seeded.uniform(n, -1.5, 1.5, 0x5EEDL);
    }
}
