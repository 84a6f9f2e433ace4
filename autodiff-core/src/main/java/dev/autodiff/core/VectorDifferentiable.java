package dev.autodiff.core;

import java.util.List;

/**
 * A compiled vector function of n variables with m outputs, and its derivatives, as built by
 * {@code Forward.of(List.of(e1, e2), x, y)} or {@code Reverse.of(List.of(e1, e2), x, y)}.
 *
 * <p>The same contract as {@link Differentiable}: immutable, thread-safe, reusable, fresh result
 * arrays; null or wrong-length arguments throw with a message saying what was expected.
 */
public interface VectorDifferentiable {

    /** {@return the variables, in the order points list their values} */
    List<Variable> variables();

    /** {@return the number of outputs m} */
    int outputCount();

    /**
     * {@return the m output values at {@code point}}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     */
    double[] value(double... point);

    /**
     * {@return the m × n Jacobian matrix: row i is the gradient of output i}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     */
    double[][] jacobian(double... point);

    /**
     * {@return the Jacobian-vector product J(point)·v, m values}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     * @param v one component per variable
     */
    double[] jvp(double[] point, double[] v);

    /**
     * {@return the vector-Jacobian product wᵀ·J(point), n values}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     * @param w one weight per output
     */
    double[] vjp(double[] point, double[] w);
}
