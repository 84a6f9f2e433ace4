package dev.autodiff.core.internal.graph;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Constant;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.Arrays;
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
        } else if (e instanceof IfElse b) {
            return new Expr[] {b.condition(), b.whenTrue(), b.whenFalse()};
        }
        return NONE;
    }

    /** The most operands a node has: three, for {@link IfElse}. */
    public static final int MAX_ARITY = 3;

    /** {@return the number of operands of {@code e}}, as {@link #children} would give, without an array */
    public static int arity(Expr e) {
        return e instanceof Binary ? 2 : e instanceof Unary || e instanceof Call ? 1 : e instanceof IfElse ? 3 : 0;
    }

    /** {@return whether {@code e} is a leaf: a constant or a variable} */
    public static boolean isLeaf(Expr e) {
        return e instanceof Constant || e instanceof Variable;
    }

    /**
     * The distinct nodes reachable from some roots, operands before the nodes that use them, each
     * node's position in that order, and the positions of each node's operands.
     */
    public static final class Order {
        /** The nodes, each once, operands first. */
        public final List<Expr> nodes;
        private final IdentityIntMap position;
        private final int[] operands; // positions of the operands of node k at 3k, 3k+1, 3k+2

        Order(List<Expr> nodes, IdentityIntMap position, int[] operands) {
            this.nodes = nodes;
            this.position = position;
            this.operands = operands;
        }

        /** {@return the position of {@code e} in {@link #nodes}} */
        public int positionOf(Expr e) {
            return position.get(e);
        }

        /** {@return the position of operand {@code which} (0, 1 or 2, as {@link #children} lists them) of the node at position {@code k}} */
        public int operand(int k, int which) {
            return operands[MAX_ARITY * k + which];
        }
    }

    /**
     * {@return the distinct nodes reachable from {@code roots}, each once, operands before the nodes
     * that use them} Runs in time linear in the number of distinct nodes with an explicit stack.
     */
    public static List<Expr> postOrder(List<? extends Expr> roots) {
        return order(roots).nodes;
    }

    /**
     * {@return the post-order of {@code roots} with positions}; one hash probe per edge: each node's
     * operands are looked up once, when it is expanded, and remembered by entry number.
     */
    public static Order order(List<? extends Expr> roots) {
        final int expanded = -1; // value of an entry whose operands are being visited
        IdentityIntMap seen = new IdentityIntMap(64);
        List<Expr> order = new ArrayList<>();
        int[] kidEntries = new int[192]; // entry numbers of the operands of entry e at 3e, 3e+1, 3e+2
        int[] stack = new int[64]; // entry numbers
        int[] entryAt = new int[64]; // entry number of each position in the order
        int top = 0;
        for (int r = roots.size() - 1; r >= 0; r--) {
            if (top == stack.length) {
                stack = Arrays.copyOf(stack, top * 2);
            }
            stack[top++] = seen.entry(roots.get(r));
        }
        while (top > 0) {
            int e = stack[top - 1];
            int s = seen.valueAt(e);
            if (s == IdentityIntMap.ABSENT) {
                seen.setValueAt(e, expanded);
                Expr node = (Expr) seen.keyAt(e);
                int arity = arity(node);
                if (MAX_ARITY * e + MAX_ARITY > kidEntries.length) {
                    kidEntries = Arrays.copyOf(kidEntries, Math.max(MAX_ARITY * e + MAX_ARITY, kidEntries.length * 2));
                }
                for (int k = arity - 1; k >= 0; k--) {
                    int c = seen.entry(child(node, k));
                    kidEntries[MAX_ARITY * e + k] = c;
                    if (seen.valueAt(c) == IdentityIntMap.ABSENT) {
                        if (top == stack.length) {
                            stack = Arrays.copyOf(stack, top * 2);
                        }
                        stack[top++] = c;
                    }
                }
            } else {
                top--;
                if (s == expanded) {
                    if (order.size() == entryAt.length) {
                        entryAt = Arrays.copyOf(entryAt, entryAt.length * 2);
                    }
                    entryAt[order.size()] = e;
                    seen.setValueAt(e, order.size());
                    order.add((Expr) seen.keyAt(e));
                }
            }
        }
        int[] operands = new int[MAX_ARITY * order.size()];
        for (int k = 0; k < order.size(); k++) {
            int e = entryAt[k];
            int arity = arity(order.get(k));
            for (int j = 0; j < arity; j++) {
                operands[MAX_ARITY * k + j] = seen.valueAt(kidEntries[MAX_ARITY * e + j]);
            }
        }
        return new Order(order, seen, operands);
    }

    /** {@return operand {@code which} of {@code e}, as {@link #children} lists them, without an array} */
    public static Expr child(Expr e, int which) {
        if (e instanceof Binary b) {
            return which == 0 ? b.left() : b.right();
        } else if (e instanceof Unary u) {
            return u.operand();
        } else if (e instanceof Call c) {
            return c.argument();
        }
        IfElse b = (IfElse) e;
        return which == 0 ? b.condition() : which == 1 ? b.whenTrue() : b.whenFalse();
    }

    /** What a walk does with each distinct node, in the order a depth-first walk first reaches it. */
    @FunctionalInterface
    private interface Visit {
        void visit(Expr node);
    }

    /**
     * Walks the distinct nodes under {@code root} depth first, operands left to right, each once:
     * only a set of the nodes seen and a stack, for the walks that need no order of all the nodes.
     * A node is marked when it is popped, not when it is pushed, so nodes are reached in the order a
     * recursive walk would reach them, and leaves in the order {@link #postOrder} lists them.
     */
    private static void walk(Expr root, Visit visit) {
        IdentityIntMap seen = new IdentityIntMap(64);
        Expr[] stack = new Expr[64];
        int top = 0;
        stack[top++] = root;
        while (top > 0) {
            Expr e = stack[--top];
            int entry = seen.entry(e);
            if (seen.valueAt(entry) != IdentityIntMap.ABSENT) {
                continue;
            }
            seen.setValueAt(entry, 0);
            visit.visit(e);
            int arity = arity(e);
            if (top + arity > stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2 + arity);
            }
            for (int k = arity - 1; k >= 0; k--) {
                stack[top++] = child(e, k);
            }
        }
    }

    /** {@return the distinct variables of {@code e} in order of first appearance} */
    public static List<Variable> variables(Expr e) {
        LinkedHashSet<Variable> vars = new LinkedHashSet<>();
        walk(e, node -> {
            if (node instanceof Variable v) {
                vars.add(v);
            }
        });
        return List.copyOf(vars);
    }

    /** {@return the number of distinct nodes by identity} */
    public static int nodeCount(Expr e) {
        int[] count = {0};
        walk(e, node -> count[0]++);
        return count[0];
    }
}
