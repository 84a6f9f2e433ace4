package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import org.hipparchus.CalculusFieldElement;

/**
 * A robust-regression loss with a branch per term: f(x) = Σ h(x_i − y_i) over fixed data y, with
 * the Huber function h(r) = r²/2 where |r| < δ and δ(|r| − δ/2) elsewhere, δ = {@value #DELTA}.
 * The expression writes the branch as {@code ifElse}, so each term holds a comparison and a choice
 * between two computed branches: the shape of models whose terms switch form with the data.
 */
public final class Huber implements Workload {
    /** The threshold between the quadratic and the linear piece. */
    static final double DELTA = 0.5;
    private final int n;
    private final double[] y;

    /** Creates the loss of {@code n ≥ 1} variables over fixed data. */
    public Huber(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("expected at least 1 variable for Huber, got " + n);
        }
        this.n = n;
        this.y = Seeded.uniform(n, -1, 1, 0x4B0BL);
    }

    @Override
    public String name() {
        return "huber";
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double r = x[i] - y[i];
            double a = Math.abs(r);
            s += a < DELTA ? r * r * 0.5 : (a - DELTA / 2) * DELTA;
        }
        return s;
    }

    @Override
    public double[] gradient(double[] x) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double r = x[i] - y[i];
            g[i] = Math.abs(r) < DELTA ? r : Math.copySign(DELTA, r);
        }
        return g;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T value(T[] x) {
        T s = x[0].getField().getZero();
        for (int i = 0; i < n; i++) {
            T r = x[i].subtract(y[i]);
            T a = r.abs();
            s = s.add(a.getReal() < DELTA ? r.multiply(r).multiply(0.5) : a.subtract(DELTA / 2).multiply(DELTA));
        }
        return s;
    }

    @Override
    public Expr expr(Variable[] x) {
        return Expr.sum(0, n, i -> {
            Expr r = x[i].minus(y[i]);
            Expr a = r.abs();
            return a.lessThan(DELTA).ifElse(r.square().times(0.5), a.minus(DELTA / 2).times(DELTA));
        });
    }

    @Override
    public double[] point() {
        // residuals spread over (−2, 2): about 44 % in the quadratic piece, the rest linear, in
        // no order a branch predictor could learn
        return Seeded.uniform(n, -1, 1, 0x4B0C1L);
    }
}
