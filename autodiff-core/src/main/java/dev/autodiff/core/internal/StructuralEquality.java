package dev.autodiff.core.internal;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Unary;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Structural equality of expression DAGs, iterative and linear in the number of distinct node
 * pairs visited: a pair already found equal is not compared again, so shared subexpressions are
 * compared once.
 */
public final class StructuralEquality {
    private StructuralEquality() {}

    /** A pair of nodes compared by identity. */
    private record Pair(Expr a, Expr b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pair p && p.a == a && p.b == b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(a) * 31 + System.identityHashCode(b);
        }
    }

    /** {@return whether {@code a} and {@code o} are structurally equal expressions} */
    public static boolean equal(Expr a, Object o) {
        if (a == o) {
            return true;
        }
        if (!(o instanceof Expr b) || a.hashCode() != b.hashCode() || a.getClass() != b.getClass()) {
            return false;
        }
        Set<Pair> seen = new HashSet<>();
        ArrayDeque<Expr> stack = new ArrayDeque<>();
        stack.push(a);
        stack.push(b);
        while (!stack.isEmpty()) {
            Expr y = stack.pop();
            Expr x = stack.pop();
            if (x == y || !seen.add(new Pair(x, y))) {
                continue;
            }
            if (x.hashCode() != y.hashCode() || x.getClass() != y.getClass()) {
                return false;
            }
            if (x instanceof Binary bx) {
                Binary by = (Binary) y;
                if (bx.op() != by.op()) {
                    return false;
                }
                stack.push(bx.left());
                stack.push(by.left());
                stack.push(bx.right());
                stack.push(by.right());
            } else if (x instanceof Unary ux) {
                Unary uy = (Unary) y;
                if (ux.op() != uy.op()) {
                    return false;
                }
                stack.push(ux.operand());
                stack.push(uy.operand());
            } else if (x instanceof Call cx) {
                Call cy = (Call) y;
                if (cx.operation() != cy.operation()) {
                    return false;
                }
                stack.push(cx.argument());
                stack.push(cy.argument());
            } else if (!x.equals(y)) { // leaves compare themselves
                return false;
            }
        }
        return true;
    }
}
