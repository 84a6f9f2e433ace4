package dev.autodiff.bench;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.internal.calls.Batch;
import dev.autodiff.reverse.Reverse;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch evaluation: reverse-mode gradients of one compiled Rosenbrock (n = 100) at 10⁴ points via
 * {@link Differentiable#gradients(double[][], int)}, from 1 thread to all cores. {@link Report}
 * sets {@code threads} to 1, 2, 4, … up to the machine's core count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.MIN_HEAP, JvmFlags.MAX_HEAP, JvmFlags.PRE_TOUCH})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BatchBench {
    /** The number of variables of the function. */
    public static final int DIMENSION = 100;
    /** The number of points per batch. */
    public static final int POINTS = 10_000;

    /** The number of worker threads. */
    @Param({"1", "2"})
    public int threads;

    final Rosenbrock workload = new Rosenbrock(DIMENSION);
    final double[][] points = new double[POINTS][DIMENSION];
    final Differentiable reverse = Reverse.of(workload.expr(workload.variables()), workload.variables());

    /** Scatters the points around the workload's fixed point, the same on every run. */
    public BatchBench() {
        double[] center = workload.point();
        SplittableRandom random = new SplittableRandom(0xBA7CL);
        for (double[] p : points) {
            for (int i = 0; i < DIMENSION; i++) {
                p[i] = center[i] + random.nextDouble(-0.1, 0.1);
            }
        }
    }

    /** Plain Java f at every point, on this thread: the floor for one batch. */
    @Benchmark
    public double valuePlain() {
        double sum = 0;
        for (double[] p : points) {
            sum += workload.value(p);
        }
        return sum;
    }

    /** Reverse-mode gradients at every point on {@code threads} workers. */
    @Benchmark
    public double[][] gradientsReverse() {
        return reverse.gradients(points, threads);
    }
}
