package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Sparse Jacobians of a banded residual ({@link Residual}, a discretised 1-D PDE, tridiagonal) by
 * colouring, against one Jacobian-vector product (forward) or vector-Jacobian product (reverse),
 * the unit their cost is counted in, and against the plain Java residual. The pattern is analysed
 * and coloured in set-up, so these times are per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.MIN_HEAP, JvmFlags.MAX_HEAP, JvmFlags.PRE_TOUCH})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SparseJacobianBench {
    /** The number of unknowns and residuals. */
    @Param({"1000", "100000"})
    public int n;

    Residual residual = new Residual(1);
    double[] x = new double[1];
    double[] v = new double[1];
    VectorDifferentiable compiled = Reverse.of(List.of(Expr.variable("x")), Expr.variable("x"));

    /** JMH entry: prepares for the benchmark method named in {@code params}. */
    @Setup(Level.Trial)
    public void setUpTrial(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        setUp(benchmark.substring(benchmark.lastIndexOf('.') + 1));
    }

    /** Builds the residual and compiles it in the mode {@code method} names, its pattern coloured. */
    public void setUp(String method) {
        residual = new Residual(n);
        x = residual.point();
        v = residual.direction();
        List<Variable> vars = Expr.variables("x", n);
        if (method.endsWith("Forward")) {
            compiled = Forward.of(residual.exprs(vars), vars);
        } else if (method.endsWith("Reverse")) {
            compiled = Reverse.of(residual.exprs(vars), vars);
        }
        if (method.startsWith("sparseJacobian")) {
            compiled.jacobianSparsity(); // the analysis and colouring, outside the measurement
        }
    }

    /** Plain Java residual: the floor. */
    @Benchmark
    public double[] valuePlain() {
        return residual.value(x);
    }

    /** One forward-mode Jacobian-vector product J·v. */
    @Benchmark
    public double[] jvpForward() {
        return compiled.jvp(x, v);
    }

    /** One reverse-mode vector-Jacobian product vᵀJ. */
    @Benchmark
    public double[] vjpReverse() {
        return compiled.vjp(x, v);
    }

    /** Sparse Jacobian by forward mode: one J·v per colour. */
    @Benchmark
    public SparseMatrix sparseJacobianForward() {
        return compiled.sparseJacobian(x);
    }

    /** Sparse Jacobian by reverse mode: one product per colour, by whichever compression needs fewer. */
    @Benchmark
    public SparseMatrix sparseJacobianReverse() {
        return compiled.sparseJacobian(x);
    }
}
