package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Chained Rosenbrock gradients whose cost is O(n²): forward mode (one sweep per variable, or per
 * chunk of tangents) and central differences (2n evaluations of f). Stops at n = 10⁴; at 10⁵ one
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

    /** Plain Java f: the floor. */
    @Benchmark
    public double valuePlain() {
        return workload.value(x);
    }

    /** Forward-mode gradient. */
    @Benchmark
    public double[] gradientForward() {
        return forward.gradient(x);
    }

    /** Gradient by central differences of f. */
    @Benchmark
    public double[] gradientFiniteDifference() {
        return FiniteDifference.gradient(workload::value, x);
    }
}
