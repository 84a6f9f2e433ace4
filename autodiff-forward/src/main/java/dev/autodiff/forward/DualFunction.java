package dev.autodiff.forward;

/**
 * A function of one dual number, as {@link Forward#derivative(DualFunction, double)} differentiates.
 *
 * <p>Write it with the operator-named methods of {@link Dual}; in Kotlin,
 * {@code Forward.derivative({ x -> x * x.sin() }, 1.0)}. It may capture duals of an enclosing
 * derivative call: their perturbations are kept apart by tags.
 */
@FunctionalInterface
public interface DualFunction {
    /**
     * {@return the function's value at {@code x}}, never null
     *
     * @param x the argument
     */
    Dual apply(Dual x);
}
