package dev.autodiff.core.internal.graph;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Constant;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Structural equality of expression DAGs in time linear in the number of distinct nodes of both
 * sides, however each side shares its subexpressions.
 *
 * <p>First the two graphs are walked side by side, pair by pair, skipping a node already paired
 * with the same partner: linear, and fast, when both sides share alike (a graph and its copy). That
 * walk alone is exponential when one side shares a node that the other spells as several equal
 * nodes ({@code c = c + c} against {@code p, q = p + q, p + q}): each node meets each of its equal
 * partners, whose number doubles per level. So it gives up once it has expanded more pairs than
 * twice the nodes it has met, and the graphs are numbered by hash-consing instead: one post-order
 * over the distinct nodes of both gives each node the id of its structural class, looked up by
 * (kind, operation or leaf data, ids of the operands), and the expressions are equal when their
 * roots get the same id.
 *
 * <p>The leaves decide as their own {@code equals} does: constants by the bits of their values
 * ({@link Double#doubleToLongBits}, so NaN equals NaN and {@code -0.0 ≠ 0.0}), variables by name;
 * calls compare their custom operations by identity.
 */
public final class StructuralEquality {
    private StructuralEquality() {}

    /** A node's structural class: its kind, its operation or leaf data, and its operands' classes. */
    private record Shape(int kind, Object data, int first, int second, int third) {}

    private static final int CONSTANT = 0;
    private static final int VARIABLE = 1;
    private static final int UNARY = 2;
    private static final int BINARY = 3;
    private static final int CALL = 4;
    private static final int IF_ELSE = 5;

    /** {@return whether {@code a} and {@code o} are structurally equal expressions} */
    public static boolean equal(Expr a, Object o) {
        if (a == o) {
            return true;
        }
        // hash codes are structural (each node's is computed from its operands'), so unequal ones
        // settle most unequal pairs at once
        if (!(o instanceof Expr b) || a.hashCode() != b.hashCode() || a.getClass() != b.getClass()) {
            return false;
        }
        if (Traversal.isLeaf(a)) {
            return a.equals(b);
        }
        int paired = pairwise(a, b);
        return paired != UNDECIDED ? paired == 1 : hashConsed(a, b);
    }

    private static final int UNDECIDED = -1;

    /**
     * {@return 1 or 0 when a side-by-side walk of {@code a} and {@code b} decides their equality
     * within a linear budget, {@link #UNDECIDED} when the two share their nodes differently}
     */
    private static int pairwise(Expr a, Expr b) {
        // x → index in partners of the node y it was last paired with; a pair seen is not expanded again
        NodeIntMap partner = NodeIntMap.under(List.of(a)); // every x is a node of a
        ArrayList<Expr> partners = new ArrayList<>();
        ArrayDeque<Expr> stack = new ArrayDeque<>();
        int expanded = 0;
        stack.push(a);
        stack.push(b);
        while (!stack.isEmpty()) {
            Expr y = stack.pop();
            Expr x = stack.pop();
            if (x == y) {
                continue;
            }
            int p = partner.get(x);
            if (p != NodeIntMap.ABSENT && partners.get(p) == y) {
                continue;
            }
            if (++expanded > 2 * partner.size() + 64) {
                return UNDECIDED;
            }
            partner.put(x, partners.size());
            partners.add(y);
            if (x.hashCode() != y.hashCode() || x.getClass() != y.getClass()) {
                return 0;
            }
            if (x instanceof Binary bx) {
                Binary by = (Binary) y;
                if (bx.op() != by.op()) {
                    return 0;
                }
                push(stack, bx.left(), by.left());
                push(stack, bx.right(), by.right());
            } else if (x instanceof Unary ux) {
                Unary uy = (Unary) y;
                if (ux.op() != uy.op()) {
                    return 0;
                }
                push(stack, ux.operand(), uy.operand());
            } else if (x instanceof Call cx) {
                Call cy = (Call) y;
                if (cx.operation() != cy.operation()) {
                    return 0;
                }
                push(stack, cx.argument(), cy.argument());
            } else if (x instanceof IfElse ix) {
                IfElse iy = (IfElse) y;
                push(stack, ix.condition(), iy.condition());
                push(stack, ix.whenTrue(), iy.whenTrue());
                push(stack, ix.whenFalse(), iy.whenFalse());
            } else if (!x.equals(y)) { // leaves compare themselves
                return 0;
            }
        }
        return 1;
    }

    private static void push(ArrayDeque<Expr> stack, Expr x, Expr y) {
        stack.push(x);
        stack.push(y);
    }

    /** {@return whether {@code a} and {@code b} fall in one structural class when both are numbered together} */
    private static boolean hashConsed(Expr a, Expr b) {
        Traversal.Order order = Traversal.order(List.of(a, b));
        int n = order.nodes.size();
        int[] id = new int[n];
        Map<Shape, Integer> classes = new HashMap<>(2 * n);
        for (int k = 0; k < n; k++) {
            Shape shape = shape(order.nodes.get(k), k, order, id);
            Integer known = classes.putIfAbsent(shape, classes.size());
            id[k] = known != null ? known : classes.size() - 1;
        }
        return id[order.positionOf(a)] == id[order.positionOf(b)];
    }

    private static Shape shape(Expr e, int k, Traversal.Order order, int[] id) {
        int arity = Traversal.arity(e);
        int first = arity > 0 ? id[order.operand(k, 0)] : -1;
        int second = arity > 1 ? id[order.operand(k, 1)] : -1;
        int third = arity > 2 ? id[order.operand(k, 2)] : -1;
        if (e instanceof Constant c) {
            return new Shape(CONSTANT, Double.doubleToLongBits(c.value()), -1, -1, -1);
        } else if (e instanceof Variable v) {
            return new Shape(VARIABLE, v.name(), -1, -1, -1);
        } else if (e instanceof Unary u) {
            return new Shape(UNARY, u.op(), first, -1, -1);
        } else if (e instanceof Binary b) {
            return new Shape(BINARY, b.op(), first, second, -1);
        } else if (e instanceof Call c) {
            // CustomOperation keeps Object's identity equals: calls are equal only through the same object
            return new Shape(CALL, c.operation(), first, -1, -1);
        }
        return new Shape(IF_ELSE, IF_ELSE, first, second, third);
    }
}
