package dev.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.reverse.Reverse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The floor tape does the library tape's work and no less: the same nodes with the same partials,
 * swept in the same order, so its gradient is the library tape's to the bit (a node left out, or
 * a partial or an operand wrong, changes bits); and its f is plain f's.
 */
class TapeFloorTest {
    // f sums the same terms in the same order; only how each term's products round may differ
    private static final double ROUNDING = 1e-12;

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10, 1000})
    void theFloorTapeGivesTheLibraryTapesGradientToTheBit(int n) {
        Rosenbrock r = new Rosenbrock(n);
        TapeFloor floor = new TapeFloor(n);
        for (double[] x : new double[][] {r.point(), Seeded.uniform(n, -3, 3, 7L), new double[n]}) {
            double[] expected = Reverse.gradient(r::scalarValue, x);
            assertArrayEquals(expected, floor.gradient(x), "n = " + n);
            // a second call on the reused arrays starts from clean adjoints
            assertArrayEquals(expected, floor.gradient(x), "n = " + n + ", again");
            double f = r.value(x);
            assertEquals(f, floor.value, ROUNDING * Math.max(1, Math.abs(f)), "f, n = " + n);
        }
    }
}
