package dev.autodiff.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#finite}, the test every kernel result passes before it is trusted, against the
 * element-by-element definition: over every length up to 40 and offset, with one element or two not
 * finite at every position, and with finite elements whose sum overflows (which must still pass).
 */
class EngineFiniteTest {
    private static final double[] NOT_FINITE = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    private static boolean expected(double[] a, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!Double.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    private static void check(double[] a, int from, int count) {
        assertEquals(expected(a, from, count), Engine.finite(a, from, count),
                () -> "finite of " + count + " elements from " + from + " of " + java.util.Arrays.toString(a));
        assertEquals(expected(a, from, count), Engine.allFinite(a, from, count), "allFinite");
    }

    @Test
    void agreesWithTheDefinitionOnEveryLengthOffsetAndPosition() {
        SplittableRandom random = new SplittableRandom(14);
        for (int length = 0; length <= 40; length++) {
            for (int from = 0; from <= 3; from++) {
                double[] a = new double[from + length + 2];
                for (int i = 0; i < a.length; i++) {
                    // huge finite elements too: sums that overflow are not the elements' fault
                    a[i] = random.nextBoolean() ? random.nextDouble(-1e3, 1e3) : Double.MAX_VALUE * random.nextDouble(0.5, 1);
                }
                // the elements just outside the range are not finite: they must not be read
                a[a.length - 1] = Double.NaN;
                if (from > 0) {
                    a[from - 1] = Double.POSITIVE_INFINITY;
                }
                check(a, from, length);
                for (int p = from; p < from + length; p++) {
                    for (double bad : NOT_FINITE) {
                        double kept = a[p];
                        a[p] = bad;
                        check(a, from, length);
                        // a second element of the other sign: +∞ and −∞ add up to NaN, not to a number
                        int q = from + random.nextInt(length);
                        double keptQ = a[q];
                        a[q] = -bad;
                        check(a, from, length);
                        a[q] = keptQ;
                        a[p] = kept;
                    }
                }
            }
        }
    }

    @Test
    void passesFiniteElementsWhoseSumOverflows() {
        double[] a = new double[100];
        java.util.Arrays.fill(a, Double.MAX_VALUE);
        check(a, 0, a.length);
        java.util.Arrays.fill(a, -Double.MAX_VALUE);
        check(a, 0, a.length);
    }
}
