package dev.autodiff.core;

import dev.autodiff.core.internal.graph.StructuralEquality;
import dev.autodiff.core.internal.text.Printer;
import java.util.Objects;

/**
 * A branch: {@code ifElse(condition, whenTrue, whenFalse)} is {@code whenTrue} where the condition is
 * non-zero and {@code whenFalse} where it is zero (a NaN condition gives NaN).
 *
 * <p>Derivatives are those of the branch taken, and the branch not taken contributes exactly nothing:
 * no NaN or infinity from it reaches a value or a derivative (its value is not even computed into the
 * result, and its derivative is multiplied by an exact zero, which the chain rule treats as a strong
 * zero). The condition has derivative 0 everywhere. At a boundary, where the condition changes, the
 * derivative is the one-sided derivative of the branch the condition selects there: for
 * {@code ifElse(x < 0, -x, x)} at 0 it is 1. Build it with {@link Expr#ifElse}.
 */
public final class IfElse implements Expr {
    final Expr condition; // operands package-private: NodeWalk reads them without a call
    final Expr whenTrue;
    final Expr whenFalse;
    private final int hash;
    /** Where the graph walks' maps place this node (see {@code NodeSerials}). */
    final long serial = Serials.next();

    IfElse(Expr condition, Expr whenTrue, Expr whenFalse) {
        this.condition = Objects.requireNonNull(condition, "expected a condition, got null");
        this.whenTrue = Objects.requireNonNull(whenTrue, "expected the expression when true, got null");
        this.whenFalse = Objects.requireNonNull(whenFalse, "expected the expression when false, got null");
        this.hash = ((condition.hashCode() * 31 + whenTrue.hashCode()) * 31 + whenFalse.hashCode()) * 0x2545F491 + 17;
    }

    /** {@return the condition: non-zero selects {@link #whenTrue()}} */
    public Expr condition() {
        return condition;
    }

    /** {@return the value where the condition is non-zero} */
    public Expr whenTrue() {
        return whenTrue;
    }

    /** {@return the value where the condition is zero} */
    public Expr whenFalse() {
        return whenFalse;
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
