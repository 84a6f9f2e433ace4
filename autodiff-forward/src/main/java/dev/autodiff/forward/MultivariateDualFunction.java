package dev.autodiff.forward;

/**
 * A function of several dual numbers, as {@link Forward#gradient(MultivariateDualFunction, double...)}
 * differentiates: {@code x -> x[0].times(x[1]).plus(x[1].sin())}.
 */
@FunctionalInterface
public interface MultivariateDualFunction {
    /**
     * {@return the function's value at {@code x}}, never null; {@code x} is a fresh array per call
     *
     * @param x the arguments, one per variable
     */
    Dual apply(Dual[] x);
}
