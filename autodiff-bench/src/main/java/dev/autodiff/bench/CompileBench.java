package dev.autodiff.bench;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building and compiling an expression of about 10⁶ nodes (chained Rosenbrock, n = 10⁵), one shot
 * per iteration: the cost a user pays once before calling the compiled function.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.MIN_HEAP, JvmFlags.MAX_HEAP, JvmFlags.PRE_TOUCH})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class CompileBench {
    /** Rosenbrock size whose expression has at least 10⁶ nodes (about 10 per term). */
    public static final int DIMENSION = 100_000;

    final Rosenbrock workload = new Rosenbrock(DIMENSION);
    final Variable[] variables = workload.variables();
    /** Built once, for the compile-only measures. */
    final Expr expr = workload.expr(variables);

    /** Builds the expression alone. */
    @Benchmark
    public Expr build() {
        return workload.expr(variables);
    }

    /** Compiles a built expression by reverse mode. */
    @Benchmark
    public Differentiable compileReverse() {
        return Reverse.of(expr, variables);
    }

    /** Compiles a built expression by forward mode. */
    @Benchmark
    public Differentiable compileForward() {
        return Forward.of(expr, variables);
    }

    /** Builds and compiles by reverse mode: the measure of the 1-second target. */
    @Benchmark
    public Differentiable buildAndCompileReverse() {
        return Reverse.of(workload.expr(variables), variables);
    }
}
