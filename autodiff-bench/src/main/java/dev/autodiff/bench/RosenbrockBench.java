package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Chained Rosenbrock at every size: the measures whose cost stays linear in n (value, gradient by
 * reverse mode and its allocation-free {@code valueAndGradient}, directional derivative,
 * Hessian-vector product). Quadratic-cost methods are in
 * {@link RosenbrockQuadraticBench}, Hipparchus and dense Hessians in {@link RosenbrockSmallBench}.
 */
@State(Scope.Benchmark)
public class RosenbrockBench extends WorkloadState {
    /** The number of variables. */
    @Param({"10", "100", "10000", "100000"})
    public int n;

    @Override
    protected Workload create() {
        return new Rosenbrock(n);
    }

    private Rosenbrock rosenbrock() {
        return (Rosenbrock) workload;
    }

    /** f by the reverse-mode compiled program. */
    @Benchmark
    public double valueReverse() {
        return reverse.value(x);
    }

    /** Hand-written gradient. */
    @Benchmark
    public double[] gradientAnalytic() {
        return workload.gradient(x);
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

    /** Hand-written ∇f·v. */
    @Benchmark
    public double directionalAnalytic() {
        double[] g = workload.gradient(x);
        double sum = 0;
        for (int i = 0; i < g.length; i++) {
            sum += g[i] * v[i];
        }
        return sum;
    }

    /** Forward-mode directional derivative. */
    @Benchmark
    public double directionalForward() {
        return forward.directional(x, v);
    }

    /** ∇f·v through a one-parameter Hipparchus {@code DerivativeStructure}. */
    @Benchmark
    public double directionalHipparchusDS1() {
        return Hipparchus.directional(workload, oneParameter, x, v);
    }

    /** ∇f·v by one central difference of f. */
    @Benchmark
    public double directionalFiniteDifference() {
        return FiniteDifference.directional(workload::value, x, v);
    }

    /** Hand-written H·v. */
    @Benchmark
    public double[] hessianVectorAnalytic() {
        return rosenbrock().hessianVector(x, v);
    }

    /** Reverse-mode H·v. */
    @Benchmark
    public double[] hessianVectorReverse() {
        return reverse.hessianVector(x, v);
    }

    /** H·v by a central difference of the hand-written gradient. */
    @Benchmark
    public double[] hessianVectorFiniteDifference() {
        return FiniteDifference.hessianVector(workload::gradient, x, v);
    }
}
