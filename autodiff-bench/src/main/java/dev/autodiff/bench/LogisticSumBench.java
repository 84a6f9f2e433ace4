package dev.autodiff.bench;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@link LogisticSums} as a user gets it: sums over 8192 rows or more run in parallel on the common
 * fork-join pool (every core), while the plain loop runs on one thread. Also the gradient of the
 * same sum with the data baked into one expression as constants, the way it had to be written
 * before parameters: 10⁶ nodes of records that no loop kernel can share.
 */
@State(Scope.Benchmark)
public class LogisticSumBench extends LogisticSums {
    private Differentiable baked = NotCompiled.INSTANCE;

    @Override
    public void setUp(String method) {
        super.setUp(method);
        if (method.endsWith("ReverseBaked")) {
            List<Variable> w = Logistic.weights();
            baked = Reverse.of(logistic.baked(w), w);
        }
    }

    /** Reverse-mode value and gradient of the sum with the data as constants, one compiled expression. */
    @Benchmark
    public double valueAndGradientReverseBaked() {
        return baked.valueAndGradient(theta, g);
    }
}
