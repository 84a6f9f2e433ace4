package dev.autodiff.bench;

import dev.autodiff.reverse.Reverse;
import dev.autodiff.reverse.Tracked;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Chained Rosenbrock on the numeric tape: {@code Reverse.gradient} of the function written over
 * {@code Tracked} scalars ({@link Rosenbrock#scalarValue}), recorded and swept back on every call,
 * beside plain Java f, the hand-written gradient, the compiled reverse-mode gradient of the same
 * function, the least a tape of one node per operation costs ({@link TapeFloor}), and the least a tape
 * that folds as this one and allocates the objects its API hands out costs ({@link FoldedTapeFloor}).
 * No expression is built: this is the cost of differentiating ordinary code.
 */
@State(Scope.Benchmark)
public class NumericTapeBench extends WorkloadState {
    /** The number of variables. */
    @Param({"10", "100", "10000", "100000"})
    public int n;

    private Function<Tracked[], Tracked> f = v -> v[0];
    private TapeFloor floor = new TapeFloor(2);
    private FoldedTapeFloor folded = new FoldedTapeFloor(2);

    @Override
    protected Workload create() {
        return new Rosenbrock(n);
    }

    @Override
    public void setUp(String method) {
        super.setUp(method);
        Rosenbrock r = (Rosenbrock) workload;
        f = r::scalarValue;
        floor = new TapeFloor(n);
        folded = new FoldedTapeFloor(n);
    }

    /** Hand-written gradient. */
    @Benchmark
    public double[] gradientAnalytic() {
        return workload.gradient(x);
    }

    /** Gradient on the numeric tape: record f over {@code Tracked}, one backward sweep. */
    @Benchmark
    public double[] gradientTape() {
        return Reverse.gradient(f, x);
    }

    /**
     * The least a tape of one node per operation costs ({@link TapeFloor}): those nodes recorded by
     * hand into reused flat arrays and swept back, with nothing a general tape needs.
     */
    @Benchmark
    public double[] gradientTapeFloor() {
        return floor.gradient(x);
    }

    /**
     * The least a tape costs that folds as the numeric tape does and allocates the objects its API
     * hands out ({@link FoldedTapeFloor}): what the numeric tape costs beyond it is its generality.
     */
    @Benchmark
    public double[] gradientTapeFloorFolded() {
        return folded.gradient(x);
    }

    /** Compiled reverse-mode gradient of the same function, for comparison. */
    @Benchmark
    public double[] gradientReverse() {
        return reverse.gradient(x);
    }
}
