package dev.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.reverse.Reverse;
import dev.autodiff.reverse.Tape;
import dev.autodiff.reverse.Tracked;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The floor tape does the work of a tape of one node per operation and no less: the nodes a nested
 * tape records for f (which folds nothing, and records the numbers as constants besides), with the
 * same partials, swept in the same order, so its gradient is that tape's to the bit (a node left
 * out, or a partial or an operand wrong, changes bits); and the library's top-level tape, which folds,
 * gives the same to rounding; and its f is plain f's.
 */
class TapeFloorTest {
    // f sums the same terms in the same order; only how each term's products round may differ
    private static final double ROUNDING = 1e-12;

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10, 1000})
    void theFloorTapeGivesTheGradientOfATapeOfOneNodePerOperationToTheBit(int n) {
        Rosenbrock r = new Rosenbrock(n);
        TapeFloor floor = new TapeFloor(n);
        for (double[] x : new double[][] {r.point(), Seeded.uniform(n, -3, 3, 7L), new double[n]}) {
            double[] expected;
            try (Tape outer = Tape.open(); Tape nested = outer.openNested()) {
                Tracked[] v = nested.variables(x);
                expected = nested.gradient(r.scalarValue(v), v);
            }
            assertArrayEquals(expected, floor.gradient(x), "n = " + n);
            // a second call on the reused arrays starts from clean adjoints
            assertArrayEquals(expected, floor.gradient(x), "n = " + n + ", again");
            double[] folded = Reverse.gradient(r::scalarValue, x);
            for (int i = 0; i < n; i++) {
                // ∂f/∂x_i's three terms bound what two groupings of its products differ by
                double bound = (i + 1 < n ? 400 * Math.abs(x[i] * (x[i + 1] - x[i] * x[i])) + 2 * Math.abs(1 - x[i]) : 0)
                        + (i > 0 ? 200 * Math.abs(x[i] - x[i - 1] * x[i - 1]) : 0);
                assertEquals(expected[i], folded[i], 1e-14 * bound, "n = " + n + ", component " + i);
            }
            double f = r.value(x);
            assertEquals(f, floor.value, ROUNDING * Math.max(1, Math.abs(f)), "f, n = " + n);
        }
    }
}
