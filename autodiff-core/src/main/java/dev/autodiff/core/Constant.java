package dev.autodiff.core;

import dev.autodiff.core.internal.text.Printer;

/**
 * A constant leaf. Two constants are equal when their values have the same bits, so
 * {@code -0.0 ≠ 0.0} and NaN equals NaN, as {@link Double#equals} has it.
 */
public final class Constant implements Expr {
    private final double value;
    /** Where the graph walks' maps place this node (see {@code NodeSerials}). */
    final long serial = Serials.next();

    Constant(double value) {
        this.value = value;
    }

    /**
     * {@return the constant {@code value}}
     *
     * @param value any double, NaN and infinities included
     */
    public static Constant of(double value) {
        return new Constant(value);
    }

    /** {@return the value} */
    public double value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Constant c && Double.doubleToLongBits(c.value) == Double.doubleToLongBits(value);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value) * 0x9E3779B1;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
