package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.junit.jupiter.api.Test;

/**
 * Reverse mode against independent oracles on many random programs: Hipparchus
 * {@link DerivativeStructure} (forward-mode Taylor arithmetic, its own rules) for values, gradients
 * and Hessians, and central finite differences of values.
 */
class ReverseAgainstOraclesTest {
    private static final int PROGRAMS = 300;
    private static final int N = 3;
    // Both sides evaluate the same derivatives in a different order; with programs of ~20 operations
    // the rounding stays within a few hundred ulps of the largest entry, hence 1e-12 relative to it.
    private static final double TOL = 1e-12;

    private final List<Variable> vars = List.of(Expr.variable("x"), Expr.variable("y"), Expr.variable("z"));

    @Test
    void gradientsAndHessiansAgreeWithDerivativeStructureOnRandomPrograms() {
        Random random = new Random(42);
        for (int seed = 0; seed < PROGRAMS; seed++) {
            RandomPrograms program = new RandomPrograms(seed, N, 12 + seed % 10);
            Expr e = program.replay(new RandomPrograms.ExprAlgebra(), vars::get);
            Differentiable f = Reverse.of(e, vars);
            double[] p = point(random);
            double[] v = point(random);
            RandomPrograms.DsAlgebra ds = new RandomPrograms.DsAlgebra(N);
            DerivativeStructure d = program.replay(ds, i -> ds.factory.variable(i, p[i]));
            double[] g = dsGradient(d);
            double[][] h = dsHessian(d);
            String where = "program " + seed + ": " + e;

            near(d.getValue(), f.value(p), d.getValue(), where);
            near(g, f.gradient(p), where);
            double[][] hr = f.hessian(p);
            for (int i = 0; i < N; i++) {
                near(h[i], hr[i], where);
                for (int j = 0; j < N; j++) {
                    assertEquals(hr[i][j], hr[j][i], 0.0, "exactly symmetric");
                }
            }
            near(times(h, v), f.hessianVector(p, v), where);
            near(dot(g, v), f.directional(p, v), scale(g), where);
        }
    }

    @Test
    void numericTapeAgreesWithDerivativeStructureOnRandomPrograms() {
        Random random = new Random(7);
        for (int seed = 0; seed < PROGRAMS; seed++) {
            RandomPrograms program = new RandomPrograms(seed, N, 12 + seed % 10);
            double[] p = point(random);
            RandomPrograms.DsAlgebra ds = new RandomPrograms.DsAlgebra(N);
            DerivativeStructure d = program.replay(ds, i -> ds.factory.variable(i, p[i]));
            double[] g = dsGradient(d);
            double[][] h = dsHessian(d);
            String where = "program " + seed;
            try (Tape tape = Tape.open()) {
                Tracked[] xs = {tape.variable(p[0]), tape.variable(p[1]), tape.variable(p[2])};
                Tracked out = program.replay(new RandomPrograms.TrackedAlgebra(tape), i -> xs[i]);
                near(d.getValue(), out.value(), d.getValue(), where);
                near(g, tape.gradient(out, xs), where);
                // the Hessian as the gradient of a gradient taken on a nested tape
                Tracked[] inner = tape.gradientOf(
                        ys -> program.replay(new RandomPrograms.TrackedAlgebra(ys[0].tape()), i -> ys[i]), xs);
                for (int i = 0; i < N; i++) {
                    near(g[i], inner[i].value(), scale(g), where);
                    near(h[i], tape.gradient(inner[i], xs), where);
                }
            }
        }
    }

    @Test
    void gradientAgreesWithCentralFiniteDifferences() {
        Random random = new Random(3);
        double step = 1e-6;
        for (int seed = 0; seed < 100; seed++) {
            RandomPrograms program = new RandomPrograms(seed, N, 10);
            Differentiable f = Reverse.of(program.replay(new RandomPrograms.ExprAlgebra(), vars::get), vars);
            double[] p = point(random);
            double[] g = f.gradient(p);
            for (int i = 0; i < N; i++) {
                double[] up = p.clone();
                double[] down = p.clone();
                up[i] += step;
                down[i] -= step;
                double fd = (f.value(up) - f.value(down)) / (2 * step);
                // truncation O(h² f''') ≈ 1e-12 and rounding O(ε|f|/h) ≈ 1e-10: 1e-6 is generous
                assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "program " + seed + " d/d" + i);
            }
        }
    }

    @Test
    void jacobianRowsAgreeWithDerivativeStructure() {
        Random random = new Random(11);
        for (int seed = 0; seed < 50; seed++) {
            List<Expr> outputs = new ArrayList<>();
            List<RandomPrograms> programs = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                RandomPrograms prog = new RandomPrograms(1000L * seed + k, N, 10);
                programs.add(prog);
                outputs.add(prog.replay(new RandomPrograms.ExprAlgebra(), vars::get));
            }
            VectorDifferentiable m = Reverse.of(outputs, vars);
            double[] p = point(random);
            double[] w = {0.5, -2, 1.5, 3};
            double[][] j = m.jacobian(p);
            double[] wj = new double[N];
            for (int k = 0; k < 4; k++) {
                RandomPrograms.DsAlgebra ds = new RandomPrograms.DsAlgebra(N);
                DerivativeStructure d = programs.get(k).replay(ds, i -> ds.factory.variable(i, p[i]));
                double[] g = dsGradient(d);
                near(g, j[k], "output " + k + " of set " + seed);
                for (int i = 0; i < N; i++) {
                    wj[i] += w[k] * g[i];
                }
            }
            near(wj, m.vjp(p, w), "vjp of set " + seed);
            double[] v = point(random);
            double[] jv = m.jvp(p, v);
            for (int k = 0; k < 4; k++) {
                near(dot(j[k], v), jv[k], scale(j[k]), "jvp of set " + seed);
            }
        }
    }

    private static double[] point(Random random) {
        return new double[] {3 * random.nextDouble() - 1.5, 3 * random.nextDouble() - 1.5, 3 * random.nextDouble() - 1.5};
    }

    private static double[] dsGradient(DerivativeStructure d) {
        double[] g = new double[N];
        for (int i = 0; i < N; i++) {
            int[] orders = new int[N];
            orders[i] = 1;
            g[i] = d.getPartialDerivative(orders);
        }
        return g;
    }

    private static double[][] dsHessian(DerivativeStructure d) {
        double[][] h = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                int[] orders = new int[N];
                orders[i]++;
                orders[j]++;
                h[i][j] = d.getPartialDerivative(orders);
            }
        }
        return h;
    }

    private static double[] times(double[][] h, double[] v) {
        double[] r = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            r[i] = dot(h[i], v);
        }
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double scale(double[] a) {
        double s = 1;
        for (double x : a) {
            s = Math.max(s, Math.abs(x));
        }
        return s;
    }

    private static void near(double expected, double actual, double scale, String where) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(scale)), where);
    }

    private static void near(double[] expected, double[] actual, String where) {
        double s = scale(expected);
        for (int i = 0; i < expected.length; i++) {
            near(expected[i], actual[i], s, where + " [" + i + "]");
        }
    }
}
