package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Deep and wide programs, and one compiled function shared by threads. */
class ScaleAndConcurrencyTest {
    private static final int DEPTH = 1_000_000;

    @Test
    void millionDeepChainDifferentiatesAtTheDefaultStack() {
        // f = s_N with s_0 = x, s_{k+1} = sin(s_k) + 0.5; oracle: the chain rule unrolled by hand,
        // carrying s, s' and s'' through the same recurrence (a second-order dual number)
        Variable x = Expr.variable("x");
        Expr e = x;
        Expr half = Expr.constant(0.5);
        for (int k = 0; k < DEPTH; k++) {
            e = e.sin().plus(half);
        }
        double s = 0.3;
        double d = 1;
        double d2 = 0;
        for (int k = 0; k < DEPTH; k++) {
            double c = Math.cos(s);
            double sn = Math.sin(s);
            d2 = -sn * d * d + c * d2;
            d = c * d;
            s = sn + 0.5;
        }
        Differentiable f = Reverse.of(e, x);
        // same operations in the same order for the value; the derivatives multiply the same
        // factors in another order, so allow accumulated rounding of 10^6 products: 1e-9 relative
        assertEquals(s, f.value(0.3), 0.0);
        assertEquals(d, f.gradient(0.3)[0], 1e-9 * Math.abs(d));
        assertEquals(d2, f.hessian(0.3)[0][0], 1e-9 * Math.abs(d2));
    }

    @Test
    void millionDeepChainOnANumericTape() {
        double expected = 1;
        double s = 0.3;
        for (int k = 0; k < DEPTH; k++) {
            expected *= Math.cos(s);
            s = Math.sin(s) + 0.5;
        }
        double d = Reverse.derivative(t -> {
            Tracked u = t;
            for (int k = 0; k < DEPTH; k++) {
                u = u.sin().plus(0.5);
            }
            return u;
        }, 0.3);
        assertEquals(expected, d, 1e-9 * Math.abs(expected));
    }

    @Test
    void gradientOfAHundredThousandInputSumTakesOneSweep() {
        int n = 100_000;
        AtomicLong ruleCalls = new AtomicLong();
        // a custom operation counts how often a forward sweep asks for its local derivative
        CustomOperation counted = CustomOperation.of("counted", t -> t, (t, g) -> {
            ruleCalls.incrementAndGet();
            return g;
        });
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vars.add(Expr.variable("x" + i));
        }
        Expr sum = Expr.sum(vars).plus(counted.invoke(vars.get(0)));
        Differentiable f = Reverse.of(sum, vars);
        double[] point = new double[n];
        double[] g = f.gradient(point);
        assertEquals(1, ruleCalls.get(), "one forward sweep for all 10^5 partial derivatives");
        assertEquals(2.0, g[0]);
        for (int i = 1; i < n; i++) {
            assertEquals(1.0, g[i]);
        }
    }

    @Test
    void fourThreadsGiveBitIdenticalResultsToOne() throws Exception {
        List<Variable> vars = List.of(Expr.variable("x"), Expr.variable("y"), Expr.variable("z"));
        Expr e = new RandomPrograms(5, 3, 40).replay(new RandomPrograms.ExprAlgebra(), vars::get);
        Differentiable f = Reverse.of(e, vars);
        int points = 100;
        double[][] p = new double[points][];
        for (int k = 0; k < points; k++) {
            p[k] = new double[] {Math.sin(k), Math.cos(3 * k), 0.01 * k - 0.5};
        }
        assertThreadsAgreeWithOne(f, p, new double[] {0.3, -1, 2}, 10_000);
    }

    @Test
    void fourThreadsRunningLoopKernelsGiveBitIdenticalResultsToOne() throws Exception {
        int n = 200; // chained Rosenbrock: one loop of n - 2 terms, shared kernel, per-thread arrays
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vars.add(Expr.variable("x" + i));
        }
        Expr sum = null;
        for (int i = 0; i + 1 < n; i++) {
            Expr a = vars.get(i + 1).minus(vars.get(i).square());
            Expr term = a.square().times(100).plus(Expr.constant(1).minus(vars.get(i)).square());
            sum = sum == null ? term : sum.plus(term);
        }
        double[][] p = new double[40][n];
        double[] v = new double[n];
        for (int k = 0; k < p.length; k++) {
            for (int i = 0; i < n; i++) {
                p[k][i] = Math.sin(k + 0.1 * i);
                v[i] = Math.cos(i);
            }
        }
        assertThreadsAgreeWithOne(Reverse.of(sum, vars), p, v, 2_000);
    }

    private static void assertThreadsAgreeWithOne(Differentiable f, double[][] p, double[] v, int calls) throws Exception {
        int points = p.length;
        double[][] grads = new double[points][];
        double[][] hvs = new double[points][];
        for (int k = 0; k < points; k++) {
            grads[k] = f.gradient(p[k]);
            hvs[k] = f.hessianVector(p[k], v);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    for (int call = 0; call < calls; call++) {
                        int k = (call * 7 + offset) % points;
                        // gradients and Hessian-vector products interleave on each thread's workspace
                        assertArrayEquals(grads[k], f.gradient(p[k]));
                        if (call % 10 == 0) {
                            assertArrayEquals(hvs[k], f.hessianVector(p[k], v));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get(); // rethrows an assertion failure from a worker
            }
        } finally {
            pool.shutdown();
        }
    }
}
