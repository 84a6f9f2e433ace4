package dev.autodiff.bench;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences, the baseline that needs only f: error O(h²) with the step
 * h = ∛ε · max(1, |x_i|), which balances truncation against rounding (Nocedal and Wright, §8.1).
 */
public final class FiniteDifference {
    private static final double STEP = Math.cbrt(Math.ulp(1.0));

    private FiniteDifference() {}

    /** {@return ∇f(x) by central differences: 2n evaluations of f} */
    public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] probe = x.clone();
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = STEP * Math.max(1, Math.abs(x[i]));
            probe[i] = x[i] + h;
            double up = f.applyAsDouble(probe);
            probe[i] = x[i] - h;
            double down = f.applyAsDouble(probe);
            probe[i] = x[i];
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    /** {@return ∇f(x)·v by one central difference along v: 2 evaluations of f} */
    public static double directional(ToDoubleFunction<double[]> f, double[] x, double[] v) {
        double h = step(x, v);
        return (f.applyAsDouble(shift(x, v, h)) - f.applyAsDouble(shift(x, v, -h))) / (2 * h);
    }

    /** {@return H(x)·v by a central difference of the gradient along v: 2 gradient evaluations} */
    public static double[] hessianVector(Function<double[], double[]> gradient, double[] x, double[] v) {
        double h = step(x, v);
        double[] up = gradient.apply(shift(x, v, h));
        double[] down = gradient.apply(shift(x, v, -h));
        for (int i = 0; i < up.length; i++) {
            up[i] = (up[i] - down[i]) / (2 * h);
        }
        return up;
    }

    /**
     * {@return the Hessian by central differences of the gradient, one column per variable: 2n
     * gradient evaluations}, symmetrized as (H + Hᵀ)/2.
     */
    public static double[][] hessian(Function<double[], double[]> gradient, double[] x) {
        int n = x.length;
        double[] probe = x.clone();
        double[][] h = new double[n][n];
        for (int j = 0; j < n; j++) {
            double step = STEP * Math.max(1, Math.abs(x[j]));
            probe[j] = x[j] + step;
            double[] up = gradient.apply(probe);
            probe[j] = x[j] - step;
            double[] down = gradient.apply(probe);
            probe[j] = x[j];
            for (int i = 0; i < n; i++) {
                h[i][j] = (up[i] - down[i]) / (2 * step);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double mean = (h[i][j] + h[j][i]) / 2;
                h[i][j] = mean;
                h[j][i] = mean;
            }
        }
        return h;
    }

    private static double step(double[] x, double[] v) {
        double scale = 1;
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            scale = Math.max(scale, Math.abs(x[i]));
            norm = Math.max(norm, Math.abs(v[i]));
        }
        return STEP * scale / Math.max(norm, Double.MIN_NORMAL);
    }

    private static double[] shift(double[] x, double[] v, double h) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + h * v[i];
        }
        return out;
    }
}
