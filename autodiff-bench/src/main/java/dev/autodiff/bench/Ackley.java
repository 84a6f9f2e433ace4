package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.CalculusFieldElement;

/**
 * The Ackley function f(x) = −20 exp(−0.2 √(Σx_i²/n)) − exp(Σcos(2πx_i)/n) + 20 + e: two
 * reductions feeding transcendental functions, cost O(n).
 */
public final class Ackley implements Workload {
    private static final double TWO_PI = 2 * Math.PI;
    private final int n;

    /** Creates the function of {@code n ≥ 1} variables. */
    public Ackley(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("expected at least 1 variable for Ackley, got " + n);
        }
        this.n = n;
    }

    @Override
    public String name() {
        return "ackley";
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        double squares = 0;
        double cosines = 0;
        for (int i = 0; i < n; i++) {
            squares += x[i] * x[i];
            cosines += Math.cos(TWO_PI * x[i]);
        }
        return -20 * Math.exp(-0.2 * Math.sqrt(squares / n)) - Math.exp(cosines / n) + 20 + Math.E;
    }

    @Override
    public double[] gradient(double[] x) {
        double squares = 0;
        double cosines = 0;
        for (int i = 0; i < n; i++) {
            squares += x[i] * x[i];
            cosines += Math.cos(TWO_PI * x[i]);
        }
        double r = Math.sqrt(squares / n);
        // d/dx_i of −20 e^{−0.2 r} is 4 e^{−0.2 r} x_i / (n r); of −e^{c/n} it is (2π/n) e^{c/n} sin(2π x_i).
        double radial = 4 * Math.exp(-0.2 * r) / (n * r);
        double wave = TWO_PI / n * Math.exp(cosines / n);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = radial * x[i] + wave * Math.sin(TWO_PI * x[i]);
        }
        return g;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T value(T[] x) {
        T squares = x[0].getField().getZero();
        T cosines = squares;
        for (int i = 0; i < n; i++) {
            squares = squares.add(x[i].multiply(x[i]));
            cosines = cosines.add(x[i].multiply(TWO_PI).cos());
        }
        return squares.divide(n).sqrt().multiply(-0.2).exp().multiply(-20)
                .subtract(cosines.divide(n).exp()).add(20 + Math.E);
    }

    @Override
    public Expr expr(Variable[] x) {
        List<Expr> squares = new ArrayList<>(n);
        List<Expr> cosines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            squares.add(x[i].times(x[i]));
            cosines.add(x[i].times(TWO_PI).cos());
        }
        return Expr.sum(squares).div(n).sqrt().times(-0.2).exp().times(-20)
                .minus(Expr.sum(cosines).div(n).exp()).plus(20 + Math.E);
    }

    @Override
    public double[] point() {
        // Away from the origin, where √ of the mean square is not differentiable.
        return Seeded.uniform(n, 0.1, 2, 0xAC1EL);
    }
}
