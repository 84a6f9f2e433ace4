package dev.autodiff.bench;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.util.List;
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
 * What new data costs: binding it to a compiled {@link ParametricDifferentiable} ({@code at},
 * {@code sumOver}) against compiling — the parametric record once, or the record or the whole sum
 * with the data baked in as constants, as had to be done before parameters. The logistic
 * negative log-likelihood of {@link Logistic}, {@value Logistic#RECORDS} records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.MIN_HEAP, JvmFlags.MAX_HEAP, JvmFlags.PRE_TOUCH})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DataChangeBench {
    final Logistic logistic = new Logistic(Logistic.RECORDS);
    final List<Variable> weights = Logistic.weights();
    final List<Variable> data = Logistic.data();
    final double[] theta = logistic.point();
    final double[] g = new double[3];
    final double[] row = logistic.rows()[0].clone();
    /** The parametric record, compiled once with the state, as a user does before changing the data. */
    final ParametricDifferentiable nll = Reverse.of(Logistic.record(weights, data), weights, data);

    /** Binds one record's data: no compilation. */
    @Benchmark
    public Differentiable atParametric() {
        return nll.at(row);
    }

    /** Binds the records for a sum (their lengths checked): no compilation, no copy. */
    @Benchmark
    public Differentiable sumOverParametric() {
        return nll.sumOver(logistic.rows());
    }

    /** Binds the records and takes the sum's first value and gradient: what the next step of a fit on new data costs. */
    @Benchmark
    public double sumOverAndGradientParametric() {
        return nll.sumOver(logistic.rows()).valueAndGradient(theta, g);
    }

    /** Compiles the record with its data as parameters: {@code Reverse.of(nll, weights, data)}. */
    @Benchmark
    public ParametricDifferentiable compileParametric() {
        return Reverse.of(Logistic.record(weights, data), weights, data);
    }

    /** Builds and compiles one record with its data baked in as constants. */
    @Benchmark
    public Differentiable compileRecordConstants() {
        return Reverse.of(Logistic.record(weights, row), weights);
    }

    /** Builds and compiles the sum over every record with the data baked in as constants: 10⁶ nodes, one shot per iteration. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Differentiable compileSumConstants() {
        return Reverse.of(logistic.baked(weights), weights);
    }
}
