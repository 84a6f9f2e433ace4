package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The training loss of a 4-16-1 sigmoid network over 32 samples: gradients in its 97 parameters. */
@State(Scope.Benchmark)
public class MlpBench extends WorkloadState {

    @Override
    protected Workload create() {
        return Mlp.standard();
    }

    /** Plain Java f: the floor. */
    @Benchmark
    public double valuePlain() {
        return workload.value(x);
    }

    /** Hand-written backpropagation. */
    @Benchmark
    public double[] gradientAnalytic() {
        return workload.gradient(x);
    }

    /** Forward-mode gradient. */
    @Benchmark
    public double[] gradientForward() {
        return forward.gradient(x);
    }

    /** Reverse-mode gradient. */
    @Benchmark
    public double[] gradientReverse() {
        return reverse.gradient(x);
    }

    /** Gradient through order-1 {@code DerivativeStructure}. */
    @Benchmark
    public double[] gradientHipparchusDS1() {
        return hipparchus.gradient(workload, x);
    }

    /** Gradient through Hipparchus {@code Gradient}. */
    @Benchmark
    public double[] gradientHipparchusGradient() {
        return Hipparchus.gradientType(workload, x);
    }

    /** Gradient by central differences of f. */
    @Benchmark
    public double[] gradientFiniteDifference() {
        return FiniteDifference.gradient(workload::value, x);
    }
}
