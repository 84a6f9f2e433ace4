package dev.autodiff.engine.sweeps;

/**
 * The choice of how many tangent directions a forward sweep carries at once.
 *
 * <p>The rule is ForwardDiff.jl's chunk mode ({@code pickchunksize}): all n directions in one pass
 * when {@code n <= 12}, otherwise the fewest passes of at most 12 directions, balanced so that the
 * last pass is not nearly empty. A gradient of n inputs then takes {@code ceil(n / k)} passes.
 */
public final class Chunks {
    /** The most directions one pass carries: enough to amortize a pass, few enough to stay in cache. */
    public static final int MAX = 12;

    private Chunks() {}

    /** {@return the chunk size k for {@code n} directions: at least 1, at most {@link #MAX}} */
    public static int size(int n) {
        if (n <= MAX) {
            return Math.max(n, 1);
        }
        int passes = (n + MAX - 1) / MAX;
        return (n + passes - 1) / passes;
    }
}
