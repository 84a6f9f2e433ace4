package dev.autodiff.core.internal.graph;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Unary;
import java.util.ArrayDeque;

/**
 * Structural equality of expression DAGs, iterative and linear in the number of distinct nodes
 * when the two sides share the same structure: a pair already compared is not compared again, so
 * shared subexpressions are compared once.
 */
public final class StructuralEquality {
    private StructuralEquality() {}

    /** {@return whether {@code a} and {@code o} are structurally equal expressions} */
    public static boolean equal(Expr a, Object o) {
        if (a == o) {
            return true;
        }
        if (!(o instanceof Expr b) || a.hashCode() != b.hashCode() || a.getClass() != b.getClass()) {
            return false;
        }
        // x → position + 1 of the node y it was last found paired with; pairs seen are not compared again
        IdentityIntMap partner = new IdentityIntMap(64);
        java.util.ArrayList<Expr> partners = new java.util.ArrayList<>();
        ArrayDeque<Expr> stack = new ArrayDeque<>();
        stack.push(a);
        stack.push(b);
        while (!stack.isEmpty()) {
            Expr y = stack.pop();
            Expr x = stack.pop();
            if (x == y) {
                continue;
            }
            int p = partner.get(x);
            if (p != IdentityIntMap.ABSENT && partners.get(p) == y) {
                continue;
            }
            partner.put(x, partners.size());
            partners.add(y);
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
            } else if (x instanceof IfElse ix) {
                IfElse iy = (IfElse) y;
                stack.push(ix.condition());
                stack.push(iy.condition());
                stack.push(ix.whenTrue());
                stack.push(iy.whenTrue());
                stack.push(ix.whenFalse());
                stack.push(iy.whenFalse());
            } else if (!x.equals(y)) { // leaves compare themselves
                return false;
            }
        }
        return true;
    }
}
