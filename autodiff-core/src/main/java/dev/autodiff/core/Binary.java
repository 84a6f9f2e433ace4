package dev.autodiff.core;

import dev.autodiff.core.internal.graph.StructuralEquality;
import dev.autodiff.core.internal.text.Printer;
import java.util.Objects;

/** A binary primitive applied to two operands: {@code a + b}, {@code atan2(a, b)}, .... */
public final class Binary implements Expr {
    private final Primitive op;
    final Expr left; // operands package-private: NodeWalk reads them without a call
    final Expr right;
    private final int hash;
    /** Where the graph walks' maps place this node (see {@code NodeSerials}). */
    final long serial = Serials.next();

    Binary(Primitive op, Expr left, Expr right) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        if (op.arity() != 2) {
            throw new IllegalArgumentException(op + " is not a binary primitive");
        }
        if (op.hasConstantOrder() && !(left instanceof Constant c && isOrder(c.value()))) {
            throw new IllegalArgumentException("the order of " + op.symbol() + " must be a whole constant from 0 to "
                    + Primitive.POLYGAMMA_ORDERS + ", got " + left);
        }
        this.op = op;
        this.left = left;
        this.right = right;
        this.hash = ((op.ordinal() + 11) * 0x165667B1 + left.hashCode()) * 31 + right.hashCode();
    }

    private static boolean isOrder(double n) {
        return n == Math.rint(n) && n >= 0 && n <= Primitive.POLYGAMMA_ORDERS;
    }

    /**
     * {@return {@code op} applied to {@code left} and {@code right}}
     *
     * @param op a primitive of two operands
     * @param left the first operand
     * @param right the second operand
     */
    public static Binary of(Primitive op, Expr left, Expr right) {
        return new Binary(op, left, right);
    }

    /** {@return the primitive} */
    public Primitive op() {
        return op;
    }

    /** {@return the first operand} */
    public Expr left() {
        return left;
    }

    /** {@return the second operand} */
    public Expr right() {
        return right;
    }

    @Override
    public boolean equals(Object o) {
        return StructuralEquality.equal(this, o);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return Printer.print(this);
    }
}
