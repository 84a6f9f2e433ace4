package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Chained Rosenbrock where Hipparchus and dense Hessians are affordable (n ≤ 100): Hipparchus
 * carries n or n(n+3)/2 derivative coefficients through every operation, and a dense Hessian has n²
 * entries, so at n = 10⁴ one call would allocate gigabytes.
 */
@State(Scope.Benchmark)
public class RosenbrockSmallBench extends WorkloadState {
    /** The number of variables. */
    @Param({"10", "100"})
    public int n;

    @Override
    protected Workload create() {
        return new Rosenbrock(n);
    }

    private Rosenbrock rosenbrock() {
        return (Rosenbrock) workload;
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

    /** Hand-written dense Hessian. */
    @Benchmark
    public double[][] hessianAnalytic() {
        return rosenbrock().hessian(x);
    }

    /** Forward-mode Hessian. */
    @Benchmark
    public double[][] hessianForward() {
        return forward.hessian(x);
    }

    /** Reverse-mode Hessian (reverse over forward). */
    @Benchmark
    public double[][] hessianReverse() {
        return reverse.hessian(x);
    }

    /** Hessian through order-2 {@code DerivativeStructure}. */
    @Benchmark
    public double[][] hessianHipparchusDS2() {
        return hipparchus.hessian(workload, x);
    }

    /** Hessian by central differences of the hand-written gradient. */
    @Benchmark
    public double[][] hessianFiniteDifference() {
        return FiniteDifference.hessian(workload::gradient, x);
    }
}
