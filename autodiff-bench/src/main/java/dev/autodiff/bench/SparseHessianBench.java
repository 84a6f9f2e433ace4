package dev.autodiff.bench;

import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.reverse.Reverse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Sparse Hessians of the chained Rosenbrock function (tridiagonal, 3 colours) as n grows to 10⁵:
 * reverse mode's three Hessian-vector products against central differences of the hand-written
 * gradient along the same three colour groups, and one H·v, the unit of a sparse Hessian's cost.
 * The pattern is analysed when the function is first used, in set-up, so these times are per call;
 * dense Hessians are in {@link SparseHessianSmallBench}.
 */
@State(Scope.Benchmark)
public class SparseHessianBench extends WorkloadState {
    /** The number of variables. */
    @Param({"100", "1000", "10000", "100000"})
    public int n;

    /** The pattern and colouring the difference baseline uses, taken from a reverse-mode compilation. */
    private SparsityPattern pattern = SparsityPattern.dense(0, 0, SparsityPattern.Compression.STAR);

    @Override
    protected Workload create() {
        return new Rosenbrock(n);
    }

    @Override
    public void setUp(String method) {
        super.setUp(method);
        if (method.equals("sparseHessianReverse")) {
            reverse.hessianSparsity(); // the analysis, outside the measurement
        }
        if (method.equals("sparseHessianFiniteDifference")) {
            pattern = Reverse.of(workload.expr(workload.variables()), workload.variables()).hessianSparsity();
        }
    }

    /** Sparse Hessian by reverse mode: one H·v per colour. */
    @Benchmark
    public SparseMatrix sparseHessianReverse() {
        return reverse.sparseHessian(x);
    }

    /** One reverse-mode H·v: the unit a sparse Hessian's cost is counted in (it needs one per colour). */
    @Benchmark
    public double[] hessianVectorReverse() {
        return reverse.hessianVector(x, v);
    }

    /** Sparse Hessian by central differences of the hand-written gradient along each colour group. */
    @Benchmark
    public SparseMatrix sparseHessianFiniteDifference() {
        return FiniteDifference.sparseHessian(workload::gradient, x, pattern);
    }
}
