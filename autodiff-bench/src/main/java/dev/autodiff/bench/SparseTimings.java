package dev.autodiff.bench;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times of sparse Hessians and Jacobians: the first call, which analyses the program and colours
 * the pattern and which JMH's steady state hides, and the best of later calls. Prints wall and
 * thread CPU time for the first call (the CPU time leaves out other processes on a shared machine,
 * and the JIT's threads).
 *
 * <pre>{@code
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.SparseTimings
 * }</pre>
 */
public final class SparseTimings {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SparseTimings() {}

    /** A measured call: wall and CPU nanoseconds, and its result. */
    private record Timed<T>(double wall, double cpu, T result) {}

    private static <T> Timed<T> time(Supplier<T> call) {
        long c = THREADS.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        T r = call.get();
        return new Timed<>(System.nanoTime() - t, THREADS.getCurrentThreadCpuTime() - c, r);
    }

    /**
     * {@return the least wall time of {@code reps} calls after {@code reps} warm-up calls}: on a
     * shared machine the least is the one other processes disturbed least
     */
    private static double best(int reps, Supplier<?> call) {
        for (int k = 0; k < reps; k++) {
            call.get();
        }
        long best = Long.MAX_VALUE;
        for (int k = 0; k < reps; k++) {
            long t = System.nanoTime();
            call.get();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best;
    }

    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** Prints the timings; {@code args}: the largest n (default 100000). */
    public static void main(String[] args) {
        int largest = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        for (int n : new int[] {1000, 2000, 10_000, 100_000}) {
            if (n <= largest) {
                rosenbrockReverse(n);
            }
        }
        for (int n : new int[] {1000, 2000}) {
            rosenbrockForward(n);
        }
        residual(largest);
    }

    private static void rosenbrockReverse(int n) {
        Rosenbrock w = new Rosenbrock(n);
        Variable[] x = w.variables();
        double[] p = w.point();
        Timed<Differentiable> compiled = time(() -> Reverse.of(w.expr(x), x));
        Differentiable f = compiled.result();
        Timed<SparseMatrix> first = time(() -> f.sparseHessian(p));
        Timed<SparseMatrix> second = time(() -> f.sparseHessian(p));
        double sparse = best(10, () -> f.sparseHessian(p));
        double value = best(10, () -> f.value(p));
        double hv = best(10, () -> f.hessianVector(p, w.direction()));
        System.out.printf(Locale.ROOT, "reverse Rosenbrock n = %d: build and compile %s; sparse Hessian first call %s (CPU %s, "
                        + "analysis included), second %s, best of later calls %s = %.1f f = %.2f H·v (%d colours, %d stored)%n",
                n, ms(compiled.wall()), ms(first.wall()), ms(first.cpu()), ms(second.wall()), ms(sparse), sparse / value,
                sparse / hv, f.hessianSparsity().colours(), first.result().nonZeros());
        if (n <= 2000) {
            System.out.printf(Locale.ROOT, "  dense reverse Hessian n = %d: %s%n", n, ms(best(2, () -> f.hessian(p))));
        }
    }

    private static void rosenbrockForward(int n) {
        Rosenbrock w = new Rosenbrock(n);
        Variable[] x = w.variables();
        double[] p = w.point();
        Differentiable f = Forward.of(w.expr(x), x);
        Timed<SparseMatrix> first = time(() -> f.sparseHessian(p));
        double sparse = best(3, () -> f.sparseHessian(p));
        double value = best(10, () -> f.value(p));
        System.out.printf(Locale.ROOT, "forward Rosenbrock n = %d: sparse Hessian first call %s (CPU %s), best of later calls %s = %.0f f%n",
                n, ms(first.wall()), ms(first.cpu()), ms(sparse), sparse / value);
    }

    private static void residual(int n) {
        Residual residual = new Residual(n);
        List<Variable> x = Expr.variables("x", n);
        List<Expr> r = residual.exprs(x);
        double[] p = residual.point();
        for (boolean reverse : new boolean[] {true, false}) {
            VectorDifferentiable m = reverse ? Reverse.of(r, x) : Forward.of(r, x);
            Timed<SparseMatrix> first = time(() -> m.sparseJacobian(p));
            double sparse = best(5, () -> m.sparseJacobian(p));
            double value = best(5, () -> m.value(p));
            System.out.printf(Locale.ROOT, "%s PDE residual n = %d: sparse Jacobian first call %s (CPU %s), best of later calls %s = %.1f "
                            + "evaluations (%d %s products, %d stored)%n",
                    reverse ? "reverse" : "forward", n, ms(first.wall()), ms(first.cpu()), ms(sparse), sparse / value,
                    m.jacobianSparsity().colours(), m.jacobianSparsity().compression(), first.result().nonZeros());
        }
    }
}
