package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.CalculusFieldElement;

/**
 * Log-sum-exp of a dense product, f(x) = log Σ_j exp((A·x)_j), with a fixed-seed m × n matrix A
 * (m = n); its Hessian Aᵀ(diag p − p pᵀ)A, p = softmax(A·x), is dense. Cost is O(n²).
 *
 * <p>No max shift: entries of A are drawn from [-1, 1]/√n and points from [-1, 1], so every
 * (A·x)_j is O(1) and nothing overflows; the same unshifted formula in every form keeps the
 * comparison fair.
 */
public final class LogSumExp implements Workload {
    private final int n;
    private final double[][] a;

    /** Creates the function of {@code n ≥ 1} variables with an n × n matrix. */
    public LogSumExp(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("expected at least 1 variable for log-sum-exp, got " + n);
        }
        this.n = n;
        this.a = new double[n][];
        double scale = 1 / Math.sqrt(n);
        for (int j = 0; j < n; j++) {
            a[j] = Seeded.uniform(n, -scale, scale, 0xA11CEL + j);
        }
    }

    @Override
    public String name() {
        return "log-sum-exp";
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        double total = 0;
        for (int j = 0; j < n; j++) {
            double[] row = a[j];
            double z = 0;
            for (int k = 0; k < n; k++) {
                z += row[k] * x[k];
            }
            total += Math.exp(z);
        }
        return Math.log(total);
    }

    /** {@return the softmax weights p_j = exp((A·x)_j) / Σ exp((A·x)_i)} */
    private double[] softmax(double[] x) {
        double[] p = new double[n];
        double total = 0;
        for (int j = 0; j < n; j++) {
            double z = 0;
            for (int k = 0; k < n; k++) {
                z += a[j][k] * x[k];
            }
            p[j] = Math.exp(z);
            total += p[j];
        }
        for (int j = 0; j < n; j++) {
            p[j] /= total;
        }
        return p;
    }

    @Override
    public double[] gradient(double[] x) {
        // ∇f = Aᵀ p
        double[] p = softmax(x);
        double[] g = new double[n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < n; k++) {
                g[k] += p[j] * a[j][k];
            }
        }
        return g;
    }

    /** {@return the hand-written Hessian Aᵀ(diag p − p pᵀ)A = Σ_j p_j a_j a_jᵀ − g gᵀ, in O(n³)} */
    public double[][] hessian(double[] x) {
        double[] p = softmax(x);
        double[] g = new double[n];
        double[][] h = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] row = a[j];
            for (int k = 0; k < n; k++) {
                g[k] += p[j] * row[k];
                double w = p[j] * row[k];
                double[] hk = h[k];
                for (int l = 0; l < n; l++) {
                    hk[l] += w * row[l];
                }
            }
        }
        for (int k = 0; k < n; k++) {
            for (int l = 0; l < n; l++) {
                h[k][l] -= g[k] * g[l];
            }
        }
        return h;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T value(T[] x) {
        T total = x[0].getField().getZero();
        for (int j = 0; j < n; j++) {
            double[] row = a[j];
            T z = x[0].multiply(row[0]);
            for (int k = 1; k < n; k++) {
                z = z.add(x[k].multiply(row[k]));
            }
            total = total.add(z.exp());
        }
        return total.log();
    }

    @Override
    public Expr expr(Variable[] x) {
        List<Expr> exps = new ArrayList<>(n);
        List<Expr> products = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            products.clear();
            for (int k = 0; k < n; k++) {
                products.add(x[k].times(a[j][k]));
            }
            exps.add(Expr.sum(products).exp());
        }
        return Expr.sum(exps).log();
    }

    @Override
    public double[] point() {
        return Seeded.uniform(n, -1, 1, 0x1057L);
    }
}
