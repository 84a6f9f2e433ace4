package dev.autodiff.core;

import dev.autodiff.core.internal.text.Names;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A user-defined unary primitive, used in expressions exactly like a built-in one.
 *
 * <pre>{@code
 * DoubleUnaryOperator s = x -> 1 / (1 + Math.exp(-x));
 * CustomOperation sigmoid = CustomOperation.of("sigmoid", s,
 *         (x, g) -> g * s.applyAsDouble(x) * (1 - s.applyAsDouble(x)))        // backward rule
 *     .withSecondDerivative(x -> { double v = s.applyAsDouble(x); return v * (1 - v) * (1 - 2 * v); });
 * Expr y = sigmoid.invoke(x.times(w));                                        // Kotlin: sigmoid(x * w)
 * }</pre>
 *
 * <p>The backward function turns the incoming gradient {@code g} into the gradient for the input,
 * {@code g · f'(x)}; it must be linear in {@code g}, as the chain rule is, so forward mode takes the
 * local derivative as {@code backward(x, 1)}. Hessians need {@link #withSecondDerivative}; Taylor-mode
 * derivatives of order k need {@link #withDerivatives}. Without them those calls fail with an
 * {@link UnsupportedOperationException} naming the operation; gradients always work.
 *
 * <p>Instances are immutable. Two calls are equal only when they use the same operation object.
 */
public final class CustomOperation {

    /** All derivatives of a function at a point, for Taylor-mode arithmetic. */
    @FunctionalInterface
    public interface Derivatives {
        /**
         * {@return {@code f(x), f'(x), …, f^(order)(x)}, an array of {@code order + 1} values}
         *
         * @param x the argument
         * @param order the highest order of derivative, at least 0
         */
        double[] at(double x, int order);
    }

    private final String name;
    private final DoubleUnaryOperator forward;
    private final DoubleBinaryOperator backward;
    private final @Nullable DoubleUnaryOperator second;
    private final @Nullable Derivatives derivatives;

    private CustomOperation(String name, DoubleUnaryOperator forward, DoubleBinaryOperator backward,
            @Nullable DoubleUnaryOperator second, @Nullable Derivatives derivatives) {
        this.name = name;
        this.forward = forward;
        this.backward = backward;
        this.second = second;
        this.derivatives = derivatives;
    }

    /**
     * {@return a custom operation named {@code name} with a forward and a backward rule}
     *
     * @param name an identifier that is not a built-in function or constant name; it is how the
     *     operation prints and parses
     * @param forward input to output
     * @param backward input and incoming gradient to the gradient for the input
     * @throws IllegalArgumentException for a name that is not an identifier or is reserved
     */
    public static CustomOperation of(String name, DoubleUnaryOperator forward, DoubleBinaryOperator backward) {
        Objects.requireNonNull(name, "name");
        if (!Names.isIdentifier(name) || Names.isReserved(name)) {
            throw new IllegalArgumentException(
                    "a custom operation needs an identifier that is not a built-in name, got \"" + name + "\"");
        }
        return new CustomOperation(name, Objects.requireNonNull(forward, "forward"),
                Objects.requireNonNull(backward, "backward"), null, null);
    }

    /**
     * {@return a copy that also knows its second derivative, for Hessians}
     *
     * @param secondDerivative f''
     */
    public CustomOperation withSecondDerivative(DoubleUnaryOperator secondDerivative) {
        return new CustomOperation(name, forward, backward, Objects.requireNonNull(secondDerivative), derivatives);
    }

    /**
     * {@return a copy that also knows derivatives of every order, for Taylor mode (and Hessians)}
     *
     * @param all gives f(x), f'(x), …, f^(order)(x) at a point
     */
    public CustomOperation withDerivatives(Derivatives all) {
        Objects.requireNonNull(all);
        DoubleUnaryOperator s = second != null ? second : x -> all.at(x, 2)[2];
        return new CustomOperation(name, forward, backward, s, all);
    }

    /**
     * {@return this operation applied to {@code argument}}; Kotlin reads it as {@code op(argument)}
     *
     * @param argument the expression the operation is applied to
     */
    public Expr invoke(Expr argument) {
        return new Call(this, argument);
    }

    /** {@return the name it prints and parses as} */
    public String name() {
        return name;
    }

    /**
     * {@return f(x)}
     *
     * @param x the argument
     */
    public double value(double x) {
        return forward.applyAsDouble(x);
    }

    /**
     * {@return the backward rule: the gradient for the input given incoming gradient {@code g}}
     *
     * @param x the argument
     * @param g the incoming gradient
     */
    public double backward(double x, double g) {
        return backward.applyAsDouble(x, g);
    }

    /**
     * {@return f'(x), as {@code backward(x, 1)}}
     *
     * @param x the argument
     */
    public double derivative(double x) {
        return backward.applyAsDouble(x, 1.0);
    }

    /** {@return whether {@link #secondDerivative} is available} */
    public boolean hasSecondDerivative() {
        return second != null;
    }

    /**
     * {@return f''(x)}
     *
     * @param x the argument
     * @throws UnsupportedOperationException when no second derivative was supplied
     */
    public double secondDerivative(double x) {
        if (second == null) {
            throw new UnsupportedOperationException("custom operation " + name
                    + " has no second derivative; supply one with withSecondDerivative to take Hessians");
        }
        return second.applyAsDouble(x);
    }

    /**
     * {@return f(x), f'(x), …, f^(order)(x)}
     *
     * @param x the argument
     * @param order the highest order of derivative, at least 0
     * @throws UnsupportedOperationException when the order exceeds what was supplied
     */
    public double[] derivatives(double x, int order) {
        if (derivatives != null) {
            double[] d = derivatives.at(x, order);
            if (d.length < order + 1) {
                throw new IllegalStateException("custom operation " + name + " returned " + d.length
                        + " derivatives where " + (order + 1) + " were asked for");
            }
            return d;
        }
        if (order <= 1 || (order == 2 && second != null)) {
            double[] d = new double[order + 1];
            d[0] = value(x);
            if (order >= 1) {
                d[1] = derivative(x);
            }
            if (order == 2) {
                d[2] = secondDerivative(x);
            }
            return d;
        }
        throw new UnsupportedOperationException("custom operation " + name + " knows derivatives up to order "
                + (second != null ? 2 : 1) + ", not " + order + "; supply them with withDerivatives");
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
