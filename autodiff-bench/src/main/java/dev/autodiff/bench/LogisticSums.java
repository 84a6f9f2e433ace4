package dev.autodiff.bench;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * The logistic negative log-likelihood over {@value Logistic#RECORDS} records in its 3 parameters,
 * summed by {@code Reverse.of(nll, weights, data).sumOver(rows)} (and {@code Forward.of}), against a
 * plain Java loop that computes only the value and hand-written gradient and Hessian loops. The
 * concrete classes differ in the threads the sums may use; their forks carry {@link JvmFlags}.
 *
 * <p>Methods are named {@code <measure><Implementation>} as in {@link WorkloadState}; set-up compiles
 * only the mode the method uses.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.MIN_HEAP, JvmFlags.MAX_HEAP, JvmFlags.PRE_TOUCH})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class LogisticSums {
    protected Logistic logistic = new Logistic(1);
    protected double[] theta = new double[3];
    /** Where {@code valueAndGradient} writes the gradient: allocated once, in set-up. */
    protected double[] g = new double[3];
    protected Differentiable sum = NotCompiled.INSTANCE;

    /** JMH entry: prepares for the benchmark method named in {@code params}. */
    @Setup(Level.Trial)
    public void setUpTrial(BenchmarkParams params) {
        checkJvm();
        String benchmark = params.getBenchmark();
        setUp(benchmark.substring(benchmark.lastIndexOf('.') + 1));
    }

    /** Checks that the fork runs with the flags this class's figures are labelled with; by default nothing to check. */
    protected void checkJvm() {}

    /** Draws the records and compiles the sum in the mode {@code method} names, if any. */
    public void setUp(String method) {
        logistic = new Logistic(Logistic.RECORDS);
        theta = logistic.point();
        g = new double[theta.length];
        List<Variable> w = Logistic.weights();
        List<Variable> data = Logistic.data();
        if (method.endsWith("Reverse")) {
            sum = Reverse.of(Logistic.record(w, data), w, data).sumOver(logistic.rows());
        } else if (method.endsWith("Forward")) {
            sum = Forward.of(Logistic.record(w, data), w, data).sumOver(logistic.rows());
        }
    }

    /** Plain Java loop, the value only, one thread: the floor. */
    @Benchmark
    public double valuePlain() {
        return logistic.value(theta);
    }

    /** The value summed by reverse mode's record kernel. */
    @Benchmark
    public double valueReverse() {
        return sum.value(theta);
    }

    /** Hand-written value and gradient loop, one thread. */
    @Benchmark
    public double valueAndGradientAnalytic() {
        return logistic.valueAndGradient(theta, g);
    }

    /** Reverse-mode value and gradient summed over the records, written into an array of the state. */
    @Benchmark
    public double valueAndGradientReverse() {
        return sum.valueAndGradient(theta, g);
    }

    /** Forward-mode value and gradient summed over the records, written into an array of the state. */
    @Benchmark
    public double valueAndGradientForward() {
        return sum.valueAndGradient(theta, g);
    }

    /** Hand-written Hessian loop, one thread. */
    @Benchmark
    public double[][] hessianAnalytic() {
        return logistic.hessian(theta);
    }

    /** Reverse-mode Hessian summed over the records. */
    @Benchmark
    public double[][] hessianReverse() {
        return sum.hessian(theta);
    }

    /** Forward-mode Hessian summed over the records. */
    @Benchmark
    public double[][] hessianForward() {
        return sum.hessian(theta);
    }
}
