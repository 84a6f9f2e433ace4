package dev.autodiff.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every mode's {@link Differentiable} and {@link VectorDifferentiable} must meet,
 * written once: each mode's test module extends this class and supplies its compilers.
 *
 * <p>Expected values are closed forms evaluated with {@link Math}; the tolerance {@link #TOL} is a
 * few ulps relative, since both sides evaluate the same formulas in a different order.
 */
public abstract class DifferentiableContract {
    /** Relative tolerance: rounding of a handful of operations. */
    protected static final double TOL = 1e-14;

    protected final Variable x = Expr.variable("x");
    protected final Variable y = Expr.variable("y");
    protected final Variable z = Expr.variable("z");

    /** {@return the mode's scalar compilation of {@code e}} */
    protected abstract Differentiable compile(Expr e, Variable... vars);

    /** {@return the mode's vector compilation of {@code es}} */
    protected abstract VectorDifferentiable compile(List<Expr> es, Variable... vars);

    protected static void close(double expected, double actual) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), () -> "expected " + expected + " got " + actual);
    }

    protected static void close(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            close(expected[i], actual[i]);
        }
    }

    // f = x^2·sin(y) + exp(-x/2), the example of DESIGN.md
    private Expr designExample() {
        return Expr.parse("x^2 * sin(y) + exp(-x/2)");
    }

    @Test
    void valueMatchesClosedForm() {
        Differentiable f = compile(designExample(), x, y);
        close(1 * Math.sin(2) + Math.exp(-0.5), f.value(1.0, 2.0));
    }

    @Test
    void gradientMatchesClosedForm() {
        Differentiable f = compile(designExample(), x, y);
        double a = 1.3;
        double b = -0.7;
        close(new double[] {2 * a * Math.sin(b) - 0.5 * Math.exp(-a / 2), a * a * Math.cos(b)}, f.gradient(a, b));
    }

    @Test
    void hessianMatchesClosedFormAndIsSymmetric() {
        Differentiable f = compile(designExample(), x, y);
        double a = 0.4;
        double b = 1.1;
        double[][] h = f.hessian(a, b);
        close(new double[] {2 * Math.sin(b) + 0.25 * Math.exp(-a / 2), 2 * a * Math.cos(b)}, h[0]);
        close(new double[] {2 * a * Math.cos(b), -a * a * Math.sin(b)}, h[1]);
        assertEquals(h[0][1], h[1][0], 0.0, "exactly symmetric");
    }

    @Test
    void directionalIsGradientDotDirection() {
        Differentiable f = compile(designExample(), x, y);
        double[] p = {1, 2};
        double[] v = {0.5, -1};
        double[] g = f.gradient(p);
        close(g[0] * v[0] + g[1] * v[1], f.directional(p, v));
    }

    @Test
    void hessianVectorIsHessianTimesDirection() {
        Differentiable f = compile(designExample().times(y.exp()), x, y);
        double[] p = {0.3, -0.8};
        double[] v = {0.5, -1};
        double[][] h = f.hessian(p);
        close(new double[] {h[0][0] * v[0] + h[0][1] * v[1], h[1][0] * v[0] + h[1][1] * v[1]}, f.hessianVector(p, v));
    }

    @Test
    void gradientOfSharedSubexpressionCountsBothPaths() {
        Expr s = x.times(y);
        Differentiable f = compile(s.plus(s.sin()), x, y); // d/dx = y(1 + cos(xy))
        double[] g = f.gradient(2, 3);
        close(new double[] {3 * (1 + Math.cos(6)), 2 * (1 + Math.cos(6))}, g);
    }

    @Test
    void variableMissingFromInputsIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(x.plus(z), x, y));
        assertTrue(e.getMessage().contains("z"), e.getMessage());
    }

    @Test
    void variableNamedTwiceIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(x.plus(y), x, y, x));
        assertTrue(e.getMessage().contains("x"), e.getMessage());
    }

    @Test
    void wrongNumberOfValuesSaysWhatWasExpected() {
        Differentiable f = compile(x.times(y), x, y);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.gradient(1, 2, 3));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.value(1));
        assertThrows(IllegalArgumentException.class, () -> f.hessian(1));
        assertThrows(IllegalArgumentException.class, () -> f.directional(new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> f.hessianVector(new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void nullPointSaysWhatWasExpected() {
        Differentiable f = compile(x.times(y), x, y);
        NullPointerException e = assertThrows(NullPointerException.class, () -> f.gradient((double[]) null));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertThrows(NullPointerException.class, () -> f.directional(new double[] {1, 2}, null));
    }

    @Test
    void functionViewsComposeAndAgreeWithTheMethods() {
        Differentiable f = compile(x.times(y).sin(), x, y);
        double[] p = {0.7, 1.3};
        assertEquals(f.value(p), f.asFunction().apply(p));
        // composition: exp(f(p)), and the gradient's norm, against the methods called directly
        assertEquals(Math.exp(f.value(p)), f.asFunction().andThen(Math::exp).apply(p));
        double[] g = f.gradient(p);
        assertArrayEquals(g, f.asGradient().apply(p), 0.0);
        assertEquals(Math.hypot(g[0], g[1]), f.asGradient().andThen(v -> Math.hypot(v[0], v[1])).apply(p));
        assertThrows(IllegalArgumentException.class, () -> f.asFunction().apply(new double[] {1}), "the same checks");
    }

    @Test
    void compilingNullSaysWhatWasExpected() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> compile((Expr) null, x));
        assertEquals("expected an expression, got null", e.getMessage());
    }

    @Test
    void parallelGradientsNameAWrongRowWithoutWrapping() {
        Differentiable f = compile(x.times(y), x, y);
        double[][] points = {{1, 2}, {3, 4}, {5}, {7, 8}};
        for (int threads : new int[] {1, 2}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.gradients(points, threads));
            assertEquals("expected a point of 2 values (x, y) in row 2, got 1", e.getMessage());
            assertEquals(null, e.getCause(), "not wrapped");
        }
        double[][] withNull = {{1, 2}, null};
        NullPointerException n = assertThrows(NullPointerException.class, () -> f.gradients(withNull, 2));
        assertEquals("expected a point of 2 values (x, y) in row 1, got null", n.getMessage());
    }

    @Test
    void parallelGradientsTakeMoreThreadsThanAPoolCanHave() {
        // ForkJoinPool refuses more than 32767 workers; there is no use for more workers than points
        Differentiable f = compile(x.times(y), x, y);
        double[][] points = {{1, 2}, {3, 4}, {5, 6}};
        double[][] g = f.gradients(points, 40_000);
        for (int i = 0; i < points.length; i++) {
            assertArrayEquals(f.gradient(points[i]), g[i], 0.0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.gradients(points, 0));
        assertEquals("expected at least 1 thread, got 0", e.getMessage());
    }

    @Test
    void aFailureInsideAWorkerReachesTheCallerUnwrapped() {
        CustomOperation bad = CustomOperation.of("bad", v -> { throw new IllegalStateException("bad at " + v); },
                (v, g) -> g);
        Differentiable f = compile(bad.invoke(x), x);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> f.gradients(new double[][] {{1}, {2}, {3}, {4}}, 2));
        assertTrue(e.getMessage().startsWith("bad at "), e.getMessage());
    }

    @Test
    void unusedVariableHasZeroDerivatives() {
        Differentiable f = compile(x.sin(), x, y);
        close(new double[] {Math.cos(0.5), 0}, f.gradient(0.5, 7));
        assertEquals(0.0, f.hessian(0.5, 7)[1][1]);
    }

    @Test
    void constantExpressionHasZeroGradient() {
        Differentiable f = compile(Expr.constant(3).sin(), x);
        close(Math.sin(3), f.value(1));
        close(new double[] {0}, f.gradient(1));
        close(new double[] {0}, f.hessian(1)[0]);
    }

    @Test
    void resultsAreFreshArrays() {
        Differentiable f = compile(x.times(y), x, y);
        double[] p = {1, 2};
        double[] g1 = f.gradient(p);
        double[] g2 = f.gradient(p);
        assertNotSame(g1, g2);
        assertNotSame(p, g1);
        g1[0] = 99;
        close(2, f.gradient(p)[0]);
        assertArrayEquals(new double[] {1, 2}, p, 0.0, "the point is not modified");
    }

    @Test
    void negativeBaseWithConstantExponentDifferentiates() {
        Differentiable f = compile(x.pow(3), x);
        close(-8, f.value(-2));
        close(new double[] {12}, f.gradient(-2));
        close(new double[] {-12}, f.hessian(-2)[0]);
    }

    @Test
    void absAtZeroHasDerivativeZero() {
        Differentiable f = compile(x.abs(), x);
        close(new double[] {0}, f.gradient(0));
        close(new double[] {-1}, f.gradient(-3));
    }

    @Test
    void maxAndMinAtTieSplitTheDerivative() {
        Differentiable max = compile(x.max(y), x, y);
        Differentiable min = compile(x.min(y), x, y);
        close(new double[] {0.5, 0.5}, max.gradient(1, 1));
        close(new double[] {0.5, 0.5}, min.gradient(1, 1));
        close(new double[] {1, 0}, max.gradient(2, 1));
        close(new double[] {0, 1}, min.gradient(2, 1));
    }

    @Test
    void sqrtAtZeroHasInfiniteDerivative() {
        Differentiable f = compile(x.sqrt(), x);
        assertEquals(Double.POSITIVE_INFINITY, f.gradient(0)[0]);
    }

    @Test
    void nanInputPropagates() {
        Differentiable f = compile(x.times(y), x, y);
        assertTrue(Double.isNaN(f.value(Double.NaN, 1)));
        assertTrue(Double.isNaN(f.gradient(1, Double.NaN)[0]));
    }

    @Test
    void customOperationDifferentiatesLikeTheBuiltInItImitates() {
        CustomOperation sigmoid = CustomOperation.of("logistic", t -> 1 / (1 + Math.exp(-t)), (t, g) -> {
            double s = 1 / (1 + Math.exp(-t));
            return g * s * (1 - s);
        }).withSecondDerivative(t -> {
            double s = 1 / (1 + Math.exp(-t));
            return s * (1 - s) * (1 - 2 * s);
        });
        Expr arg = x.times(y).plus(x);
        Differentiable custom = compile(sigmoid.invoke(arg), x, y);
        Differentiable builtIn = compile(arg.sigmoid(), x, y);
        double[] p = {0.7, -1.2};
        close(builtIn.value(p), custom.value(p));
        close(builtIn.gradient(p), custom.gradient(p));
        double[][] hc = custom.hessian(p);
        double[][] hb = builtIn.hessian(p);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(hb[i][j], hc[i][j], 1e-12 * Math.max(1, Math.abs(hb[i][j])));
            }
        }
    }

    @Test
    void variablesAreReportedInCompilationOrder() {
        Differentiable f = compile(x.times(y), y, x);
        assertEquals(List.of(y, x), f.variables());
        assertEquals(2, f.arity());
        close(new double[] {2, 3}, f.gradient(3, 2)); // d/dy = x = 2, d/dx = y = 3
    }

    // ---- vector functions ----

    private VectorDifferentiable pair() {
        return compile(List.of(x.times(y), x.sin().plus(y.square())), x, y);
    }

    @Test
    void vectorValueAndJacobianMatchClosedForms() {
        VectorDifferentiable m = pair();
        assertEquals(2, m.outputCount());
        close(new double[] {2, Math.sin(1) + 4}, m.value(1, 2));
        double[][] j = m.jacobian(1, 2);
        close(new double[] {2, 1}, j[0]);
        close(new double[] {Math.cos(1), 4}, j[1]);
    }

    @Test
    void jvpAndVjpAgreeWithTheJacobian() {
        VectorDifferentiable m = pair();
        double[] p = {0.3, -1.7};
        double[][] j = m.jacobian(p);
        double[] v = {0.5, 2};
        double[] w = {-1, 3};
        close(new double[] {j[0][0] * v[0] + j[0][1] * v[1], j[1][0] * v[0] + j[1][1] * v[1]}, m.jvp(p, v));
        close(new double[] {w[0] * j[0][0] + w[1] * j[1][0], w[0] * j[0][1] + w[1] * j[1][1]}, m.vjp(p, w));
    }

    @Test
    void vectorArgumentsAreChecked() {
        VectorDifferentiable m = pair();
        assertThrows(IllegalArgumentException.class, () -> m.jacobian(1));
        assertThrows(IllegalArgumentException.class, () -> m.vjp(new double[] {1, 2}, new double[] {1, 2, 3}));
        assertThrows(NullPointerException.class, () -> m.jvp(null, new double[] {1, 2}));
    }

    @Test
    void sparseHessianStoresTheStructuralEntriesWithClosedFormValues() {
        // x·y + sin(z): the product adds (x, y) and (y, x), the sine (z, z); nothing else
        Differentiable f = compile(x.times(y).plus(z.sin()), x, y, z);
        SparsityPattern p = f.hessianSparsity();
        assertEquals(3, p.nonZeros());
        assertTrue(p.isStored(0, 1) && p.isStored(1, 0) && p.isStored(2, 2));
        assertEquals(SparsityPattern.Compression.STAR, p.compression());
        assertEquals(2, p.colours(), "x and y adjacent, z alone");
        SparseMatrix h = f.sparseHessian(0.3, -1.2, 0.8);
        close(1, h.get(0, 1));
        close(1, h.get(1, 0));
        close(-Math.sin(0.8), h.get(2, 2));
        assertEquals(0.0, h.get(0, 0));
        close(f.hessian(0.3, -1.2, 0.8)[2], h.toDense()[2]);
    }

    @Test
    void sparseHessianOfTheDesignExampleIsItsDenseHessian() {
        Differentiable f = compile(designExample(), x, y);
        double a = 0.4;
        double b = 1.1;
        double[][] h = f.sparseHessian(a, b).toDense();
        close(new double[] {2 * Math.sin(b) + 0.25 * Math.exp(-a / 2), 2 * a * Math.cos(b)}, h[0]);
        close(new double[] {2 * a * Math.cos(b), -a * a * Math.sin(b)}, h[1]);
        assertEquals(h[0][1], h[1][0], 0.0, "exactly symmetric");
    }

    @Test
    void sparseJacobianStoresWhatEachOutputDependsOn() {
        VectorDifferentiable m = compile(List.of(x.times(y), z.sin(), Expr.constant(2)), x, y, z);
        SparsityPattern p = m.jacobianSparsity();
        assertEquals(3, p.nonZeros());
        assertTrue(p.isStored(0, 0) && p.isStored(0, 1) && p.isStored(1, 2));
        // columns x and y share row 0 (2 colours); rows share no column (1 colour)
        assertTrue(p.colours() <= 2, p.toString());
        SparseMatrix j = m.sparseJacobian(0.3, -1.2, 0.8);
        close(-1.2, j.get(0, 0));
        close(0.3, j.get(0, 1));
        close(Math.cos(0.8), j.get(1, 2));
        assertEquals(0, j.rowStart(3) - j.rowStart(2), "a constant output stores nothing");
    }

    @Test
    void sparseArgumentsAreChecked() {
        Differentiable f = compile(x.times(y), x, y);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.sparseHessian(1));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
        assertThrows(NullPointerException.class, () -> f.sparseHessian((double[]) null));
        VectorDifferentiable m = pair();
        assertThrows(IllegalArgumentException.class, () -> m.sparseJacobian(1, 2, 3));
    }
}
