package dev.autodiff.core;

import dev.autodiff.core.internal.graph.StructuralEquality;
import dev.autodiff.core.internal.text.Printer;
import java.util.Objects;

/** A {@link CustomOperation} applied to an argument. Calls are equal when their operations are the same object. */
public final class Call implements Expr {
    private final CustomOperation operation;
    final Expr argument; // package-private: NodeWalk reads it without a call
    private final int hash;
    /** Where the graph walks' maps place this node (see {@code NodeSerials}). */
    final long serial = Serials.next();

    Call(CustomOperation operation, Expr argument) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.argument = Objects.requireNonNull(argument, "argument");
        this.hash = (operation.hashCode() + 13) * 0x61C88647 + argument.hashCode() * 31;
    }

    /** {@return the operation} */
    public CustomOperation operation() {
        return operation;
    }

    /** {@return the argument} */
    public Expr argument() {
        return argument;
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
