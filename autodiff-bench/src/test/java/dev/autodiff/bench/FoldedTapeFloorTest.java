package dev.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.reverse.Reverse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The folding floor does the numeric tape's work on chained Rosenbrock and no less: its three nodes
 * a term carry the partials the tape folds, swept in the same order, so its gradient is the tape's
 * to the bit (a partial grouped otherwise, or a node left out, changes bits), and its f is the
 * tape's f, summed in the same order.
 */
class FoldedTapeFloorTest {
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10, 1000})
    void theFoldingFloorGivesTheNumericTapesGradientAndValueToTheBit(int n) {
        Rosenbrock r = new Rosenbrock(n);
        FoldedTapeFloor floor = new FoldedTapeFloor(n);
        for (double[] x : new double[][] {r.point(), Seeded.uniform(n, -3, 3, 7L), new double[n]}) {
            double[] expected = Reverse.gradient(r::scalarValue, x);
            assertArrayEquals(expected, floor.gradient(x), "n = " + n);
            // a second call on the reused arrays starts from clean adjoints
            assertArrayEquals(expected, floor.gradient(x), "n = " + n + ", again");
            double[] value = new double[1];
            Reverse.gradient(v -> {
                var f = r.scalarValue(v);
                value[0] = f.value();
                return f;
            }, x);
            assertEquals(value[0], floor.value, 0, "f, n = " + n);
        }
    }
}
