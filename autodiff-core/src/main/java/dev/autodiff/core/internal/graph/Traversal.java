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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
        private final NodeIntMap position;
        private final int[] operands; // positions of the operands of node k at 3k, 3k+1, 3k+2

        Order(List<Expr> nodes, NodeIntMap position, int[] operands) {
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
     * {@return the post-order of {@code roots} with positions}: a node is marked when it is first
     * popped, and pushed back beneath its operands, to be given its position when it comes up again,
     * after them, and read their positions
     */
    public static Order order(List<? extends Expr> roots) {
        NodeIntMap seen = NodeIntMap.under(roots);
        Expr[] nodes = new Expr[64];
        int[] operands = new int[MAX_ARITY * nodes.length];
        int count = 0;
        Expr[] stack = new Expr[Math.max(64, roots.size() + 1)];
        boolean[] done = new boolean[stack.length]; // whether the node at this height has its operands done
        int top = 0;
        for (int r = roots.size() - 1; r >= 0; r--) {
            stack[top++] = roots.get(r);
        }
        while (top > 0) {
            Expr e = stack[--top];
            if (done[top]) {
                int arity = arity(e);
                if (count == nodes.length) {
                    nodes = Arrays.copyOf(nodes, count * 2);
                    operands = Arrays.copyOf(operands, MAX_ARITY * count * 2);
                }
                for (int k = 0; k < arity; k++) {
                    operands[MAX_ARITY * count + k] = seen.get(child(e, k));
                }
                seen.put(e, count);
                nodes[count++] = e;
            } else if (seen.putIfAbsent(e, -1) == NodeIntMap.ABSENT) {
                if (top + 1 + MAX_ARITY > stack.length) {
                    stack = Arrays.copyOf(stack, stack.length * 2);
                    done = Arrays.copyOf(done, stack.length);
                }
                stack[top] = e;
                done[top++] = true;
                int pushed = pushOperands(e, stack, top);
                while (top < pushed) {
                    done[top++] = false;
                }
            }
        }
        return new Order(Collections.unmodifiableList(Arrays.asList(nodes).subList(0, count)), seen, operands);
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

    /**
     * {@return the distinct variables of {@code e} in order of first appearance}: in the order a
     * depth-first walk, operands left to right, first reaches them, as a recursive walk would
     */
    public static List<Variable> variables(Expr e) {
        NodeIntMap seen = NodeIntMap.under(List.of(e));
        List<Variable> found = new ArrayList<>(); // distinct by identity
        Expr[] stack = new Expr[64];
        int top = 0;
        stack[top++] = e;
        while (top > 0) {
            Expr node = stack[--top];
            // marked when popped, not when pushed: so nodes are reached in a recursive walk's order
            if (seen.putIfAbsent(node, 0) == NodeIntMap.ABSENT) {
                if (node instanceof Variable v) {
                    found.add(v);
                }
                top = pushOperands(node, stack, top);
                stack = grown(stack, top);
            }
        }
        // variables are equal by name: the first of each name stands for it
        Set<Variable> distinct = new HashSet<>(Math.max(16, found.size() * 2));
        List<Variable> vars = new ArrayList<>(found.size());
        for (Variable v : found) {
            if (distinct.add(v)) {
                vars.add(v);
            }
        }
        return Collections.unmodifiableList(vars);
    }

    /** {@return the number of distinct nodes by identity} */
    public static int nodeCount(Expr e) {
        NodeIntMap seen = NodeIntMap.under(List.of(e));
        Expr[] stack = new Expr[64];
        int top = 0;
        stack[top++] = e;
        while (top > 0) {
            Expr node = stack[--top];
            if (seen.putIfAbsent(node, 0) == NodeIntMap.ABSENT) {
                top = pushOperands(node, stack, top);
                stack = grown(stack, top);
            }
        }
        return seen.size();
    }

    /** {@return the stack's new top} after pushing the operands of {@code e} onto it, the first on top; room for them is there */
    private static int pushOperands(Expr e, Expr[] stack, int top) {
        if (e instanceof Binary b) {
            stack[top] = b.right();
            stack[top + 1] = b.left();
            return top + 2;
        } else if (e instanceof Unary u) {
            stack[top] = u.operand();
            return top + 1;
        } else if (e instanceof Call c) {
            stack[top] = c.argument();
            return top + 1;
        } else if (e instanceof IfElse b) {
            stack[top] = b.whenFalse();
            stack[top + 1] = b.whenTrue();
            stack[top + 2] = b.condition();
            return top + 3;
        }
        return top;
    }

    /** {@return {@code stack}, or a copy twice as long when it has no room for {@value #MAX_ARITY} more above {@code top}} */
    private static Expr[] grown(Expr[] stack, int top) {
        return top + MAX_ARITY > stack.length ? Arrays.copyOf(stack, stack.length * 2) : stack;
    }
}
