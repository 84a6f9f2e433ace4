package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Dual} as a {@link Scalar}: custom operations at every nesting depth, comparisons and
 * branches, nested binary rules from the generic table, and a generic function run on duals.
 *
 * <p>Tolerance 1e-13 relative: a handful of operations evaluated in a different order.
 */
class DualScalarTest {
    private static void close(double expected, double actual) {
        assertEquals(expected, actual, 1e-13 * Math.max(1, Math.abs(expected)));
    }

    private static final CustomOperation CUBE = CustomOperation.of("cube", t -> t * t * t, (t, g) -> 3 * t * t * g)
            .withDerivatives((t, order) -> {
                double[] d = {t * t * t, 3 * t * t, 6 * t, 6};
                double[] out = new double[order + 1];
                System.arraycopy(d, 0, out, 0, Math.min(d.length, order + 1));
                return out;
            });

    @Test
    void customOperationsApplyToDualsAtEveryDepth() {
        double a = 1.7;
        close(a * a * a, Dual.constant(a).apply(CUBE).value());
        close(3 * a * a, Forward.derivative(v -> v.apply(CUBE), a));
        DualFunction d1 = v -> Forward.derivative(u -> u.apply(CUBE), v);
        close(6 * a, Forward.derivative(d1, a));
        DualFunction d2 = v -> Forward.derivative(d1, v);
        close(6, Forward.derivative(d2, a));
        DualFunction d3 = v -> Forward.derivative(d2, v);
        assertEquals(0.0, Forward.derivative(d3, a), 0.0);
        // the same through a derivative expression, with numeric rules of first order only
        CustomOperation symbolic = CustomOperation.of("cube", t -> t * t * t, (t, g) -> 3 * t * t * g)
                .withSymbolicDerivative(t -> t.square().times(3));
        close(6, Forward.derivative(v -> Forward.derivative(u -> Forward.derivative(w -> w.apply(symbolic), u), v), a));
    }

    @Test
    void aCustomOperationWithoutEnoughDerivativesIsRefusedByName() {
        CustomOperation firstOnly = CustomOperation.of("twice", t -> 2 * t, (t, g) -> 2 * g);
        close(2, Forward.derivative(v -> v.apply(firstOnly), 3));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Forward.derivative(v -> Forward.derivative(u -> u.apply(firstOnly), v), 3));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void comparisonsArePlainNumbersAndIfElseSelectsAWholeDual() {
        Dual two = Dual.constant(2);
        assertEquals(1.0, two.lessThan(3).value());
        assertEquals(0.0, two.greaterThan(3).value());
        assertEquals(1.0, two.greaterOrEqual(2).value());
        // d/dx ifElse(x < 0, -x, x²) at -3 and 3
        DualFunction f = x -> x.lessThan(0).ifElse(x.unaryMinus(), x.square());
        close(-1, Forward.derivative(f, -3));
        close(6, Forward.derivative(f, 3));
        // the branch not taken is never evaluated into the result: log(-1) on the other side
        close(1, Forward.derivative(x -> x.greaterThan(0).ifElse(x.log(), x), -1));
        assertTrue(Double.isNaN(Dual.constant(Double.NaN).ifElse(two, two).value()));
        assertTrue(two.compareTo(3) < 0 && two.compareTo(Dual.constant(1)) > 0);
    }

    @Test
    void nestedAtan2DoesNotOverflowWhereTheSquaresWould() {
        // ∂/∂t atan2(t, c) = c/(t² + c²) at t = c = 1e160 is 0.5e-160; t² overflows
        double[] inner = new double[1];
        Forward.derivative(x -> {
            Dual d = Forward.derivative(t -> t.atan2(Dual.constant(1e160)), x);
            inner[0] = d.value();
            return d;
        }, 1e160);
        assertEquals(0.5e-160, inner[0], 1e-15 * 0.5e-160);
    }

    @Test
    void dualsAgreeWithTheirSymbolicDerivatives() {
        // the same rules: a Dual's nested derivatives equal the expression's symbolic ones evaluated
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        Expr e = x.atan2(y).times(x.pow(y)).plus(x.hypot(y).div(y)).plus(x.max(y).times(y.min(x)));
        double a = 1.3;
        double b = 0.8;
        Expr exy = e.derivative(x).derivative(y);
        double symbolic = exy.evaluate(Map.of(x, Dual.constant(a), y, Dual.constant(b))).value();
        MultivariateDualFunction f = v -> e.evaluate(Map.of(x, v[0], y, v[1]));
        double nested = Forward.gradient(v -> Forward.gradient(f, v)[0], a, b)[1];
        close(symbolic, nested);
    }

    @Test
    void aGenericFunctionRunsOnDuals() {
        // Rosenbrock's ∂/∂x0 = -400 x0 (x1 - x0²) - 2(1 - x0), ∂/∂x1 = 200 (x1 - x0²)
        double[] g = Forward.gradient(v -> rosenbrock(List.of(v)), 0.5, 1.5);
        close(-400 * 0.5 * (1.5 - 0.25) - 2 * (1 - 0.5), g[0]);
        close(200 * (1.5 - 0.25), g[1]);
    }

    static <T extends Scalar<T>> T rosenbrock(List<? extends T> x) {
        T sum = x.get(0).newConstant(0);
        for (int i = 0; i + 1 < x.size(); i++) {
            T xi = x.get(i);
            sum = sum.plus(x.get(i + 1).minus(xi.square()).square().times(100)).plus(xi.newConstant(1).minus(xi).square());
        }
        return sum;
    }
}
