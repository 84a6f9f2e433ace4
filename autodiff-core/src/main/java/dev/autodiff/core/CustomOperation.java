package dev.autodiff.core;

import dev.autodiff.core.internal.symbolic.Rebuild;
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
    // The derivative as an expression of ARGUMENT; its calls of the operation itself refer to this
    // very object, so it is built by the constructor, from the object under construction.
    private final @Nullable Expr symbolic;
    private @Nullable CustomOperation derived;

    private CustomOperation(String name, DoubleUnaryOperator forward, DoubleBinaryOperator backward,
            @Nullable DoubleUnaryOperator second, @Nullable Derivatives derivatives,
            java.util.function.@Nullable Function<CustomOperation, Expr> symbolicOf) {
        this.name = name;
        this.forward = forward;
        this.backward = backward;
        this.second = second;
        this.derivatives = derivatives;
        // a call node needs only the operation's name to exist, which is set above
        this.symbolic = symbolicOf == null ? null : symbolicOf.apply(this);
    }

    /** The variable a derivative expression is written in before it is applied to an argument. */
    private static final Variable ARGUMENT = new Variable("argument of a custom operation");

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
                Objects.requireNonNull(backward, "backward"), null, null, null);
    }

    /**
     * {@return a copy that also knows its second derivative, for Hessians}
     *
     * @param secondDerivative f''
     */
    public CustomOperation withSecondDerivative(DoubleUnaryOperator secondDerivative) {
        return new CustomOperation(name, forward, backward, Objects.requireNonNull(secondDerivative), derivatives, rebound());
    }

    /**
     * {@return a copy that also knows derivatives of every order, for Taylor mode (and Hessians)}
     *
     * @param all gives f(x), f'(x), …, f^(order)(x) at a point
     */
    public CustomOperation withDerivatives(Derivatives all) {
        Objects.requireNonNull(all);
        DoubleUnaryOperator s = second != null ? second : x -> all.at(x, 2)[2];
        return new CustomOperation(name, forward, backward, s, all, rebound());
    }

    /**
     * {@return a copy that also knows its derivative as an expression}, so that expressions calling
     * it differentiate symbolically ({@link Expr#derivative}) and tapes and dual numbers nest to any
     * depth through it
     *
     * <pre>{@code
     * CustomOperation softplus = CustomOperation.of("softplus", x -> Math.log1p(Math.exp(x)),
     *         (x, g) -> g / (1 + Math.exp(-x)))
     *     .withSymbolicDerivative(Expr::sigmoid);                       // softplus' = sigmoid
     * CustomOperation gauss = CustomOperation.of("gauss", x -> Math.exp(-x * x), (x, g) -> -2 * x * Math.exp(-x * x) * g);
     * gauss = gauss.withSymbolicDerivative(x -> x.times(-2).times(gauss.invoke(x)));   // calls itself
     * }</pre>
     *
     * Calls of this operation in the derivative become calls of the copy, so a derivative that uses
     * the operation itself differentiates again with the same rule. The copy keeps this one's
     * numeric rules, which should agree with the expression; they are what compiled functions use.
     *
     * @param derivative maps the argument {@code x} to {@code f'(x)}; it may use no other variable
     * @throws IllegalArgumentException when the derivative uses another variable
     */
    public CustomOperation withSymbolicDerivative(java.util.function.UnaryOperator<Expr> derivative) {
        Objects.requireNonNull(derivative, "expected a function from the argument to the derivative, got null");
        Expr d = Objects.requireNonNull(derivative.apply(ARGUMENT), "expected the derivative as an expression, got null");
        for (Variable v : d.variables()) {
            if (!v.equals(ARGUMENT)) {
                throw new IllegalArgumentException("the derivative of custom operation " + name
                        + " may use only its argument, but it uses the variable " + v.name());
            }
        }
        return new CustomOperation(name, forward, backward, second, derivatives, copy -> Rebuild.replaceOperation(d, this, copy));
    }

    /** {@return how a copy gets this operation's derivative expression: its calls of this made calls of the copy} */
    private java.util.function.@Nullable Function<CustomOperation, Expr> rebound() {
        Expr d = symbolic;
        return d == null ? null : copy -> Rebuild.replaceOperation(d, this, copy);
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

    /** {@return whether the derivative is known as an expression ({@link #withSymbolicDerivative})} */
    public boolean hasSymbolicDerivative() {
        return symbolic != null;
    }

    /**
     * {@return {@code f'(argument)} built from the derivative expression}, for an argument of any
     * scalar type: an expression, a dual number, a tape scalar
     *
     * @param <T> the scalar type
     * @param argument the argument, a scalar of any type
     * @throws UnsupportedOperationException when the derivative is not known as an expression
     */
    public <T extends Scalar<T>> T symbolicDerivative(T argument) {
        Objects.requireNonNull(argument, "expected an argument, got null");
        if (symbolic == null) {
            throw new UnsupportedOperationException("custom operation " + name + " has no derivative as an expression;"
                    + " supply one with withSymbolicDerivative to differentiate it symbolically");
        }
        return Rebuild.evaluate(symbolic, java.util.Map.of(ARGUMENT, argument));
    }

    /**
     * {@return the operation {@code x ↦ f'(x)}}, whose value is this one's derivative and whose
     * derivatives are this one's of one order higher (from {@link #withSecondDerivative} and
     * {@link #withDerivatives}): how a tape nested k deep or a dual number of k perturbations applies
     * this operation. It prints as this one's name with a prime, which does not parse.
     */
    public CustomOperation derivativeOperation() {
        CustomOperation d = derived;
        if (d == null) {
            d = new CustomOperation(name + "'", this::derivative, (x, g) -> g * nth(x, 2), x -> nth(x, 3),
                    (x, order) -> java.util.Arrays.copyOfRange(derivatives(x, order + 1), 1, order + 2), null);
            derived = d;
        }
        return d;
    }

    /** {@return the {@code k}-th derivative at {@code x}}, from the best rule supplied for that order */
    private double nth(double x, int k) {
        return k == 0 ? value(x) : k == 1 ? derivative(x) : k == 2 ? secondDerivative(x) : derivatives(x, k)[k];
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
