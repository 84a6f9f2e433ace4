package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.DualFunction;
import dev.autodiff.forward.Forward;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Tapes as scalars of the shared interface and to any depth: scalars of enclosing tapes captured
 * deep inside, failures that leave every tape as it was, one owning thread, comparisons and
 * branches, and tapes combined with dual numbers through custom operations.
 *
 * <p>Tolerance 1e-14 relative: closed forms and tapes evaluate a few correctly rounded operations
 * in a different order, on values of order 1–100.
 */
class TapeScalarTest {
    private static void close(double expected, double actual) {
        assertEquals(expected, actual, 1e-14 * Math.max(1, Math.abs(expected)));
    }

    private static final CustomOperation CUBE = CustomOperation.of("cube", t -> t * t * t, (t, g) -> 3 * t * t * g);

    @Test
    void scalarsOfEveryEnclosingTapeMixInTheInnermost() {
        // g(x) = x · d/dy [y · d/dz (x·y·z)] at y = 3 = x · d/dy [x·y²] = 6x², so g'(x) = 12x
        double d = Reverse.derivative(x -> x.times(x.tape().derivativeOf(
                y -> y.times(y.tape().derivativeOf(z -> x.times(y).times(z), 2.0)), 3.0)), 5.0);
        close(60, d);
    }

    @Test
    void aFailedOperationLeavesEveryTapeAsItWas() {
        // a custom operation without a second derivative cannot be recorded on a nested tape; before,
        // its node was appended first and the nested tape's lists fell out of step (2.0 for 6.0)
        try (Tape outer = Tape.open(); Tape inner = outer.openNested()) {
            Tracked y = inner.variable(3);
            int innerSize = inner.size();
            int outerSize = outer.size();
            assertThrows(UnsupportedOperationException.class, () -> y.apply(CUBE));
            assertEquals(innerSize, inner.size());
            assertEquals(outerSize, outer.size());
            Tracked f = y.times(y);
            assertEquals(6.0, inner.gradient(f, y)[0], 0.0);
            assertEquals(6.0, inner.trackedGradient(f, y)[0].value(), 0.0);
        }
        // a rule that throws deep inside the recording: h's derivative expression calls an operation
        // that fails there, after the value of h was recorded on both enclosing tapes
        CustomOperation failing = CustomOperation.of("failing", t -> {
            if (t > 1) {
                throw new ArithmeticException("out of range: " + t);
            }
            return t;
        }, (t, g) -> g);
        CustomOperation h = CustomOperation.of("h", t -> t, (t, g) -> g).withSymbolicDerivative(failing::invoke);
        try (Tape a = Tape.open(); Tape b = a.openNested(); Tape c = b.openNested()) {
            Tracked z = c.variable(2);
            Tracked e = z.exp();
            int[] sizes = {a.size(), b.size(), c.size()};
            assertThrows(ArithmeticException.class, () -> e.apply(h));
            assertArrayEquals(sizes, new int[] {a.size(), b.size(), c.size()});
            Tracked w = z.times(z).times(z);
            close(12, c.gradient(w, z)[0]);
            close(12, c.trackedGradient(w, z)[0].value());
        }
        // a function that throws inside gradientOf leaves the enclosing tape as it was
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(2);
            int size = tape.size();
            assertThrows(IllegalStateException.class, () -> tape.gradientOf(v -> {
                v[0].times(x).sin();
                throw new IllegalStateException("stop");
            }, 1.0));
            assertEquals(size, tape.size());
        }
        // the backward sweep skips the variables a tape starts with; variables recorded by a
        // function that then throws are undone, and the nodes recorded after them in their place
        // are swept: d(x0² x1) = (2 x0 x1, x0²)
        try (Tape tape = Tape.open()) {
            Tracked[] x = tape.variables(2, 3);
            assertThrows(IllegalStateException.class, () -> tape.gradientOf(v -> {
                tape.variables(5, 7);
                throw new IllegalStateException("stop");
            }, x));
            assertEquals(2, tape.size());
            Tracked q = x[0].times(x[1]).times(x[0]);
            assertArrayEquals(new double[] {12, 4}, tape.gradient(q, x));
        }
    }

    @Test
    void aTapeBelongsToTheThreadThatOpenedIt() throws InterruptedException {
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(2);
            CompletableFuture<Tracked> elsewhere = CompletableFuture.supplyAsync(x::sin);
            ExecutionException e = assertThrows(ExecutionException.class, elsewhere::get);
            assertTrue(e.getCause() instanceof IllegalStateException, e.getCause().toString());
            assertTrue(e.getCause().getMessage().contains("thread"), e.getCause().getMessage());
            CompletableFuture<double[]> gradient = CompletableFuture.supplyAsync(() -> tape.gradient(x, x));
            assertTrue(assertThrows(ExecutionException.class, gradient::get).getCause() instanceof IllegalStateException);
            // and the owner goes on undisturbed
            assertEquals(Math.cos(2), tape.gradient(x.sin(), x)[0], 0.0);
        }
    }

    @Test
    void comparisonsAndBranchesRecordTheBranchTaken() {
        // d/dx ifElse(x < 0, -x, x²): -1 at -3, 6 at 3; the untaken log(-1) never reaches the gradient
        UnaryOperator<Tracked> f = x -> x.lessThan(0).ifElse(x.unaryMinus(), x.square());
        close(-1, Reverse.derivative(f, -3));
        close(6, Reverse.derivative(f, 3));
        close(1, Reverse.derivative(x -> x.greaterThan(0).ifElse(x.log(), x), -1));
        // second derivative through the branch, on a nested tape: d²/dx² x³ for x > 0
        close(12, Reverse.derivative(x -> x.tape().derivativeOf(y -> y.greaterThan(0).ifElse(y.pow(3), y), x), 2));
        try (Tape tape = Tape.open()) {
            Tracked a = tape.variable(2);
            assertEquals(1.0, a.lessThan(3).value());
            assertTrue(a.compareTo(3) < 0 && a.compareTo(tape.constant(1)) > 0);
            assertTrue(Double.isNaN(tape.constant(Double.NaN).ifElse(a, a).value()));
        }
    }

    @Test
    void customOperationsNestAsDeepAsTheirDerivativesGo() {
        CustomOperation cube = CUBE.withDerivatives((t, order) -> {
            double[] d = {t * t * t, 3 * t * t, 6 * t, 6, 0, 0, 0};
            return java.util.Arrays.copyOf(d, order + 1);
        });
        UnaryOperator<Tracked> f = t -> t.apply(cube);
        UnaryOperator<Tracked> d1 = t -> t.tape().derivativeOf(f, t);
        UnaryOperator<Tracked> d2 = t -> t.tape().derivativeOf(d1, t);
        close(6, Reverse.derivative(d2, 1.5));
        // with a derivative expression instead
        CustomOperation symbolic = CUBE.withSymbolicDerivative(t -> t.square().times(3));
        UnaryOperator<Tracked> g2 = t -> t.tape().derivativeOf(u -> u.tape().derivativeOf(v -> v.apply(symbolic), u), t);
        close(6, Reverse.derivative(g2, 1.5));
        // and refused by name where the order runs out
        CustomOperation second = CUBE.withSecondDerivative(t -> 6 * t);
        UnaryOperator<Tracked> s2 = t -> t.tape().derivativeOf(u -> u.tape().derivativeOf(v -> v.apply(second), u), t);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> Reverse.derivative(s2, 1.5));
        assertTrue(e.getMessage().contains("cube"), e.getMessage());
    }

    /** g(t) = sin t · eᵗ: g' = eᵗ(sin t + cos t), g'' = 2eᵗ cos t, g''' = 2eᵗ(cos t - sin t). */
    private static double g2(double t) {
        return 2 * Math.exp(t) * Math.cos(t);
    }

    private static double g3(double t) {
        return 2 * Math.exp(t) * (Math.cos(t) - Math.sin(t));
    }

    @Test
    void aTapeDifferentiatesAFunctionOfDuals() {
        // tape over duals: a function written over duals, as a custom operation, on nested tapes
        CustomOperation g = Forward.operation("g", t -> t.sin().times(t.exp()));
        double a = 0.4;
        close(g2(a), Reverse.derivative(x -> x.tape().derivativeOf(y -> y.apply(g), x), a));
        UnaryOperator<Tracked> third = x -> x.tape().derivativeOf(y -> y.tape().derivativeOf(z -> z.apply(g), y), x);
        close(g3(a), Reverse.derivative(third, a));
        // the inner derivative taken by duals, the outer by the tape
        CustomOperation dg = Forward.operation("dg", t -> Forward.derivative(u -> u.sin().times(u.exp()), t));
        close(g2(a), Reverse.derivative(x -> x.apply(dg), a));
    }

    @Test
    void dualsDifferentiateAFunctionOfTapes() {
        // duals over a tape: a function written over tape scalars, as a custom operation, on nested duals
        CustomOperation g = Reverse.operation("g", t -> t.sin().times(t.exp()));
        double a = 0.4;
        DualFunction first = x -> Forward.derivative(y -> y.apply(g), x);
        close(g2(a), Forward.derivative(first, a));
        close(g3(a), Forward.derivative(v -> Forward.derivative(first, v), a));
        // a Dual-valued function whose inner derivative is taken on a tape
        CustomOperation dg = Reverse.operation("dg", t -> t.tape().derivativeOf(u -> u.sin().times(u.exp()), t));
        close(g2(a), Forward.derivative(x -> x.apply(dg), a));
    }

    @Test
    void aGenericFunctionRunsOnATapeAsOnDualsAndSymbolically() {
        double[] p = {0.5, 1.5, -0.7};
        double[] tape = Reverse.gradient(v -> rosenbrock(List.of(v)), p);
        double[] duals = Forward.gradient(v -> rosenbrock(List.of(v)), p);
        List<Variable> x = Expr.variables("x", 3);
        List<Expr> symbolic = rosenbrock(x).gradient(x);
        for (int i = 0; i < 3; i++) {
            double s = symbolic.get(i).value(Map.of("x[0]", p[0], "x[1]", p[1], "x[2]", p[2]));
            close(s, tape[i]);
            close(s, duals[i]);
        }
        // ∂/∂x0 = -400 x0 (x1 - x0²) - 2(1 - x0)
        close(-400 * 0.5 * (1.5 - 0.25) - 2 * (1 - 0.5), tape[0]);
        // Hessians three ways: nested tapes, nested duals, derivative twice
        Function<Tracked[], Tracked> r = v -> rosenbrock(List.of(v));
        double[][] h = new double[3][];
        try (Tape t = Tape.open()) {
            Tracked[] xs = {t.variable(p[0]), t.variable(p[1]), t.variable(p[2])};
            Tracked[] grad = t.gradientOf(r, xs);
            for (int i = 0; i < 3; i++) {
                h[i] = t.gradient(grad[i], xs);
            }
        }
        for (int i = 0; i < 3; i++) {
            int row = i;
            double[] nested = Forward.gradient(v -> Forward.gradient(u -> rosenbrock(List.of(u)), v)[row], p);
            for (int j = 0; j < 3; j++) {
                double s = symbolic.get(i).derivative(x.get(j)).value(Map.of("x[0]", p[0], "x[1]", p[1], "x[2]", p[2]));
                close(s, h[i][j]);
                close(s, nested[j]);
            }
        }
        assertFalse(Double.isNaN(h[0][0]));
    }

    @Test
    void gradientsOfNestedTapesAreTheOuterTapesScalars() {
        try (Tape outer = Tape.open()) {
            Tracked x = outer.variable(1.5);
            Tracked[] g = outer.gradientOf(v -> v[0].times(v[1]).plus(v[0].sin()), x, outer.constant(2));
            assertEquals(outer, g[0].tape());
            assertArrayEquals(new double[] {-Math.sin(1.5)}, outer.gradient(g[0], x), 1e-15);
        }
    }

    static <T extends Scalar<T>> T rosenbrock(List<? extends T> x) {
        T sum = x.get(0).newConstant(0);
        for (int i = 0; i + 1 < x.size(); i++) {
            T xi = x.get(i);
            sum = sum.plus(x.get(i + 1).minus(xi.square()).square().times(100)).plus(xi.newConstant(1).minus(xi).square());
        }
        return sum;
    }

    @Test
    void aDualFunctionOperationReportsItsDerivativesByNesting() {
        CustomOperation g = Forward.operation("g", t -> t.sin().times(t.exp()));
        double[] d = g.derivatives(0.4, 3);
        close(Math.sin(0.4) * Math.exp(0.4), d[0]);
        close(g2(0.4), d[2]);
        close(g3(0.4), d[3]);
    }
}
