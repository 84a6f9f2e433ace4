package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Huber-loss gradients (a branch per term), every implementation at every size (n ≤ 1000 keeps the O(n²) ones short). */
@State(Scope.Benchmark)
public class HuberBench extends GradientBench {
    /** The number of variables. */
    @Param({"10", "100", "1000"})
    public int n;

    @Override
    protected Workload create() {
        return new Huber(n);
    }
}
