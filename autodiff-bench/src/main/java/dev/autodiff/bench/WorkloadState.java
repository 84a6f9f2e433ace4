package dev.autodiff.bench;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.util.concurrent.TimeUnit;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The shared state of a workload's benchmarks: the workload, a fixed point and direction, and only
 * what the measured method needs, built before measurement.
 *
 * <p>Benchmark methods are named {@code <measure><Implementation>} ({@code gradientReverse},
 * {@code hessianHipparchusDS2}); setup reads that name to compile only the mode the method uses, so
 * a 10⁶-node workload is not compiled by both modes for every method. {@link Report} reads the
 * same names.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.MIN_HEAP, JvmFlags.MAX_HEAP, JvmFlags.PRE_TOUCH})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class WorkloadState {
    protected Workload workload = new Rosenbrock(2);
    protected double[] x = new double[0];
    protected double[] v = new double[0];
    /** Where {@code valueAndGradient} writes the gradient: allocated once, in set-up. */
    protected double[] g = new double[0];
    protected Differentiable forward = NotCompiled.INSTANCE;
    protected Differentiable reverse = NotCompiled.INSTANCE;
    protected Hipparchus hipparchus = new Hipparchus(1, 1);
    protected DSFactory oneParameter = new DSFactory(1, 1);

    /** Plain Java f: the floor. */
    @Benchmark
    public double valuePlain() {
        return workload.value(x);
    }

    /** {@return the workload at this state's parameters} */
    protected abstract Workload create();

    /** JMH entry: prepares for the benchmark method named in {@code params}. */
    @Setup(Level.Trial)
    public void setUpTrial(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        setUp(benchmark.substring(benchmark.lastIndexOf('.') + 1));
    }

    /** Prepares the workload, point and direction, and what {@code method} needs of modes and baselines. */
    public void setUp(String method) {
        workload = create();
        x = workload.point();
        v = workload.direction();
        g = new double[x.length];
        if (method.endsWith("Forward") || method.endsWith("Reverse")) {
            Variable[] vars = workload.variables();
            var expr = workload.expr(vars);
            if (method.endsWith("Forward")) {
                forward = Forward.of(expr, vars);
            } else {
                reverse = Reverse.of(expr, vars);
            }
        }
        if (method.startsWith("gradient") && method.endsWith("DS1")) {
            hipparchus = new Hipparchus(workload.dimension(), 1);
        } else if (method.endsWith("DS2")) {
            hipparchus = new Hipparchus(workload.dimension(), 2);
        }
    }
}
