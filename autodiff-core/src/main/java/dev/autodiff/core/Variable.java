package dev.autodiff.core;

import dev.autodiff.core.internal.text.Printer;

/**
 * An input of an expression, identified by its name: two variables with the same name are equal.
 *
 * <p>Any non-empty name without a back-quote is allowed. Plain identifiers print as they are, and
 * so do identifiers followed by indices in brackets ({@code x[1]}, as {@link Expr#variables(String,
 * int)} names them); other names, and those that clash with a function or constant name
 * ({@code e}, {@code sin}), print back-quoted ({@code `e`}) so that printing and parsing round-trip.
 */
public final class Variable implements Expr {
    private final String name;
    private final int hash;
    /** Where the graph walks' maps place this node (see {@code NodeSerials}). */
    final long serial = Serials.next();

    Variable(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a variable needs a non-empty name, got " + (name == null ? "null" : "\"\""));
        }
        if (name.indexOf('`') >= 0) {
            throw new IllegalArgumentException("a variable name cannot contain a back-quote: " + name);
        }
        this.name = name;
        this.hash = name.hashCode() * 0x85EBCA6B + 1;
    }

    /**
     * {@return the variable named {@code name}}
     *
     * @param name any non-empty name without a back-quote
     */
    public static Variable of(String name) {
        return new Variable(name);
    }

    /** {@return the name} */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variable v && v.name.equals(name);
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
