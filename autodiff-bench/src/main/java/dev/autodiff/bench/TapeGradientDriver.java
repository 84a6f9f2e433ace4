package dev.autodiff.bench;

import dev.autodiff.reverse.Reverse;
import dev.autodiff.reverse.Tracked;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/**
 * The numeric tape's gradient of chained Rosenbrock, taken as {@link NumericTapeBench#gradientTape}
 * takes it (the same function, point and call), for {@link SameJvmComparison}: a public class with a
 * constructor of one {@code int}, so that a class loader of any build can make one by name.
 */
public final class TapeGradientDriver implements IntToDoubleFunction {
    private final double[] x;
    private final Function<Tracked[], Tracked> f;

    /**
     * Chained Rosenbrock of {@code n} variables at its benchmark point.
     *
     * @param n the number of variables, at least 2
     */
    public TapeGradientDriver(int n) {
        Rosenbrock r = new Rosenbrock(n);
        x = r.point();
        f = r::scalarValue;
    }

    /** {@return the sum of every entry of {@code reps} gradients}, a checksum that keeps them all live */
    @Override
    public double applyAsDouble(int reps) {
        double sum = 0;
        for (int k = 0; k < reps; k++) {
            for (double g : Reverse.gradient(f, x)) {
                sum += g;
            }
        }
        return sum;
    }
}
