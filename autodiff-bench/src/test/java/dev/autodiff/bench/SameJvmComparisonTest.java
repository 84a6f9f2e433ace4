package dev.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.reverse.Reverse;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The comparison runs each build from a class loader of its own, and each build's driver takes the
 * numeric tape's gradient as the benchmark does: two loaders of this test's own class path are two
 * builds of one code, which must agree to the bit.
 */
class SameJvmComparisonTest {
    private static List<URL> ownClassPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls;
    }

    @Test
    void eachBuildIsLoadedApartAndComputesTheBenchmarksGradient() throws Exception {
        IntToDoubleFunction a = SameJvmComparison.driver(ownClassPath(), 50);
        IntToDoubleFunction b = SameJvmComparison.driver(ownClassPath(), 50);
        assertNotSame(a.getClass(), b.getClass(), "one class loader per build");
        assertNotSame(TapeGradientDriver.class, a.getClass(), "not the test's own class");
        Rosenbrock r = new Rosenbrock(50);
        double[] gradient = Reverse.gradient(r::scalarValue, r.point());
        double expected = 0;
        for (int k = 0; k < 3; k++) {
            for (double g : gradient) {
                expected += g;
            }
        }
        assertEquals(expected, a.applyAsDouble(3), 0, "three gradients' entries, summed in order");
        assertEquals(a.applyAsDouble(2), b.applyAsDouble(2), 0);
    }

    @Test
    void twoBuildsOfOneCodeAgreeAndAreTimedEveryRound() throws Exception {
        SameJvmComparison.Comparison c = SameJvmComparison.compare(List.of(ownClassPath(), ownClassPath()), 20, 4, 2);
        assertEquals(c.checksums()[0], c.checksums()[1], 0);
        for (double[] build : c.micros()) {
            assertEquals(4, build.length);
            for (double t : build) {
                assertTrue(t > 0 && Double.isFinite(t), "a time a gradient: " + t);
            }
        }
    }

    @Test
    void ratiosAreTakenRoundByRoundAgainstTheFirstBuild() {
        // the second build twice the first in every round, however the rounds vary
        SameJvmComparison.Comparison c = new SameJvmComparison.Comparison(
                new double[][] {{1, 5, 2, 9}, {2, 10, 4, 18}}, new double[2]);
        assertArrayEquals(new double[] {2, 2, 2}, c.ratioQuartiles(1), 0);
        // the median as the Report's (the mean of the middle two), the quartiles order statistics
        assertArrayEquals(new double[] {2, 2.5, 4}, SameJvmComparison.quartiles(new double[] {4, 1, 3, 2}), 0);
        assertArrayEquals(new double[] {2, 3, 4}, SameJvmComparison.quartiles(new double[] {5, 1, 3, 2, 4}), 0);
    }
}
