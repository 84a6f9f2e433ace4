package dev.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Variable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.Gradient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each workload's forms compute the same function: plain Java f against its Expr and its Hipparchus
 * form, the hand-written derivatives against Hipparchus (exact to rounding) and against central
 * differences (an independent oracle), so a benchmark can never time a wrong formula.
 */
class WorkloadTest {

    static List<Workload> workloads() {
        return List.of(new Rosenbrock(2), new Rosenbrock(10), new LogSumExp(1), new LogSumExp(10), new LogSumExp(30),
                new Ackley(1), new Ackley(10), new Mlp(2, 3, 4), Mlp.standard(), new Huber(1), new Huber(10), new Huber(100));
    }

    /** |a − b| ≤ tol · max(1, |b|): relative for large values, absolute near zero. */
    static void assertClose(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(expected - actual) <= tol * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale,
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }

    static void assertClose(double[][] expected, double[][] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], tol, what + "[" + i + "]");
        }
    }

    // Same operations in the same order, evaluated by different code: only rounding may differ.
    private static final double ROUNDING = 1e-12;
    // Hipparchus propagates exact derivatives; sums of n terms in another order differ by a few ulps per term.
    private static final double EXACT = 1e-10;
    // Central differences with h = ∛ε have error O(h²) ≈ 4e-11 times the third derivative plus
    // rounding ε·|f|/h ≈ 4e-11·|f|; 1e-6 leaves room for curvature yet catches any wrong term (O(1)).
    private static final double DIFFERENCES = 1e-6;

    @ParameterizedTest
    @MethodSource("workloads")
    void plainValueEqualsTheExpressionAndTheHipparchusForm(Workload w) {
        double[] x = w.point();
        Variable[] vars = w.variables();
        Map<String, Double> bindings = new HashMap<>();
        Gradient[] g = new Gradient[x.length];
        for (int i = 0; i < x.length; i++) {
            bindings.put(vars[i].name(), x[i]);
            g[i] = Gradient.variable(x.length, i, x[i]);
        }
        assertClose(w.value(x), w.expr(vars).value(bindings), ROUNDING, w.name() + " Expr");
        assertClose(w.value(x), w.value(g).getValue(), ROUNDING, w.name() + " Hipparchus");
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void handWrittenGradientEqualsHipparchusAndCentralDifferences(Workload w) {
        double[] x = w.point();
        double[] g = w.gradient(x);
        assertClose(Hipparchus.gradientType(w, x), g, EXACT, w.name() + " vs Gradient");
        assertClose(new Hipparchus(x.length, 1).gradient(w, x), g, EXACT, w.name() + " vs DS order 1");
        assertClose(FiniteDifference.gradient(w::value, x), g, DIFFERENCES, w.name() + " vs differences");
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void directionalDerivativesAgreeWithTheGradient(Workload w) {
        double[] x = w.point();
        double[] v = w.direction();
        double[] g = w.gradient(x);
        double dot = 0;
        for (int i = 0; i < g.length; i++) {
            dot += g[i] * v[i];
        }
        assertClose(dot, Hipparchus.directional(w, new DSFactory(1, 1), x, v), EXACT, w.name() + " DS directional");
        assertClose(dot, FiniteDifference.directional(w::value, x, v), DIFFERENCES, w.name() + " difference");
    }

    @ParameterizedTest
    @MethodSource("hessianWorkloads")
    void handWrittenHessianEqualsDerivativeStructureOrderTwo(Workload w) {
        double[] x = w.point();
        double[][] expected = new Hipparchus(x.length, 2).hessian(w, x);
        double[][] h = w instanceof Rosenbrock r ? r.hessian(x) : ((LogSumExp) w).hessian(x);
        assertClose(expected, h, EXACT, w.name() + " Hessian");
        assertClose(expected, FiniteDifference.hessian(w::gradient, x), DIFFERENCES, w.name() + " difference Hessian");
    }

    static List<Workload> hessianWorkloads() {
        return List.of(new Rosenbrock(2), new Rosenbrock(10), new LogSumExp(1), new LogSumExp(10));
    }

    @ParameterizedTest
    @MethodSource("hessianWorkloads")
    void rosenbrockHessianVectorIsTheHessianTimesTheVector(Workload w) {
        if (!(w instanceof Rosenbrock r)) {
            return;
        }
        double[] x = w.point();
        double[] v = w.direction();
        double[][] h = r.hessian(x);
        double[] hv = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                hv[i] += h[i][j] * v[j];
            }
        }
        assertClose(hv, r.hessianVector(x, v), ROUNDING, "H·v");
        assertClose(hv, FiniteDifference.hessianVector(w::gradient, x, v), DIFFERENCES, "difference H·v");
    }
}
