package dev.autodiff.core.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Partials#normal}, one comparison of the biased exponent, against its definition: a
 * magnitude from the least normal number to the largest finite one. The numeric tape's folding and
 * the Taylor rules' choice of a power's low orders both read it.
 */
class NormalCheckTest {
    private static boolean magnitudeIsNormal(double d) {
        double m = Math.abs(d);
        return m >= Double.MIN_NORMAL && m <= Double.MAX_VALUE;
    }

    @Test
    void agreesWithTheMagnitudesBoundsAtTheEdges() {
        double[] edges = {0, Double.MIN_VALUE, Math.nextDown(Double.MIN_NORMAL), Double.MIN_NORMAL,
            Math.nextUp(Double.MIN_NORMAL), 1, Math.nextDown(Double.MAX_VALUE), Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NaN};
        for (double e : edges) {
            for (double d : new double[] {e, -e}) {
                assertEquals(magnitudeIsNormal(d), Partials.normal(d), "at " + d);
            }
        }
    }

    @Test
    void agreesWithTheMagnitudesBoundsOnRandomBitPatterns() {
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k < 100_000; k++) {
            double d = Double.longBitsToDouble(random.nextLong()); // every exponent, NaNs and infinities too
            assertEquals(magnitudeIsNormal(d), Partials.normal(d), "at " + d);
        }
    }
}
