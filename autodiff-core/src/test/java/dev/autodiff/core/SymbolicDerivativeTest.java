package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Derivatives as expressions ({@link Expr#derivative}, {@link Expr#gradient}): closed forms, the
 * exact simplifications and no others, branches that never poison, linear size, depth without
 * recursion, custom operations. Agreement with the compiled modes on random expressions is in the
 * property tests.
 *
 * <p>Tolerance: closed forms and derivatives each evaluate a few correctly rounded operations in a
 * different order: 1e-14 relative to values of order 1–10.
 */
class SymbolicDerivativeTest {
    private static final double TOL = 1e-14;
    private final Variable x = Expr.variable("x");
    private final Variable y = Expr.variable("y");

    private double at(Expr e, double xv, double yv) {
        return e.evaluate(Map.of(x, new Num(xv), y, new Num(yv))).v();
    }

    private static void close(double expected, double actual) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)));
    }

    @Test
    void derivativesMatchClosedFormsToTheFourthOrder() {
        // f = x³ sin y + e^(x/2): fx = 3x² sin y + e^(x/2)/2, fxy = 3x² cos y, fxxy = 6x cos y, fxxyy = -6x sin y
        Expr f = x.pow(3).times(y.sin()).plus(x.div(2).exp());
        double a = 0.7;
        double b = -1.3;
        close(3 * a * a * Math.sin(b) + Math.exp(a / 2) / 2, at(f.derivative(x), a, b));
        close(3 * a * a * Math.cos(b), at(f.derivative(x).derivative(y), a, b));
        close(3 * a * a * Math.cos(b), at(f.derivative(y).derivative(x), a, b));
        close(6 * a * Math.cos(b), at(f.derivative(x).derivative(y).derivative(x), a, b));
        close(-6 * a * Math.sin(b), at(f.derivative(x).derivative(x).derivative(y).derivative(y), a, b));
        close(6 * Math.sin(b) + Math.exp(a / 2) / 8, at(f.derivative(x).derivative(x).derivative(x), a, b));
    }

    @Test
    void gradientListsThePartialsInTheOrderAsked() {
        Expr f = x.times(y).plus(x.sin());
        List<Expr> g = f.gradient(List.of(y, x, y, Expr.variable("z")));
        close(0.5, at(g.get(0), 0.5, 2));
        close(2 + Math.cos(0.5), at(g.get(1), 0.5, 2));
        assertEquals(g.get(0), g.get(2));
        assertEquals(Expr.constant(0), g.get(3), "a variable the expression does not use");
        assertEquals(Expr.constant(1), x.derivative(x));
        assertEquals(Expr.constant(0), Expr.constant(3).derivative(x));
    }

    @Test
    void derivativesReadAsMathematics() {
        // only exact simplifications, yet no "1 *", "* 1", "+ 0" or "0 *" where none is needed
        assertEquals(x.cos().plus(y), x.times(y).plus(x.sin()).derivative(x));
        assertEquals(x, x.times(y).derivative(y));
        assertEquals(Expr.constant(3), x.times(3).derivative(x));
        assertEquals(Expr.constant(-1), x.unaryMinus().derivative(x));
        assertEquals(Expr.constant(1), x.unaryMinus().unaryMinus().derivative(x));
        assertEquals(Expr.ifElse(x.lessThan(0), Expr.constant(-1), Expr.constant(1)),
                Expr.ifElse(x.lessThan(0), x.unaryMinus(), x).derivative(x));
        assertEquals(Expr.ifElse(x.greaterThan(0), Expr.constant(1).div(x), Expr.constant(1)),
                Expr.ifElse(x.greaterThan(0), x.log(), x).derivative(x));
        assertEquals("(x > 0) - (x < 0)", x.abs().derivative(x).toString());
        assertEquals("2 * x", x.square().derivative(x).toString());
    }

    @Test
    void onlyExactSimplificationsAreMade() {
        // x·0 is NaN at x = ∞ and x + 0 is +0 at x = -0: neither is simplified away in a derivative
        Expr fy = x.times(0.0).times(y).derivative(y);
        assertEquals(x.times(0.0), fy);
        assertTrue(Double.isNaN(at(fy, Double.POSITIVE_INFINITY, 1)), "∂/∂y [(x·0)·y] at x = ∞ is ∞·0");
        Expr gy = x.plus(0.0).times(y).derivative(y);
        assertEquals(0.0, at(gy, -0.0, 1));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(at(gy, -0.0, 1)), "-0 + 0 is +0");
        // a partial that is the constant 0 is never built: the chain rule's zero factor, as in the
        // compiled modes (∂/∂x [(x·y)·0] is 0 even at y = ∞)
        assertEquals(Expr.constant(0), x.times(y).times(0.0).derivative(x));
        // constants fold through the table's values
        assertEquals(Expr.constant(6), x.pow(3).derivative(x).derivative(x).derivative(x));
    }

    @Test
    void aBranchNotTakenNeverPoisonsTheDerivative() {
        // the untaken side's derivative is NaN or infinite there; the compiled modes give these values too
        close(1, at(Expr.ifElse(x.greaterThan(0), x.log(), x).derivative(x), -1, 0));
        close(-1, at(Expr.ifElse(x.greaterThan(0), x.sqrt(), x.unaryMinus()).derivative(x), -4, 0));
        Expr shared = x.sqrt();
        Expr threePieces = Expr.ifElse(x.greaterThan(1), shared.square(),
                Expr.ifElse(x.greaterThan(0), shared, x.unaryMinus()));
        close(-1, at(threePieces.derivative(x), -1, 0));
        close(0.5 / Math.sqrt(0.25), at(threePieces.derivative(x), 0.25, 0));
        close(1, at(threePieces.derivative(x), 4, 0));
        // max, min and abs switch parts off the same way: sqrt'(0) = ∞ meets a zero weight
        assertEquals(0.0, at(x.max(y.sqrt()).derivative(y), 2, 0));
        assertEquals(0.0, at(y.sqrt().min(x).derivative(y), -2, 0));
        assertEquals(0.0, at(y.sqrt().abs().derivative(y), 0, 0));
        // and differentiate again
        close(-0.25 / Math.pow(0.25, 1.5), at(threePieces.derivative(x).derivative(x), 0.25, 0));
    }

    @Test
    void derivativeOfAChainStaysLinearInSize() {
        Expr e = x;
        for (int k = 0; k < 10_000; k++) {
            e = e.sin().times(x).plus(y).div(1.5);
        }
        int n = e.nodeCount();
        List<Expr> g = e.gradient(List.of(x, y));
        int m = Expr.sum(g).nodeCount();
        double ratio = (double) m / n;
        // a partial costs at most a few nodes per edge: cos for sin, the two products, the sums
        assertTrue(ratio < 4, "gradient of " + n + " nodes has " + m + " (ratio " + ratio + ")");
    }

    @Test
    void manyBranchesOverSharedParametersStayLinear() {
        // Σ huber(w·i - 1) over 5000 terms: w's adjoint gathers 5000 differently guarded terms
        Variable w = Expr.variable("w");
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            Expr r = w.times(i * 1e-3).minus(1);
            terms.add(Expr.ifElse(r.abs().lessThan(1), r.times(r).times(0.5), r.abs().minus(0.5)));
        }
        Expr loss = Expr.sum(terms);
        Expr d = loss.derivative(w);
        assertTrue(d.nodeCount() < 4 * loss.nodeCount(), d.nodeCount() + " nodes for " + loss.nodeCount());
        // oracle: Σ huber'(r)·i/1000, with huber' = r inside the unit interval and sign(r) outside
        double w0 = 0.7;
        double expected = 0;
        for (int i = 0; i < 5000; i++) {
            double r = w0 * (i * 1e-3) - 1;
            expected += (Math.abs(r) < 1 ? r : Math.signum(r)) * (i * 1e-3);
        }
        assertEquals(expected, d.evaluate(Map.of(w, new Num(w0))).v(), 1e-12 * Math.abs(expected));
    }

    @Test
    void sharedSubexpressionsAreDifferentiatedOnce() {
        // sixty squarings: a tree of 2^60 leaves as a DAG of sixty nodes
        Expr e = x.plus(1);
        for (int k = 0; k < 60; k++) {
            e = e.times(e);
        }
        Expr d = e.derivative(x);
        assertTrue(d.nodeCount() < 10 * e.nodeCount(), "derivative has " + d.nodeCount() + " nodes");
        // (1 + x)^(2^60) at x = 0 has derivative 2^60
        assertEquals(Math.pow(2, 60), at(d, 0, 0), 0.0);
    }

    @Test
    void deepChainsDifferentiateWithoutRecursion() {
        // deep enough that recursion on depth would overflow the default stack many times over
        int n = 60_000;
        Expr e = x;
        for (int k = 0; k < n; k++) {
            e = e.sin();
        }
        Expr d = e.derivative(x);
        // oracle: the product of cos along the chain, computed in a loop
        double v = 0.3;
        double product = 1;
        for (int k = 0; k < n; k++) {
            product *= Math.cos(v);
            v = Math.sin(v);
        }
        assertEquals(product, at(d, 0.3, 0), 1e-10 * product);
        assertEquals(d, Expr.parse(d.toString()));
    }

    @Test
    void derivativesPrintAndParseBack() {
        Expr f = Expr.ifElse(x.lessThan(y), x.pow(y).atan2(x.hypot(y)), x.max(y).tanh().times(x.abs()));
        for (Expr d : List.of(f.derivative(x), f.derivative(y), f.derivative(x).derivative(y))) {
            assertEquals(d, Expr.parse(d.toString()), d.toString());
        }
    }

    @Test
    void customOperationsDifferentiateThroughTheirDerivativeExpressionOrAreRefused() {
        CustomOperation cube = CustomOperation.of("cube", t -> t * t * t, (t, g) -> 3 * t * t * g);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> cube.invoke(x).derivative(x));
        assertTrue(e.getMessage().contains("cube") && e.getMessage().contains("withSymbolicDerivative"), e.getMessage());
        // a derivative in another variable of the expression is not asked for: no refusal
        assertEquals(Expr.constant(0), cube.invoke(x).derivative(y));

        CustomOperation symbolic = cube.withSymbolicDerivative(t -> t.square().times(3));
        close(3 * 4, at(symbolic.invoke(x).derivative(x), 2, 0));
        close(6 * 2, at(symbolic.invoke(x).derivative(x).derivative(x), 2, 0));

        // gauss' = -2x·gauss(x) calls the operation itself; the copy's calls refer to the copy, so the
        // second derivative (4x² - 2)e^(-x²) differentiates through the same rule again
        CustomOperation plain = CustomOperation.of("gauss", t -> Math.exp(-t * t), (t, g) -> -2 * t * Math.exp(-t * t) * g);
        CustomOperation gauss = plain.withSymbolicDerivative(t -> t.times(-2).times(plain.invoke(t)));
        double a = 0.6;
        close((4 * a * a - 2) * Math.exp(-a * a), at(gauss.invoke(x).derivative(x).derivative(x), a, 0));
        CustomOperation later = gauss.withSecondDerivative(t -> (4 * t * t - 2) * Math.exp(-t * t));
        Expr d = later.invoke(x).derivative(x);
        Call inner = (Call) ((Binary) d).right();
        assertSame(later, inner.operation(), "the copy's derivative calls the copy");

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> cube.withSymbolicDerivative(t -> t.times(y)));
        assertTrue(other.getMessage().contains("y"), other.getMessage());
    }

    @Test
    void substituteReplacesVariablesAndKeepsEverythingElse() {
        Expr keep = y.sin().exp();
        Expr f = x.times(keep).plus(keep);
        Expr s = f.substitute(Map.of(x, y.times(y)));
        assertEquals(y.times(y).times(keep).plus(keep), s);
        Binary sum = (Binary) s;
        assertSame(keep, sum.right(), "an unchanged subexpression is kept, not copied");
        assertSame(f, f.substitute(Map.of(Expr.variable("z"), x)), "nothing to replace: the same object");
        // simultaneous, not repeated: x → y and y → x swap
        assertEquals(y.minus(x), x.minus(y).substitute(Map.of(x, y, y, x)));
        // sharing is kept: a node used twice is rebuilt once
        Expr twice = x.sin();
        Expr g = twice.times(twice);
        Expr h = g.substitute(Map.of(x, y));
        assertEquals(3, h.nodeCount());
        Map<Variable, Expr> withNull = new java.util.HashMap<>();
        withNull.put(x, null);
        assertThrows(NullPointerException.class, () -> f.substitute(withNull));
    }

    @Test
    void substituteAndEvaluateHandleDeepChains() {
        Expr e = x;
        for (int k = 0; k < 100_000; k++) {
            e = e.plus(1);
        }
        Expr s = e.substitute(Map.of(x, y));
        assertEquals(100_001.5, at(s, 0, 1.5), 0.0);
        assertEquals(100_000.5, at(e, 0.5, 0), 0.0);
    }

    @Test
    void evaluateRunsAnExpressionOverAnyScalarAndNamesAMissingVariable() {
        Expr f = x.pow(y).plus(x.atan2(y)).plus(Expr.ifElse(x.lessThan(y), x, y));
        double a = 1.5;
        double b = 2.5;
        close(Math.pow(a, b) + Math.atan2(a, b) + a, f.evaluate(Map.of(x, new Num(a), y, new Num(b))).v());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.evaluate(Map.of(x, new Num(1))));
        assertTrue(e.getMessage().contains("y"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.evaluate(Map.<Variable, Num>of()));
        // an expression evaluated over expressions is a substitution that rebuilds every node
        assertEquals(f.substitute(Map.of(x, y)), f.evaluate(Map.<Variable, Expr>of(x, y, y, y)));
    }

    @Test
    void nullArgumentsAreReported() {
        assertThrows(NullPointerException.class, () -> x.derivative(null));
        List<Variable> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> x.gradient(withNull));
        assertThrows(NullPointerException.class, () -> x.substitute(null));
    }
}
