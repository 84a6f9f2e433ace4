package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * The gradient measures every gradient workload shares: hand-written, both modes (and reverse
 * mode's allocation-free {@code valueAndGradient}), Hipparchus
 * {@code DerivativeStructure} order 1 and {@code Gradient}, and central differences. JMH generates
 * them for each concrete subclass, under the subclass's name.
 */
public abstract class GradientBench extends WorkloadState {

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

    /** Reverse-mode value and gradient in one sweep, written into an array of the state: allocates nothing. */
    @Benchmark
    public double valueAndGradientReverse() {
        return reverse.valueAndGradient(x, g);
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
