package dev.autodiff.core;

import dev.autodiff.core.internal.graph.StructuralEquality;
import dev.autodiff.core.internal.text.Printer;
import java.util.Objects;

/** A unary primitive applied to an operand: {@code -a}, {@code sin(a)}, .... */
public final class Unary implements Expr {
    private final Primitive op;
    final Expr operand; // package-private: NodeWalk reads it without a call
    private final int hash;
    /** Where the graph walks' maps place this node (see {@code NodeSerials}). */
    final long serial = Serials.next();

    Unary(Primitive op, Expr operand) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(operand, "operand");
        if (op.arity() != 1 || op == Primitive.POW_CONST) {
            throw new IllegalArgumentException(op + " is not a unary expression primitive");
        }
        this.op = op;
        this.operand = operand;
        this.hash = (op.ordinal() + 7) * 0x27D4EB2D + operand.hashCode() * 31;
    }

    /**
     * {@return {@code op} applied to {@code operand}}
     *
     * @param op a primitive of one operand, not {@link Primitive#POW_CONST}
     * @param operand the operand
     */
    public static Unary of(Primitive op, Expr operand) {
        return new Unary(op, operand);
    }

    /** {@return the primitive} */
    public Primitive op() {
        return op;
    }

    /** {@return the operand} */
    public Expr operand() {
        return operand;
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
