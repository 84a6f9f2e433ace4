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
}
