package dev.autodiff.bench;

import static dev.autodiff.bench.WorkloadTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The logistic workload's forms agree (plain loop, expression, hand-written derivatives against
 * central differences), and every logistic and data-change benchmark returns what its name says.
 */
class LogisticBenchTest {
    // Sums of 10⁵ terms of size ~1 in another order (chunks of 1024, then chunk sums) differ by
    // ~1e-16·√(10⁵)·|terms| relative; 1e-9 is far above that and far below any wrong term.
    private static final double SUMS = 1e-9;
    // Central differences (h = ∛ε·max(1, |θ|)): truncation O(h²)·f''' plus rounding ε·|f|/h relative
    // to the sum; at f ≈ 4·10⁴ that is ~1e-11·4·10⁴ / 6e-6, so 1e-6 of the largest entry.
    private static final double DIFFERENCES = 1e-6;

    private static final Logistic FULL = new Logistic(Logistic.RECORDS);

    @Test
    void plainValueEqualsTheExpressionWithTheDataAsConstants() {
        Logistic small = new Logistic(50);
        List<Variable> w = Logistic.weights();
        double[] theta = small.point();
        Map<String, Double> bindings = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            bindings.put(w.get(i).name(), theta[i]);
        }
        // same operations in the same order, evaluated by different code: only rounding may differ
        assertClose(small.value(theta), small.baked(w).value(bindings), 1e-13, "baked expression");
    }

    @Test
    void handWrittenDerivativesEqualCentralDifferences() {
        double[] theta = FULL.point();
        double[] g = new double[3];
        double v = FULL.valueAndGradient(theta, g);
        assertClose(FULL.value(theta), v, 1e-15, "value of the value-and-gradient loop");
        assertClose(FiniteDifference.gradient(FULL::value, theta), g, DIFFERENCES, "gradient");
        assertClose(FiniteDifference.hessian(t -> {
            double[] out = new double[3];
            FULL.valueAndGradient(t, out);
            return out;
        }, theta), FULL.hessian(theta), DIFFERENCES, "Hessian");
    }

    static List<Object[]> benchmarks() {
        List<Object[]> out = new ArrayList<>();
        for (Class<? extends LogisticSums> c : List.of(LogisticSumBench.class, LogisticSumOneThreadBench.class)) {
            for (Method m : c.getMethods()) {
                if (m.isAnnotationPresent(Benchmark.class)) {
                    out.add(new Object[] {c.getSimpleName() + "." + m.getName(), c, m});
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarks")
    void logisticBenchmarkReturnsWhatItsNameSays(String name, Class<? extends LogisticSums> bench, Method method) throws Exception {
        LogisticSums state = bench.getConstructor().newInstance();
        state.setUp(method.getName());
        Object result = method.invoke(state);
        double[] theta = state.theta;
        double[] g = new double[3];
        double value = FULL.valueAndGradient(theta, g);
        switch (Measurement.measureOf(method.getName())) {
            case "value" -> assertClose(value, (double) result, SUMS, name);
            case "valueAndGradient" -> {
                assertClose(value, (double) result, SUMS, name + " value");
                assertClose(g, state.g, SUMS, name + " gradient");
            }
            case "hessian" -> assertClose(FULL.hessian(theta), (double[][]) result, SUMS, name);
            default -> throw new AssertionError(name + " names no known measure");
        }
    }

    @Test
    void everyLogisticBenchmarkIsMeasuredWithAndWithoutTheCommonPool() {
        List<String> parallel = new ArrayList<>();
        List<String> one = new ArrayList<>();
        for (Object[] b : benchmarks()) {
            (b[1] == LogisticSumBench.class ? parallel : one).add(((Method) b[2]).getName());
        }
        parallel.remove("valueAndGradientReverseBaked");
        assertEquals(new java.util.TreeSet<>(parallel), new java.util.TreeSet<>(one));
    }

    @Test
    void theOneThreadBenchmarkRefusesAJvmWhoseCommonPoolHasWorkers() {
        // this test's JVM runs with the default pool, as a benchmark run in JMH's own JVM (-f 0) would
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new LogisticSumOneThreadBench().checkJvm());
        assertTrue(e.getMessage().contains(JvmFlags.ONE_THREAD), e.getMessage());
    }

    @Test
    void newDataIsBoundWithoutChangingWhatIsComputed() {
        DataChangeBench b = new DataChangeBench();
        double[] theta = b.theta;
        double[] row = b.row;
        double z = theta[0] * row[0] + theta[1] * row[1] + theta[2];
        // the record's loss in closed form, log(1 + e^z) − y·z (z is moderate here, so no overflow)
        double record = Math.log1p(Math.exp(z)) - row[2] * z;
        assertClose(record, b.atParametric().value(theta), 1e-14, "at(row)");
        assertClose(record, b.compileRecordConstants().value(theta), 1e-14, "record with constants");
        ParametricDifferentiable p = b.compileParametric();
        assertClose(record, p.at(row).value(theta), 1e-14, "compiled parametric record");

        double[] g = new double[3];
        double value = FULL.valueAndGradient(theta, g);
        Differentiable sum = b.sumOverParametric();
        assertClose(g, sum.gradient(theta), SUMS, "sumOver gradient");
        assertClose(value, b.sumOverAndGradientParametric(), SUMS, "sumOver and its first gradient");
        assertClose(g, b.g, SUMS, "gradient written by sumOverAndGradient");
        Differentiable baked = b.compileSumConstants();
        assertClose(value, baked.value(theta), SUMS, "sum with the data as constants");
    }
}
