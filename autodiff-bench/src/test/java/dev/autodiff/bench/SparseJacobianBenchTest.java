package dev.autodiff.bench;

import static dev.autodiff.bench.WorkloadTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/** The banded residual's forms agree, and every {@link SparseJacobianBench} method returns what its name says. */
class SparseJacobianBenchTest {
    // Products and sums of a few terms computed in the same order: only rounding may differ.
    private static final double ROUNDING = 1e-13;

    @Test
    void plainResidualEqualsItsExpressionsAndItsJacobianEqualsCentralDifferences() {
        Residual r = new Residual(7);
        double[] x = r.point();
        var vars = Expr.variables("x", 7);
        List<Expr> exprs = r.exprs(vars);
        Map<String, Double> bindings = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            bindings.put(vars.get(i).name(), x[i]);
        }
        double[] value = r.value(x);
        for (int i = 0; i < 7; i++) {
            assertClose(value[i], exprs.get(i).value(bindings), ROUNDING, "r" + i);
        }
        double[][] j = r.jacobian(x);
        for (int i = 0; i < 7; i++) {
            int row = i;
            // central differences of one residual: error ~1e-10 on these entries of size ≤ 2
            assertClose(FiniteDifference.gradient(p -> r.value(p)[row], x), j[i], 1e-8, "Jacobian row " + i);
        }
    }

    static List<Object[]> benchmarks() {
        List<Object[]> out = new ArrayList<>();
        for (Method m : SparseJacobianBench.class.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                out.add(new Object[] {m.getName(), m});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarks")
    void sparseJacobianBenchmarkReturnsWhatItsNameSays(String name, Method method) throws Exception {
        SparseJacobianBench b = new SparseJacobianBench();
        b.n = Integer.parseInt(SparseJacobianBench.class.getField("n").getAnnotation(Param.class).value()[0]);
        b.setUp(name);
        Object result = method.invoke(b);
        double[][] j = b.residual.jacobian(b.x);
        switch (Measurement.measureOf(name)) {
            case "value" -> assertClose(b.residual.value(b.x), (double[]) result, 0, name);
            case "jvp" -> assertClose(times(j, b.v), (double[]) result, ROUNDING, name);
            case "vjp" -> assertClose(times(transpose(j), b.v), (double[]) result, ROUNDING, name);
            case "sparseJacobian" -> {
                SparseMatrix s = (SparseMatrix) result;
                assertClose(j, s.toDense(), ROUNDING, name);
                assertEquals(3 * b.n - 2, s.nonZeros(), name + ": the tridiagonal entries exactly");
            }
            default -> throw new AssertionError(name + " names no known measure");
        }
    }

    private static double[] times(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < v.length; k++) {
                out[i] += a[i][k] * v[k];
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[0].length; k++) {
                t[k][i] = a[i][k];
            }
        }
        return t;
    }
}
