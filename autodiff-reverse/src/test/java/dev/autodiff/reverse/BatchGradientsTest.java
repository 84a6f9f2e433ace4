package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Differentiable#gradients}: many points in parallel give what one call per point gives. */
class BatchGradientsTest {
    private final Variable x = Expr.variable("x");
    private final Variable y = Expr.variable("y");
    private final Differentiable f = Reverse.of(x.times(y).sin().plus(x.exp().div(y)), x, y);

    private static double[][] points(int n) {
        Random random = new Random(5);
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[] {random.nextDouble() * 2 - 1, 0.5 + random.nextDouble()};
        }
        return p;
    }

    @Test
    void parallelGradientsEqualOneCallPerPointInOrder() {
        double[][] points = points(5000);
        for (int threads : new int[] {1, 2, 4}) {
            double[][] batch = f.gradients(points, threads);
            assertEquals(points.length, batch.length);
            for (int i = 0; i < points.length; i++) {
                // the same sweeps on the same inputs: bit-identical
                assertArrayEquals(f.gradient(points[i]), batch[i], 0.0, "point " + i + ", " + threads + " threads");
            }
        }
        assertEquals(points.length, f.gradients(points).length);
    }

    @Test
    void badBatchArgumentsSayWhatWasExpected() {
        assertThrows(NullPointerException.class, () -> f.gradients(null, 2));
        assertThrows(IllegalArgumentException.class, () -> f.gradients(points(3), 0));
        double[][] wrong = {{1, 2}, {1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.gradients(wrong, 2));
        assertEquals(true, e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void aWrongRowAmongManyIsNamedByItsIndexUnwrapped() {
        // issue 18, item 6: a wrong-length row in a parallel batch gave an IAE wrapped in another IAE
        double[][] points = points(20_000);
        points[12_345] = new double[] {1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.gradients(points, 4));
        assertEquals(null, e.getCause(), "not wrapped");
        assertEquals(true, e.getMessage().contains("row 12345") && e.getMessage().contains("got 1"), e.getMessage());
    }

    @Test
    void moreThreadsThanPointsStartNoMoreWorkersThanPoints() {
        // issue 18, item 6: gradients(points, 40000) threw an IAE with no message; a worker per point
        // at most, so it is the batch with as many workers as points
        double[][] points = points(100);
        double[][] batch = f.gradients(points, 40_000);
        for (int i = 0; i < points.length; i++) {
            assertArrayEquals(f.gradient(points[i]), batch[i], 0.0, "point " + i);
        }
    }

    @Test
    void compilingANullExpressionSaysWhatWasExpected() {
        // issue 18, item 6: Forward.of(null, x) threw a NullPointerException with no message
        NullPointerException r = assertThrows(NullPointerException.class, () -> Reverse.of((Expr) null, x));
        NullPointerException d = assertThrows(NullPointerException.class,
                () -> dev.autodiff.forward.Forward.of((Expr) null, x));
        for (NullPointerException e : new NullPointerException[] {r, d}) {
            assertEquals(true, e.getMessage() != null && e.getMessage().contains("expression"), e.getMessage());
        }
    }
}
