package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * Gradients, Hessians and Jacobians of standard test functions against closed forms and Hipparchus
 * {@link DerivativeStructure} (an independent forward-mode implementation of order 2).
 *
 * <p>Tolerance: 1e-12 relative to the magnitude of the entry (or 1 when smaller). Both sides
 * evaluate the same mathematics in a different order; these functions have a few dozen operations
 * and moderate condition numbers, so agreement to ~1e-14 is expected and 1e-12 leaves headroom.
 */
class StandardFunctionsTest {
    private static final double TOL = 1e-12;

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
    }

    private static Variable[] vars(int n) {
        Variable[] v = new Variable[n];
        for (int i = 0; i < n; i++) {
            v[i] = Expr.variable("x" + i);
        }
        return v;
    }

    /** Compares value, gradient, Hessian, directional and Hessian-vector products with Hipparchus. */
    private static void agreesWithHipparchus(Function<Expr[], Expr> expr,
            Function<DerivativeStructure[], DerivativeStructure> ds, double... point) {
        int n = point.length;
        Variable[] v = vars(n);
        Differentiable f = Forward.of(expr.apply(v), v);
        DSFactory factory = new DSFactory(n, 2);
        DerivativeStructure[] xs = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            xs[i] = factory.variable(i, point[i]);
        }
        DerivativeStructure y = ds.apply(xs);
        close(y.getValue(), f.value(point), "value");
        double[] g = f.gradient(point);
        double[][] h = f.hessian(point);
        double[] dir = new double[n];
        for (int i = 0; i < n; i++) {
            dir[i] = 0.5 - 0.3 * i;
        }
        double dirDerivative = 0;
        double[] hv = f.hessianVector(point, dir);
        for (int i = 0; i < n; i++) {
            int[] orders = new int[n];
            orders[i] = 1;
            close(y.getPartialDerivative(orders), g[i], "gradient " + i);
            dirDerivative += y.getPartialDerivative(orders) * dir[i];
            double hvi = 0;
            for (int j = 0; j < n; j++) {
                int[] second = new int[n];
                second[i]++;
                second[j]++;
                close(y.getPartialDerivative(second), h[i][j], "hessian " + i + "," + j);
                assertEquals(h[i][j], h[j][i], 0.0, "exactly symmetric");
                hvi += y.getPartialDerivative(second) * dir[j];
            }
            close(hvi, hv[i], "hessianVector " + i);
        }
        close(dirDerivative, f.directional(point, dir), "directional");
    }

    @Test
    void rosenbrockInFifteenDimensionsMatchesClosedForms() {
        // 15 inputs take two chunks (k = 8), so chunk boundaries are crossed in gradient and Hessian
        int n = 15;
        Variable[] x = vars(n);
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            terms.add(x[i + 1].minus(x[i].square()).square().times(100).plus(x[i].minus(1).square()));
        }
        Differentiable f = Forward.of(Expr.sum(terms), x);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.cos(i) * 1.2;
        }
        double[] g = new double[n];
        double[][] h = new double[n][n];
        for (int i = 0; i < n - 1; i++) {
            double r = p[i + 1] - p[i] * p[i];
            g[i] += -400 * p[i] * r + 2 * (p[i] - 1);
            g[i + 1] += 200 * r;
            h[i][i] += 1200 * p[i] * p[i] - 400 * p[i + 1] + 2;
            h[i][i + 1] += -400 * p[i];
            h[i + 1][i] += -400 * p[i];
            h[i + 1][i + 1] += 200;
        }
        double[] fg = f.gradient(p);
        double[][] fh = f.hessian(p);
        for (int i = 0; i < n; i++) {
            close(g[i], fg[i], "gradient " + i);
            for (int j = 0; j < n; j++) {
                close(h[i][j], fh[i][j], "hessian " + i + "," + j);
            }
        }
    }

    @Test
    void ackleyMatchesHipparchus() {
        double tau = 2 * Math.PI;
        agreesWithHipparchus(
                x -> x[0].square().plus(x[1].square()).times(0.5).sqrt().times(-0.2).exp().times(-20)
                        .minus(x[0].times(tau).cos().plus(x[1].times(tau).cos()).times(0.5).exp())
                        .plus(Math.E + 20),
                x -> x[0].square().add(x[1].square()).multiply(0.5).sqrt().multiply(-0.2).exp().multiply(-20)
                        .subtract(x[0].multiply(tau).cos().add(x[1].multiply(tau).cos()).multiply(0.5).exp())
                        .add(Math.E + 20),
                0.37, -1.21);
    }

    @Test
    void logisticRegressionLossMatchesHipparchus() {
        // -log σ(w·x) with σ built from primitives, at a point where the margin is moderate
        agreesWithHipparchus(
                w -> w[0].times(0.8).plus(w[1].times(-1.5)).plus(w[2]).sigmoid().log().unaryMinus(),
                w -> w[0].multiply(0.8).add(w[1].multiply(-1.5)).add(w[2]).negate().exp().add(1).reciprocal().log()
                        .negate(),
                0.4, 0.9, -0.2);
    }

    @Test
    void productsAndQuotientsMatchHipparchus() {
        agreesWithHipparchus(
                x -> x[0].times(x[1]).times(x[2]).div(x[0].plus(x[1].times(x[2]))).plus(x[2].div(x[0].times(x[0]))),
                x -> x[0].multiply(x[1]).multiply(x[2]).divide(x[0].add(x[1].multiply(x[2])))
                        .add(x[2].divide(x[0].multiply(x[0]))),
                1.3, -0.4, 2.2);
    }

    @Test
    void powersWithNegativeBasesAndConstantExponentsMatchHipparchus() {
        agreesWithHipparchus(
                x -> x[0].pow(3).plus(x[0].minus(x[1]).pow(-2)).plus(x[1].times(x[0]).pow(5)).plus(x[1].pow(0.5)),
                x -> x[0].pow(3).add(x[0].subtract(x[1]).pow(-2)).add(x[1].multiply(x[0]).pow(5)).add(x[1].pow(0.5)),
                -1.7, 0.6);
    }

    @Test
    void variableExponentMatchesHipparchus() {
        agreesWithHipparchus(x -> x[0].pow(x[1].sin()).plus(x[1].atan2(x[0])).plus(x[0].hypot(x[1])),
                x -> x[0].pow(x[1].sin()).add(x[1].atan2(x[0])).add(x[0].hypot(x[1])), 1.4, 0.8);
    }

    @Test
    void jacobianMatchesHipparchusAcrossChunks() {
        // 14 inputs and 3 outputs: two chunks of 7 columns
        int n = 14;
        Variable[] x = vars(n);
        DSFactory factory = new DSFactory(n, 1);
        DerivativeStructure[] ds = new DerivativeStructure[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.1 * i - 0.6;
            ds[i] = factory.variable(i, p[i]);
        }
        List<Expr> outs = new ArrayList<>();
        List<DerivativeStructure> expected = new ArrayList<>();
        Expr prod = x[0];
        DerivativeStructure dprod = ds[0];
        Expr sum = x[0].sin();
        DerivativeStructure dsum = ds[0].sin();
        for (int i = 1; i < n; i++) {
            prod = prod.times(x[i].exp());
            dprod = dprod.multiply(ds[i].exp());
            sum = sum.plus(x[i].times(x[i - 1]).sin());
            dsum = dsum.add(ds[i].multiply(ds[i - 1]).sin());
        }
        outs.add(prod);
        outs.add(sum);
        outs.add(prod.div(sum.plus(20)));
        expected.add(dprod);
        expected.add(dsum);
        expected.add(dprod.divide(dsum.add(20)));
        VectorDifferentiable m = Forward.of(outs, x);
        double[][] j = m.jacobian(p);
        double[] w = {0.5, -2, 3};
        double[] wj = m.vjp(p, w);
        for (int c = 0; c < n; c++) {
            int[] orders = new int[n];
            orders[c] = 1;
            double wjc = 0;
            for (int r = 0; r < 3; r++) {
                close(expected.get(r).getPartialDerivative(orders), j[r][c], "jacobian " + r + "," + c);
                wjc += w[r] * expected.get(r).getPartialDerivative(orders);
            }
            close(wjc, wj[c], "vjp " + c);
        }
    }
}
