package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import org.hipparchus.CalculusFieldElement;

/**
 * A scalar function of {@link #dimension()} variables, written once per way of computing it so that
 * the benchmarks compare like with like: every form runs the same arithmetic in the same order.
 */
public interface Workload {

    /** {@return a short name for reports, such as {@code rosenbrock}} */
    String name();

    /** {@return the number of variables n} */
    int dimension();

    /** {@return f(x) computed by plain Java {@code double} code: the floor of every ratio} */
    double value(double[] x);

    /** {@return the hand-written analytic gradient ∇f(x)} */
    double[] gradient(double[] x);

    /** {@return f(x) over any Hipparchus field, such as {@code DerivativeStructure} or {@code Gradient}} */
    <T extends CalculusFieldElement<T>> T value(T[] x);

    /** {@return f as an expression of {@code x}, built with the same operations as {@link #value(double[])}} */
    Expr expr(Variable[] x);

    /** {@return a fixed point where f is smooth, the same on every run} */
    double[] point();

    /** {@return the variables x0 … x(n-1)} */
    default Variable[] variables() {
        Variable[] x = new Variable[dimension()];
        for (int i = 0; i < x.length; i++) {
            x[i] = Expr.variable("x" + i);
        }
        return x;
    }

    /** {@return a fixed direction with entries in [-1, 1], the same on every run} */
    default double[] direction() {
        return Seeded.uniform(dimension(), -1, 1, 0xD1EC7L);
    }
}
