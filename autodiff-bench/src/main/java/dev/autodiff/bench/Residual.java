package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The residual of a discretised 1-D boundary value problem u'' + sin(u) = 0 on n interior points
 * (zero boundary values, spacing h = 1/(n + 1), scaled by h²):
 * r_i = x_{i−1} − 2x_i + h²·sin(x_i) + x_{i+1}. Its Jacobian is tridiagonal: a distance-2
 * colouring needs 3 colours, so 3 Jacobian-vector products recover it at any n.
 */
public final class Residual {
    private final int n;
    private final double h2;

    /** Creates the residual on {@code n ≥ 1} interior points. */
    public Residual(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("expected at least one interior point, got " + n);
        }
        this.n = n;
        this.h2 = 1.0 / ((n + 1.0) * (n + 1.0));
    }

    /** {@return the number of unknowns and of residuals} */
    public int dimension() {
        return n;
    }

    /** {@return the residuals as expressions of {@code x}, each built in the order {@link #value} computes it} */
    public List<Expr> exprs(List<Variable> x) {
        List<Expr> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Expr e = x.get(i).times(-2).plus(x.get(i).sin().times(h2));
            e = i > 0 ? x.get(i - 1).plus(e) : e;
            r.add(i + 1 < n ? e.plus(x.get(i + 1)) : e);
        }
        return r;
    }

    /** {@return the residuals at x by plain Java code: the floor} */
    public double[] value(double[] x) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            double e = x[i] * -2 + Math.sin(x[i]) * h2;
            e = i > 0 ? x[i - 1] + e : e;
            r[i] = i + 1 < n ? e + x[i + 1] : e;
        }
        return r;
    }

    /** {@return the hand-written tridiagonal Jacobian at x, dense (for tests at small n)} */
    public double[][] jacobian(double[] x) {
        double[][] j = new double[n][n];
        for (int i = 0; i < n; i++) {
            j[i][i] = -2 + Math.cos(x[i]) * h2;
            if (i > 0) {
                j[i][i - 1] = 1;
            }
            if (i + 1 < n) {
                j[i][i + 1] = 1;
            }
        }
        return j;
    }

    /** {@return a fixed point with entries in [−1, 1]} */
    public double[] point() {
        return Seeded.uniform(n, -1, 1, 7);
    }

    /** {@return a fixed direction with entries in [−1, 1]} */
    public double[] direction() {
        return Seeded.uniform(n, -1, 1, 0xD1EC7L);
    }
}
