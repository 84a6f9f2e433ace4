package dev.autodiff.core.internal.graph;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Constant;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

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
        private final Expr[][] chunks; // node k at chunks[k >> OrderWalk.CHUNK_BITS][k & OrderWalk.CHUNK - 1]
        private final int size;
        private final NodeIntMap position;
        private final int[] operands; // positions of the operands of node k at 3k, 3k+1, 3k+2

        Order(Expr[][] chunks, int size, NodeIntMap position, int[] operands) {
            this.chunks = chunks;
            this.size = size;
            this.nodes = new Nodes(chunks, size);
            this.position = position;
            this.operands = operands;
        }

        /** {@return the number of nodes} */
        public int size() {
            return size;
        }

        /** {@return the node at position {@code k}}, as {@code nodes.get(k)} but with no list between, for loops over large graphs */
        public Expr node(int k) {
            Objects.checkIndex(k, size);
            return chunks[k >> OrderWalk.CHUNK_BITS][k & OrderWalk.CHUNK - 1];
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

    /** An unmodifiable list of the first {@code size} nodes of chunks, one call from each node. */
    private static final class Nodes extends AbstractList<Expr> implements RandomAccess {
        private final Expr[][] chunks;
        private final int size;

        Nodes(Expr[][] chunks, int size) {
            this.chunks = chunks;
            this.size = size;
        }

        @Override
        public Expr get(int k) {
            Objects.checkIndex(k, size);
            return chunks[k >> OrderWalk.CHUNK_BITS][k & OrderWalk.CHUNK - 1];
        }

        @Override
        public int size() {
            return size;
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
        return OrderWalk.order(roots);
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
}
