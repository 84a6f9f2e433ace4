package dev.autodiff.bench;

import dev.autodiff.core.SparseMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Chained Rosenbrock Hessians where dense ones are affordable (n ≤ 1000): the dense reverse-mode
 * Hessian and dense central differences (2n gradients) against the sparse forward-mode Hessian,
 * whose three forward-over-forward H·v cost a pass per chunk of variables each. Reverse mode's and
 * differences' sparse Hessians at these sizes are in {@link SparseHessianBench}.
 */
@State(Scope.Benchmark)
public class SparseHessianSmallBench extends WorkloadState {
    /** The number of variables. */
    @Param({"100", "1000"})
    public int n;

    @Override
    protected Workload create() {
        return new Rosenbrock(n);
    }

    @Override
    public void setUp(String method) {
        super.setUp(method);
        if (method.equals("sparseHessianForward")) {
            forward.hessianSparsity(); // the analysis, outside the measurement
        }
    }

    /** Dense reverse-mode Hessian, n columns. */
    @Benchmark
    public double[][] hessianReverse() {
        return reverse.hessian(x);
    }

    /** Dense Hessian by central differences of the hand-written gradient: 2n gradients. */
    @Benchmark
    public double[][] hessianFiniteDifference() {
        return FiniteDifference.hessian(workload::gradient, x);
    }

    /** Sparse Hessian by forward mode: one forward-over-forward H·v per colour. */
    @Benchmark
    public SparseMatrix sparseHessianForward() {
        return forward.sparseHessian(x);
    }
}
