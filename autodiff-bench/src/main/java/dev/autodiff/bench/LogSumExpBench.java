package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Log-sum-exp of a dense A·x: gradients and dense Hessians, every implementation at every size
 * (f itself costs O(n²), so nothing here is out of reach).
 */
@State(Scope.Benchmark)
public class LogSumExpBench extends GradientBench {
    /** The number of variables (and rows of A). */
    @Param({"10", "30", "100"})
    public int n;

    @Override
    protected Workload create() {
        return new LogSumExp(n);
    }

    private LogSumExp logSumExp() {
        return (LogSumExp) workload;
    }

    /** Hand-written Hessian Aᵀ(diag p − p pᵀ)A. */
    @Benchmark
    public double[][] hessianAnalytic() {
        return logSumExp().hessian(x);
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
