package dev.autodiff.core;

import dev.autodiff.core.internal.graph.NodeIntMap;
import dev.autodiff.core.internal.graph.Traversal;
import dev.autodiff.core.internal.graph.VariableIndex;
import java.util.Arrays;
import java.util.List;

/**
 * The walk behind {@link Expr#nodeCount()} and {@link Expr#variables()}: the distinct nodes (by
 * identity) under a root, depth first, operands left to right, each once, with no recursion.
 *
 * <p>It lives beside the nodes, and reads their fields, because of what a first call costs in a
 * fresh JVM, where 10⁶ nodes run partly interpreted and partly in code the JIT compiles meanwhile.
 * Each node is a call of {@link #step}, a method the JIT compiles after a few hundred nodes, as
 * {@link ValueWalk} does: as one large loop, the walk ran its first 60000 nodes in the interpreter,
 * where the JIT starts compiling a loop, and a first {@code nodeCount()} of 10⁶ nodes took longer
 * (45.3 against 38.7 ms, medians of 36 cold starts alternated with the loop; {@code variables()}
 * after it 41.0 against 34.8 ms). Within a step a node's work calls nothing: its kind is tested, its
 * serial and operands read from fields, and its mark set in a bit set indexed by serial. Only what
 * is rare calls out: growing the stack, growing the bit set, and the map that replaces the bit set
 * when the graph's nodes are spread too thinly over the serials for bits to pay ({@link
 * Marks#markFar}). The stack holds {@code Object}s, not {@code Expr}s: a store into an {@code
 * Expr[]} is checked, and the JIT, having seen only sums stored while the walk went down a long
 * sum's left spine, compiled the check for sums alone and threw the code away at the first other
 * node (in its compilation log; in time, within the noise of a cold start).
 */
final class NodeWalk {
    // a walk's state, in fields, as each node is a call of step
    private final Marks marks;
    private final long highest;
    private long[] bits;
    private long span;
    /** The distinct nodes reached. */
    private int count;
    /** The operands still to reach, each pushed when its user was reached; a null at the bottom ends the walk. */
    private Object[] stack = new Object[64];
    private int top = 1;
    /** The variable nodes reached (distinct by identity), in the order reached. */
    private Variable[] variables = new Variable[16];
    private int variableCount;

    private NodeWalk(Expr root) {
        marks = new Marks(Serials.READER.serial(root));
        highest = marks.highest;
        bits = marks.bits;
        span = marks.span;
    }

    /** {@return the number of distinct nodes under {@code root}, by identity} */
    static int nodeCount(Expr root) {
        // the variables are gathered as for variables(), and dropped: one path through the walk
        // for both, so that the code the JIT made for one serves the other as it is
        return walk(root).count;
    }

    /**
     * {@return the distinct variables under {@code root} in order of first appearance}: in the order a
     * depth-first walk, operands left to right, first reaches them, as a recursive walk would
     */
    static List<Variable> variables(Expr root) {
        NodeWalk w = walk(root);
        // variables are equal by name: the first of each name stands for it
        VariableIndex distinct = new VariableIndex(w.variableCount);
        for (int k = 0; k < w.variableCount; k++) {
            distinct.putIfAbsent(w.variables[k]);
        }
        return distinct.variables();
    }

    /** {@return the walk of the distinct nodes under {@code root}, done} */
    private static NodeWalk walk(Expr root) {
        NodeWalk w = new NodeWalk(root);
        for (Object node = root; node != null; node = w.step(node)) {
            // each node reached in a call of its own: see the class comment
        }
        return w;
    }

    /**
     * Marks {@code node} reached, if it was not, and pushes its operands after the first; {@return
     * the node to reach next}: its first operand if it was new, else the top of the stack, null at
     * its bottom. A node is marked when reached, not when pushed, so nodes are reached in a
     * recursive walk's order.
     */
    private Object step(Object node) {
        long serial;
        Object first = null;
        Object second = null;
        Object third = null;
        Variable variable = null;
        if (node instanceof Binary b) {
            serial = b.serial;
            first = b.left;
            second = b.right;
        } else if (node instanceof Variable v) {
            serial = v.serial;
            variable = v;
        } else if (node instanceof Constant c) {
            serial = c.serial;
        } else if (node instanceof Unary u) {
            serial = u.serial;
            first = u.operand;
        } else if (node instanceof Call c) {
            serial = c.serial;
            first = c.argument;
        } else {
            IfElse b = (IfElse) node;
            serial = b.serial;
            first = b.condition;
            second = b.whenTrue;
            third = b.whenFalse;
        }
        // an operand is built before its users, so no serial under the root is above the root's
        long d = highest - serial;
        boolean fresh;
        if (d >= 0 && d < span) {
            int w = (int) (d >>> 6);
            long word = bits[w];
            long bit = 1L << d;
            fresh = (word & bit) == 0;
            bits[w] = word | bit;
        } else {
            fresh = marks.markFar(d, count);
            bits = marks.bits;
            span = marks.span;
        }
        if (!fresh) {
            return stack[--top];
        }
        count++;
        if (second != null) {
            if (top + Traversal.MAX_ARITY > stack.length) {
                stack = Arrays.copyOf(stack, 2 * stack.length);
            }
            if (third != null) {
                stack[top++] = third;
            }
            stack[top++] = second;
        } else if (variable != null) {
            if (variableCount == variables.length) {
                variables = Arrays.copyOf(variables, 2 * variableCount);
            }
            variables[variableCount++] = variable;
        }
        return first != null ? first : stack[--top];
    }

    /**
     * The marks of the nodes reached: a bit per serial, at {@code highest - serial}, over the
     * {@link #span} serials below the root's; or, once the nodes are spread too thinly over the
     * serials for bits to pay, a map keyed by serial.
     */
    private static final class Marks {
        /** Bits to start with: 2¹⁶ serials, in 8 KiB. */
        private static final int FIRST_WORDS = 1 << 10;
        /**
         * Words the bit set may always have, whatever the nodes found: 2²⁰ serials in 128 KiB. Past
         * it, a word (8 bytes, 64 serials) per node found so far, about what the map would cost per
         * node: the bits pay while at least one serial in 64 under the root is a node of the graph.
         */
        private static final int FREE_WORDS = 1 << 14;

        final long highest;
        long[] bits = new long[FIRST_WORDS];
        /** The serials the bits cover, from {@link #highest} down; 0 once the map has replaced them. */
        long span = 64L * FIRST_WORDS;
        private NodeIntMap far;

        Marks(long highest) {
            this.highest = highest;
        }

        /**
         * {@return whether the serial {@code highest - d}, at or past the bits' span, was unmarked},
         * marking it: in a larger bit set if it pays for the {@code count} nodes found so far, else in the map
         */
        boolean markFar(long d, int count) {
            if (far == null) {
                long words = (d >>> 6) + 1;
                if (words <= FREE_WORDS + (long) count) {
                    bits = Arrays.copyOf(bits, (int) Math.min(FREE_WORDS + (long) count, Math.max(words, 2L * bits.length)));
                    span = 64L * bits.length;
                    long bit = 1L << d;
                    int w = (int) (d >>> 6);
                    boolean fresh = (bits[w] & bit) == 0;
                    bits[w] |= bit;
                    return fresh;
                }
                toMap();
            }
            return far.addSerial(highest - d);
        }

        /** Moves the marks from the bits to the map, which takes every mark from now on. */
        private void toMap() {
            far = new NodeIntMap(highest);
            for (int w = 0; w < bits.length; w++) {
                for (long word = bits[w]; word != 0; word &= word - 1) {
                    far.addSerial(highest - (64L * w + Long.numberOfTrailingZeros(word)));
                }
            }
            bits = new long[0];
            span = 0;
        }
    }
}
