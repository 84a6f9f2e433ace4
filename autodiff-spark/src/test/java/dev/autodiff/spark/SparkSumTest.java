package dev.autodiff.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import org.junit.jupiter.api.Test;

/**
 * The Spark sum against the oracle of one machine: {@code sumOver} of the same records. The two add
 * the same per-record results in different orders, so they differ by rounding only; the bound is
 * the textbook one for recursive summation. {@code sumOver} adds N terms in one sequence, error at
 * most (N−1)·u·Σ|t|; the Spark sum adds chunks of c terms in sequence, error at most (c−1)·u·Σ|t|,
 * then adds the chunks exactly and rounds once, u·|Σt| ≤ u·Σ|t|. So they differ by at most
 * (N + c)·u·Σ|t| (u = 2⁻⁵³), Σ|t| taken per component from the records one at a time.
 */
class SparkSumTest {
    private static final double U = 0x1p-53;
    private static final int N = 3000;
    private static final int CHUNK = 256;
    private static final double[][] ROWS = Logistic.records(N, 42);
    private static final double[] THETA = {0.7, -1.1, 0.2};
    private static final double[] V = {0.3, 0.5, -0.9};

    private static final RecordFunction NLL = RecordFunction.reverse(Logistic.NLL, Logistic.W, Logistic.DATA);
    private static final Differentiable ONE_MACHINE = NLL.sumOver(ROWS);

    private static SparkSum spark(int partitions) {
        return SparkSum.of(NLL, Logistic.dataset(ROWS, partitions)).withChunkRows(CHUNK);
    }

    /** Asserts |actual − expected| ≤ (N + c)·u·scale (see the class comment), component by component. */
    private static void assertWithinSummationBound(double[] expected, double[] actual, double[] scale) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double bound = (N + CHUNK) * U * scale[i];
            assertTrue(Math.abs(actual[i] - expected[i]) <= bound, "component " + i + ": " + actual[i] + " vs "
                    + expected[i] + ", bound " + bound);
        }
    }

    /** {@return Σ_r |t_r| per component, t_r the record's result} */
    private static double[] absoluteSum(java.util.function.Function<Differentiable, double[]> perRecord) {
        double[] s = null;
        for (double[] row : ROWS) {
            double[] t = perRecord.apply(NLL.at(row));
            if (s == null) {
                s = new double[t.length];
            }
            for (int i = 0; i < t.length; i++) {
                s[i] += Math.abs(t[i]);
            }
        }
        return s;
    }

    @Test
    void valueAndGradientAgreeWithSumOverToRounding() {
        SparkSum f = spark(3);
        double[] g = new double[3];
        double v = f.valueAndGradient(THETA, g);
        assertWithinSummationBound(new double[] {ONE_MACHINE.value(THETA)}, new double[] {v},
                absoluteSum(d -> new double[] {d.value(THETA)}));
        assertWithinSummationBound(ONE_MACHINE.gradient(THETA), g, absoluteSum(d -> d.gradient(THETA)));
        assertEquals(v, f.value(THETA), 0.0, "value alone and value with the gradient add the same chunk values");
        assertArrayEquals(g, f.gradient(THETA), 0.0);
    }

    @Test
    void hessianAndProductsAgreeWithSumOverToRounding() {
        SparkSum f = spark(3);
        double[][] h = f.hessian(THETA);
        double[][] expected = ONE_MACHINE.hessian(THETA);
        for (int i = 0; i < 3; i++) {
            int row = i;
            assertWithinSummationBound(expected[i], h[i], absoluteSum(d -> d.hessian(THETA)[row]));
            for (int j = 0; j < 3; j++) {
                assertEquals(h[i][j], h[j][i], 0.0, "symmetric");
            }
        }
        assertWithinSummationBound(ONE_MACHINE.hessianVector(THETA, V), f.hessianVector(THETA, V),
                absoluteSum(d -> d.hessianVector(THETA, V)));
        assertWithinSummationBound(new double[] {ONE_MACHINE.directional(THETA, V)},
                new double[] {f.directional(THETA, V)}, absoluteSum(d -> new double[] {d.directional(THETA, V)}));
    }

    @Test
    void secondOrderIsValueGradientAndHessianOfOneJob() {
        SparkSum f = spark(2);
        SparkSum.SecondOrder all = f.secondOrder(THETA);
        assertEquals(f.value(THETA), all.value(), 0.0);
        assertArrayEquals(f.gradient(THETA), all.gradient(), 0.0);
        double[][] h = f.hessian(THETA);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(h[i], all.hessian()[i], 0.0);
        }
    }

    @Test
    void forwardModeAgreesWithReverseMode() {
        RecordFunction forward = RecordFunction.forward(Logistic.NLL, Logistic.W, Logistic.DATA);
        SparkSum f = SparkSum.of(forward, Logistic.dataset(ROWS, 2)).withChunkRows(CHUNK);
        SparkSum r = spark(2);
        // per record, the modes agree to a few ulps of each term; the sums then to that times Σ|t|
        double[] scale = absoluteSum(d -> d.gradient(THETA));
        double[] gf = f.gradient(THETA);
        double[] gr = r.gradient(THETA);
        for (int i = 0; i < 3; i++) {
            assertEquals(gr[i], gf[i], (N + CHUNK + 8) * U * scale[i]);
        }
    }

    @Test
    void everyCallGivesTheSameBitsAndSoDoesEveryDepth() {
        SparkSum f = spark(5);
        double[] first = f.gradient(THETA);
        assertArrayEquals(first, f.gradient(THETA), 0.0);
        // exact merging: the aggregation tree's shape cannot change a bit
        assertArrayEquals(first, f.withDepth(1).gradient(THETA), 0.0);
        assertArrayEquals(first, f.withDepth(4).gradient(THETA), 0.0);
        try (SparkSum persisted = f.persist()) {
            assertArrayEquals(first, persisted.gradient(THETA), 0.0);
            assertArrayEquals(first, persisted.gradient(THETA), 0.0);
        }
    }

    @Test
    void anotherPartitioningAgreesToRounding() {
        double[] two = spark(2).gradient(THETA);
        double[] seven = spark(7).gradient(THETA);
        assertWithinSummationBound(two, seven, absoluteSum(d -> d.gradient(THETA)));
    }

    @Test
    void sumOverNoRecordsIsZero() {
        SparkSum f = SparkSum.of(NLL, Logistic.dataset(new double[0][], 2));
        assertEquals(0.0, f.value(THETA), 0.0);
        assertArrayEquals(new double[3], f.gradient(THETA), 0.0);
        assertEquals(0, f.count());
    }

    @Test
    void countsRecordsAndPartitions() {
        SparkSum f = spark(3);
        assertEquals(N, f.count());
        assertEquals(3, f.partitions());
        assertEquals(CHUNK, f.chunkRows());
        assertEquals(SparkSum.DEFAULT_DEPTH, f.depth());
    }
}
