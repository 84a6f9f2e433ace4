package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Ackley gradients, every implementation at every size (n ≤ 1000 keeps the O(n²) ones short). */
@State(Scope.Benchmark)
public class AckleyBench extends GradientBench {
    /** The number of variables. */
    @Param({"10", "100", "1000"})
    public int n;

    @Override
    protected Workload create() {
        return new Ackley(n);
    }
}
