package dev.autodiff.core.internal;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Constant;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Iterative walks over expression DAGs: each distinct node (by identity) once, no recursion. */
public final class Traversal {
    private static final Expr[] NONE = {};

    private Traversal() {}

    /** {@return the operands of {@code e}: none, one or two} */
    public static Expr[] children(Expr e) {
        if (e instanceof Binary b) {
            return new Expr[] {b.left(), b.right()};
        } else if (e instanceof Unary u) {
            return new Expr[] {u.operand()};
        } else if (e instanceof Call c) {
            return new Expr[] {c.argument()};
        }
        return NONE;
    }

    /** {@return whether {@code e} is a leaf: a constant or a variable} */
    public static boolean isLeaf(Expr e) {
        return e instanceof Constant || e instanceof Variable;
    }

    /**
     * The distinct nodes reachable from some roots, operands before the nodes that use them, and
     * each node's position in that order.
     */
    public static final class Order {
        /** The nodes, each once, operands first. */
        public final List<Expr> nodes;
        private final IdentityIntMap position;

        Order(List<Expr> nodes, IdentityIntMap position) {
            this.nodes = nodes;
            this.position = position;
        }

        /** {@return the position of {@code e} in {@link #nodes}} */
        public int positionOf(Expr e) {
            return position.get(e);
        }
    }

    /**
     * {@return the distinct nodes reachable from {@code roots}, each once, operands before the nodes
     * that use them} Runs in time linear in the number of distinct nodes with an explicit stack.
     */
    public static List<Expr> postOrder(List<? extends Expr> roots) {
        return order(roots).nodes;
    }

    /** {@return the post-order of {@code roots} with each node's position} */
    public static Order order(List<? extends Expr> roots) {
        final int expanded = Integer.MAX_VALUE; // state of a node whose operands are being visited
        IdentityIntMap state = new IdentityIntMap(64);
        List<Expr> order = new ArrayList<>();
        ArrayDeque<Expr> stack = new ArrayDeque<>();
        for (int r = roots.size() - 1; r >= 0; r--) {
            stack.push(roots.get(r));
        }
        while (!stack.isEmpty()) {
            Expr e = stack.peek();
            int s = state.get(e);
            if (s == IdentityIntMap.ABSENT) {
                state.put(e, expanded);
                Expr[] kids = children(e);
                for (int k = kids.length - 1; k >= 0; k--) {
                    if (state.get(kids[k]) == IdentityIntMap.ABSENT) {
                        stack.push(kids[k]);
                    }
                }
            } else {
                stack.pop();
                if (s == expanded) {
                    state.put(e, order.size());
                    order.add(e);
                }
            }
        }
        return new Order(order, state);
    }

    /** {@return the distinct variables of {@code e} in order of first appearance} */
    public static List<Variable> variables(Expr e) {
        LinkedHashSet<Variable> vars = new LinkedHashSet<>();
        for (Expr node : postOrder(List.of(e))) {
            if (node instanceof Variable v) {
                vars.add(v);
            }
        }
        return List.copyOf(vars);
    }

    /** {@return the number of distinct nodes by identity} */
    public static int nodeCount(Expr e) {
        return postOrder(List.of(e)).size();
    }
}
