package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Chained Rosenbrock derivatives whose cost is O(n²): the forward gradient (one sweep per chunk of
 * tangents), forward H·v (forward over forward needs a pass per chunk of unit vectors) and central
 * differences (2n evaluations of f). Stops at n = 10⁴; at 10⁵ one
 * call would take seconds to minutes.
 */
@State(Scope.Benchmark)
public class RosenbrockQuadraticBench extends WorkloadState {
    /** The number of variables. */
    @Param({"10", "100", "10000"})
    public int n;

    @Override
    protected Workload create() {
        return new Rosenbrock(n);
    }

    /** Forward-mode gradient. */
    @Benchmark
    public double[] gradientForward() {
        return forward.gradient(x);
    }

    /** Forward-mode H·v, forward over forward. */
    @Benchmark
    public double[] hessianVectorForward() {
        return forward.hessianVector(x, v);
    }

    /** Gradient by central differences of f. */
    @Benchmark
    public double[] gradientFiniteDifference() {
        return FiniteDifference.gradient(workload::value, x);
    }
}
