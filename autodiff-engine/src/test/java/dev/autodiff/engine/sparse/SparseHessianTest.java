package dev.autodiff.engine.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.Engine;
import dev.autodiff.engine.Mode;
import dev.autodiff.engine.ScalarFunction;
import dev.autodiff.engine.VectorFunction;
import dev.autodiff.engine.sparse.Workloads.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sparse Hessians of functions with known structure, in both modes: the pattern is exactly the
 * structure the function has, the colour count is what theory gives for it, and every entry equals
 * the dense Hessian's.
 */
class SparseHessianTest {
    /**
     * Sparse and dense entries are the same sums of products of local partials (the sparse one read
     * from H·s, whose other terms are exact zeros; the dense one averaged with its mirror), differing
     * in rounding only: a few ulps of the largest entry. 1e-12 of it leaves a thousandfold margin; a
     * wrong entry differs by its own size.
     */
    private static final double RELATIVE = 1e-12;

    static Stream<Arguments> workloads() {
        // colours: a path needs 3; a band of half-bandwidth b, 2b + 1; a star, 2; blocks of k, k; a
        // bordered band, its border's own colour on top of the band's 3 (see StarColouringTest)
        return Stream.of(
                Arguments.of("Rosenbrock", (IntFunction<Workload>) Workloads::rosenbrock, 3),
                Arguments.of("arrowhead, first hub", (IntFunction<Workload>) n -> Workloads.arrowhead(n, 0), 2),
                Arguments.of("arrowhead, last hub", (IntFunction<Workload>) n -> Workloads.arrowhead(n, n - 1), 2),
                Arguments.of("band b = 2", (IntFunction<Workload>) n -> Workloads.banded(n, 2), 5),
                Arguments.of("band b = 4", (IntFunction<Workload>) n -> Workloads.banded(n, 4), 9),
                Arguments.of("blocks of 5", (IntFunction<Workload>) n -> Workloads.blockDiagonal(n, 5), 5),
                Arguments.of("diagonal", (IntFunction<Workload>) n -> Workloads.blockDiagonal(n, 1), 1),
                Arguments.of("bordered tridiagonal", (IntFunction<Workload>) Workloads::borderedTridiagonal, 4));
    }

    private static Differentiable reverse(Workload w) {
        return ScalarFunction.of(w.f(), w.x(), Mode.REVERSE);
    }

    private static Differentiable forward(Workload w) {
        return ScalarFunction.of(w.f(), w.x(), Mode.FORWARD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void reverseModeRecoversTheDenseHessianWithTheColoursTheoryGives(String name, IntFunction<Workload> w, int colours) {
        Workload workload = w.apply(500);
        check(reverse(workload), workload, colours);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void forwardModeRecoversTheDenseHessianWithTheColoursTheoryGives(String name, IntFunction<Workload> w, int colours) {
        // forward mode's dense Hessian, the reference, costs n²/(2k) passes: 150 variables keep it to a second
        Workload workload = w.apply(150);
        check(forward(workload), workload, colours);
    }

    private static void check(Differentiable f, Workload w, int colours) {
        int n = w.x().size();
        SparsityPattern pattern = f.hessianSparsity();
        assertEquals(SparsityPattern.Compression.STAR, pattern.compression());
        assertEquals(colours, pattern.colours(), "colours of " + w);
        int stored = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(w.rule().stored(i, j), pattern.isStored(i, j), w + ": entry (" + i + ", " + j + ")");
                stored += w.rule().stored(i, j) ? 1 : 0;
            }
        }
        assertEquals(stored, pattern.nonZeros());
        double[] point = w.point(42);
        SparseMatrix sparse = f.sparseHessian(point);
        double[][] dense = f.hessian(point);
        assertEquals(pattern.nonZeros(), sparse.nonZeros());
        double scale = 1;
        for (double[] row : dense) {
            for (double x : row) {
                scale = Math.max(scale, Math.abs(x));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(dense[i][j], sparse.get(i, j), RELATIVE * scale, w + ": H[" + i + "][" + j + "]");
                assertEquals(sparse.get(i, j), sparse.get(j, i), 0.0, "exactly symmetric");
                if (pattern.isStored(i, j)) {
                    // structural entries of these functions are non-zero at a generic point
                    assertTrue(dense[i][j] != 0, w + ": stored H[" + i + "][" + j + "] is 0");
                }
            }
        }
    }

    @Test
    void bothModesGiveTheSameSparseHessian() {
        Workload w = Workloads.banded(120, 3);
        double[] point = w.point(5);
        SparseMatrix r = reverse(w).sparseHessian(point);
        SparseMatrix f = forward(w).sparseHessian(point);
        assertEquals(r.nonZeros(), f.nonZeros());
        for (int k = 0; k < r.nonZeros(); k++) {
            assertEquals(r.columnAt(k), f.columnAt(k));
            assertEquals(r.valueAt(k), f.valueAt(k), RELATIVE * Math.max(1, Math.abs(r.valueAt(k))) * 10);
        }
    }

    @Test
    void rosenbrockOfAHundredThousandVariablesCostsThreeHessianVectorProducts() {
        int n = 100_000;
        Workload w = Workloads.rosenbrock(n);
        Program program = Program.compile(List.of(w.f()), w.x());
        ScalarFunction f = new ScalarFunction(Engine.of(program, program.inputCount), Mode.REVERSE, new double[0]);
        double[] x = w.point(3);
        SparseMatrix h = f.sparseHessian(x);
        assertEquals(3 * n - 2, h.nonZeros());
        assertEquals(3, f.hessianSparsity().colours());
        // the closed form: H_ii = 1200 x_i² − 400 x_{i+1} + 2 (i < n−1) + 200 (i > 0), H_{i,i+1} = −400 x_i
        for (int i = 0; i < n; i++) {
            double diagonal = (i < n - 1 ? 1200 * x[i] * x[i] - 400 * x[i + 1] + 2 : 0) + (i > 0 ? 200 : 0);
            assertEquals(diagonal, h.get(i, i), 1e-12 * 1600, "H[" + i + "][" + i + "]");
            if (i + 1 < n) {
                assertEquals(-400 * x[i], h.get(i, i + 1), 1e-12 * 400, "H[" + i + "][" + (i + 1) + "]");
                assertEquals(h.get(i, i + 1), h.get(i + 1, i), 0.0);
            }
        }
        int[] products = {0};
        HessianPlan.of(ProgramGraph.of(program)).hessian(seeds -> {
            products[0] += seeds.length;
            return SeedProducts.each(s -> f.hessianVector(x, s)).multiply(seeds);
        });
        assertEquals(3, products[0], "Hessian-vector products per sparse Hessian");
    }

    @Test
    void linearFunctionsUnusedVariablesAndNoVariablesNeedNoProduct() {
        List<Variable> x = Expr.variables("x", 4);
        // x0·x1 + 3·x2: x3 is unused and x2 appears linearly, so neither has a stored entry or a colour
        Expr e = x.get(0).times(x.get(1)).plus(x.get(2).times(3));
        for (Differentiable f : List.of(ScalarFunction.of(e, x, Mode.REVERSE), ScalarFunction.of(e, x, Mode.FORWARD))) {
            SparsityPattern p = f.hessianSparsity();
            assertEquals(2, p.nonZeros());
            assertEquals(2, p.colours());
            assertEquals(-1, p.colourOf(2));
            assertEquals(-1, p.colourOf(3));
            SparseMatrix h = f.sparseHessian(1, 2, 3, 4);
            assertEquals(1.0, h.get(0, 1), 0.0);
            assertEquals(1.0, h.get(1, 0), 0.0);
        }
        Expr linear = x.get(0).plus(x.get(3)).times(2);
        Differentiable f = ScalarFunction.of(linear, x, Mode.REVERSE);
        assertEquals(0, f.hessianSparsity().colours());
        assertEquals(0, f.sparseHessian(1, 2, 3, 4).nonZeros());
        Differentiable none = ScalarFunction.of(Expr.constant(2), List.of(), Mode.REVERSE);
        SparseMatrix empty = none.sparseHessian();
        assertEquals(0, empty.rows());
        assertEquals(0, empty.nonZeros());
    }

    @Test
    void concurrentFirstCallsAgreeWithASequentialCall() throws Exception {
        Workload w = Workloads.banded(300, 2);
        double[] point = w.point(9);
        for (boolean reverse : new boolean[] {true, false}) {
            SparseMatrix expected = (reverse ? reverse(w) : forward(w)).sparseHessian(point);
            Differentiable fresh = reverse ? reverse(w) : forward(w);
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<SparseMatrix>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        SparseMatrix last = null;
                        for (int k = 0; k < 5; k++) {
                            last = fresh.sparseHessian(point);
                        }
                        return last;
                    }));
                }
                start.countDown();
                for (Future<SparseMatrix> r : results) {
                    assertEquals(expected, r.get(), "bit-identical to a sequential call, reverse = " + reverse);
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
