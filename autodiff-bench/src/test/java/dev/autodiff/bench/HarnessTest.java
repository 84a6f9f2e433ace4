package dev.autodiff.bench;

import static dev.autodiff.bench.WorkloadTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.SparseMatrix;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Every benchmark method, run once outside JMH at its class's smallest size, returns what its name
 * promises: the value, gradient, directional derivative, H·v or Hessian of its workload at its point.
 * A benchmark wired to the wrong point, workload or mode fails here instead of timing wrong code.
 */
class HarnessTest {
    // The least accurate methods are central differences (relative error ≈ 1e-8 on these smooth
    // workloads, see WorkloadTest); wrong wiring gives O(1) differences.
    private static final double TOLERANCE = 1e-5;

    static List<Object[]> benchmarks() {
        List<Object[]> out = new ArrayList<>();
        for (Class<?> c : List.of(RosenbrockBench.class, RosenbrockQuadraticBench.class, RosenbrockSmallBench.class,
                LogSumExpBench.class, AckleyBench.class, MlpBench.class, HuberBench.class, SparseHessianBench.class,
                SparseHessianSmallBench.class, NumericTapeBench.class, DualGradientBench.class)) {
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
    void benchmarkReturnsWhatItsNameSays(String name, Class<?> bench, Method method) throws Exception {
        WorkloadState state = (WorkloadState) bench.getConstructor().newInstance();
        for (Field f : bench.getFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p != null) {
                f.setInt(state, Integer.parseInt(p.value()[0]));
            }
        }
        state.setUp(method.getName());
        Object result = method.invoke(state);
        Workload w = state.workload;
        double[] x = state.x;
        double[] g = w.gradient(x);
        double[][] h = FiniteDifference.hessian(w::gradient, x);
        switch (Measurement.measureOf(method.getName())) {
            case "value" -> assertClose(w.value(x), (double) result, TOLERANCE, name);
            case "valueAndGradient" -> {
                assertClose(w.value(x), (double) result, TOLERANCE, name + " value");
                assertClose(g, state.g, TOLERANCE, name + " gradient written into the state's array");
            }
            case "gradient" -> assertClose(g, (double[]) result, TOLERANCE, name);
            case "directional" -> assertClose(dot(g, state.v), (double) result, TOLERANCE, name);
            case "hessianVector" -> assertClose(times(h, state.v), (double[]) result, TOLERANCE, name);
            case "hessian" -> assertClose(h, (double[][]) result, TOLERANCE, name);
            case "sparseHessian" -> {
                SparseMatrix sparse = (SparseMatrix) result;
                assertClose(h, sparse.toDense(), TOLERANCE, name);
                // Rosenbrock's Hessian is tridiagonal: exactly those entries stored
                assertEquals(3 * x.length - 2, sparse.nonZeros(), name);
            }
            default -> throw new AssertionError(name + " names no known measure");
        }
    }

    @Test
    void everyBenchmarkNameParsesToAMeasureAndAnImplementation() {
        for (Object[] b : benchmarks()) {
            String method = ((Method) b[2]).getName();
            Measurement m = new Measurement("", method, java.util.Map.of(), 1, 0);
            assertTrue(List.of("value", "valueAndGradient", "gradient", "directional", "hessianVector", "hessian", "sparseHessian")
                    .contains(m.measure()), method);
            assertTrue(List.of("Plain", "Analytic", "Forward", "Reverse", "Tape", "TapeFloor", "TapeFloorFolded", "Dual", "HipparchusDS1", "HipparchusDS2",
                    "HipparchusGradient", "FiniteDifference").contains(m.implementation()), method);
        }
    }

    @Test
    void everyBenchmarkForksWithAFixedPreTouchedHeap() {
        // JMH's own list of the compiled benchmarks, with their annotations resolved through the class hierarchy
        var entries = BenchmarkList.defaultList().getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                List.of());
        assertTrue(entries.size() > 50, "expected the benchmark list JMH generated, got " + entries.size() + " entries");
        for (BenchmarkListEntry e : entries) {
            var append = e.getJvmArgsAppend();
            assertTrue(append.hasValue() && append.get().containsAll(JvmFlags.HEAP),
                    e.getUsername() + " forks without " + JvmFlags.HEAP + ": " + append);
        }
    }

    @Test
    void reportGivesEveryForkTheHeapFlagsAndLeavesAClassesOwnFlagsInPlace() {
        var options = Report.jmhOptions(".*").build();
        assertEquals(JvmFlags.HEAP, List.copyOf(options.getJvmArgs().get()));
        // jvmArgsAppend is left to the annotations (the one-thread benchmark's flag lives there)
        assertTrue(!options.getJvmArgsAppend().hasValue());
    }

    @Test
    void batchGradientsAreTheGradientsAtEveryPointWithOneAndTwoThreads() {
        BatchBench b = new BatchBench();
        for (int threads : new int[] {1, 2}) {
            b.threads = threads;
            double[][] out = b.gradientsReverse();
            assertEquals(BatchBench.POINTS, out.length);
            for (int i = 0; i < out.length; i += 97) {
                assertClose(b.workload.gradient(b.points[i]), out[i], TOLERANCE, "point " + i + ", threads " + threads);
            }
        }
    }

    @Test
    void compileBenchBuildsAMillionNodesAndCompilesTheSameFunction() {
        CompileBench c = new CompileBench();
        int nodes = c.expr.nodeCount();
        assertTrue(nodes >= 1_000_000, "expected at least 10^6 nodes, got " + nodes);
        Differentiable f = c.buildAndCompileReverse();
        double[] x = c.workload.point();
        assertClose(c.workload.value(x), f.value(x), 1e-12, "compiled value");
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[] times(double[][] h, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = dot(h[i], v);
        }
        return out;
    }
}
