package dev.autodiff.bench;

import dev.autodiff.forward.Forward;
import dev.autodiff.forward.MultivariateDualFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Chained Rosenbrock gradients over dual numbers: {@code Forward.gradient} of the function written
 * over {@code Dual} ({@link Rosenbrock#scalarValue}), which evaluates it once per chunk of up to 12
 * variables, so its cost is O(n²/12); beside plain Java f and the compiled forward-mode gradient.
 */
@State(Scope.Benchmark)
public class DualGradientBench extends WorkloadState {
    /** The number of variables. */
    @Param({"10", "100", "1000", "2000"})
    public int n;

    private MultivariateDualFunction f = v -> v[0];

    @Override
    protected Workload create() {
        return new Rosenbrock(n);
    }

    @Override
    public void setUp(String method) {
        super.setUp(method);
        Rosenbrock r = (Rosenbrock) workload;
        f = r::scalarValue;
    }

    /** Gradient over dual numbers, in chunks of up to 12 perturbations. */
    @Benchmark
    public double[] gradientDual() {
        return Forward.gradient(f, x);
    }

    /** Compiled forward-mode gradient of the same function, for comparison. */
    @Benchmark
    public double[] gradientForward() {
        return forward.gradient(x);
    }
}
