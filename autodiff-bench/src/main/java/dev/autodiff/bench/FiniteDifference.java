package dev.autodiff.bench;

import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
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

    /**
     * {@return the sparse Hessian by central differences of the gradient along each colour group of
     * {@code pattern}'s star colouring: 2 gradient evaluations per colour}, each entry read from one
     * difference as {@link SparsityPattern.Compression#STAR} says; the same compression as the
     * automatic sparse Hessians, with differences of gradients in place of Hessian-vector products
     */
    public static SparseMatrix sparseHessian(Function<double[], double[]> gradient, double[] x, SparsityPattern pattern) {
        int n = x.length;
        int colours = pattern.colours();
        double[][] columns = new double[colours][];
        for (int c = 0; c < colours; c++) {
            double[] seed = new double[n];
            for (int j = 0; j < n; j++) {
                seed[j] = pattern.colourOf(j) == c ? 1 : 0;
            }
            columns[c] = hessianVector(gradient, x, seed);
        }
        int[] rowStart = new int[n + 1];
        int[] columnIndex = new int[pattern.nonZeros()];
        double[] values = new double[pattern.nonZeros()];
        int[] count = new int[colours];
        for (int i = 0; i < n; i++) {
            rowStart[i + 1] = pattern.rowStart(i + 1);
            java.util.Arrays.fill(count, 0);
            for (int k = pattern.rowStart(i); k < pattern.rowStart(i + 1); k++) {
                count[pattern.colourOf(pattern.columnAt(k))]++;
            }
            for (int k = pattern.rowStart(i); k < pattern.rowStart(i + 1); k++) {
                int j = pattern.columnAt(k);
                columnIndex[k] = j;
                // i's only neighbour of j's colour: the entry alone in row i of that difference;
                // otherwise a star colouring makes i the only neighbour of i's colour in row j
                values[k] = count[pattern.colourOf(j)] == 1 ? columns[pattern.colourOf(j)][i] : columns[pattern.colourOf(i)][j];
            }
        }
        return SparseMatrix.ofCsr(n, n, rowStart, columnIndex, values);
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
