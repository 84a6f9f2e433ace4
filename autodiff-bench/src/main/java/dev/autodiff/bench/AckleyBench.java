package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Ackley gradients, every implementation at every size (n ≤ 1000 keeps the O(n²) ones short). */
@State(Scope.Benchmark)
public class AckleyBench extends WorkloadState {
    /** The number of variables. */
    @Param({"10", "100", "1000"})
    public int n;

    @Override
    protected Workload create() {
        return new Ackley(n);
    }

    /** Plain Java f: the floor. */
    @Benchmark
    public double valuePlain() {
        return workload.value(x);
    }

    /** Hand-written gradient. */
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
