package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParametricTest {
    private final Variable a = Expr.variable("a"), b = Expr.variable("b");
    private final Variable x = Expr.variable("x"), y = Expr.variable("y");
    private final Expr e = a.times(x).plus(b).minus(y).pow(2).plus(a.times(b).sin().times(x));

    @Test
    void bindingParametersEqualsSubstitutingTheirValues() {
        for (ParametricDifferentiable p : List.of(Reverse.of(e, List.of(a, b), List.of(x, y)),
                Forward.of(e, List.of(a, b), List.of(x, y)))) {
            Differentiable bound = p.at(1.5, -0.5);
            Differentiable direct = Reverse.of(e, a, b, x, y);
            double[] point = {0.3, 0.7};
            double[] full = {0.3, 0.7, 1.5, -0.5};
            assertEquals(direct.value(full), bound.value(point));
            double[] g = direct.gradient(full);
            assertArrayEquals(new double[] {g[0], g[1]}, bound.gradient(point), 1e-15);
            double[] out = new double[2];
            assertEquals(direct.value(full), bound.valueAndGradient(point, out));
            assertArrayEquals(new double[] {g[0], g[1]}, out, 1e-15);
        }
    }

    @Test
    void sumOverRowsIsTheSumOfTheBoundFunctions() {
        ParametricDifferentiable p = Reverse.of(e, List.of(a, b), List.of(x, y));
        double[][] rows = {{1, 2}, {-1, 0.5}, {3, -2}};
        Differentiable all = p.sumOver(rows);
        double[] point = {0.2, -0.4};
        double v = 0;
        double[][] h = new double[2][2];
        for (double[] row : rows) {
            v += p.at(row).value(point);
            double[][] hr = p.at(row).hessian(point);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    h[i][j] += hr[i][j];
                }
            }
        }
        assertEquals(v, all.value(point), 1e-12 * Math.abs(v));
        assertArrayEquals(h[0], all.hessian(point)[0], 1e-12);
        assertArrayEquals(h[1], all.hessian(point)[1], 1e-12);
    }

    @Test
    void misuseIsRefusedWithMessages() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> Reverse.of(e, List.of(a, x), List.of(x, y)));
        assertTrue(both.getMessage().contains("x"), both.getMessage());
        ParametricDifferentiable p = Reverse.of(e, List.of(a, b), List.of(x, y));
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> p.at(1.0));
        assertTrue(length.getMessage().contains("2"), length.getMessage());
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> p.sumOver(new double[][] {{1, 2}, {3}}));
        assertTrue(row.getMessage().contains("row 1"), row.getMessage());
    }
}
