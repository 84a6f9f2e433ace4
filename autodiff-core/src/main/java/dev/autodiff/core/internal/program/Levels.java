package dev.autodiff.core.internal.program;

import java.util.Arrays;

/**
 * Orders of a program's nodes by level, in which a balanced (pairwise) reduction comes in runs of
 * alike operations. The program's own order (the depth-first post-order of {@link Program#compile})
 * puts after each term of a balanced sum as many sums as the ruler sequence says (0, 1, 0, 2, 0, 1,
 * 0, 3, …), a pattern with no period, so no loop can run it.
 *
 * <p>Nodes are sorted by a level, stably: within a level they keep the program's order. Two levels:
 * <ul>
 *   <li>{@linkplain #byJoins by joins}: a node's level is its operands' highest, plus one if it joins
 *       two operations (both operands computed, not inputs or constants). The terms of a balanced sum
 *       stay whole and in order, level 0, one after another (a loop); then each level of the tree
 *       of sums, reading the level before at stride 2.
 *   <li>{@linkplain #byHeight by height}: one more than the operands' highest for every operation,
 *       so that alike operations of all terms come together: every {@code x_i²}, then every
 *       {@code sin(x_i²)}, then the first level of sums, and so on.
 * </ul>
 * Inputs and constants are level 0. Either order lists every operand before its users, since a level
 * never decreases from operand to user and ties keep the program's order.
 *
 * <p><b>The same results to the bit.</b> Values and tangents depend on the operands alone. An
 * adjoint summed from three or more contributions (a node read by several users, or read twice and
 * an output) depends on the order of its sum, which the backward sweeps take from the order of the
 * users, last to first. So the users of such a node keep the program's order: a user's level is
 * raised to at least that of the node's previous user. A constant's adjoint is summed but goes
 * nowhere, so a constant shared by many terms constrains nothing. Two contributions need no care:
 * {@code (0 + a) + b} and {@code (0 + b) + a} are the same double, signed zeros and NaN included.
 *
 * <p>One pass to count contributions, one forward pass for the levels, a counting sort: O(size), no
 * recursion.
 */
public final class Levels {
    private Levels() {}

    /** {@return the nodes of {@code p} by joins} (see the class comment), an order for {@link Program#reordered} */
    public static int[] byJoins(Program p) {
        return sorted(levels(p, true));
    }

    /** {@return the nodes of {@code p} by height} (see the class comment), an order for {@link Program#reordered} */
    public static int[] byHeight(Program p) {
        return sorted(levels(p, false));
    }

    /** {@return the nodes sorted by {@code level}, stably}: a counting sort */
    private static int[] sorted(int[] level) {
        int n = level.length;
        int top = 0;
        for (int h : level) {
            top = Math.max(top, h);
        }
        int[] start = new int[top + 2];
        for (int h : level) {
            start[h + 1]++;
        }
        for (int h = 0; h <= top; h++) {
            start[h + 1] += start[h];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) { // ascending i: stable within a level, so the inputs stay first
            order[start[level[i]]++] = i;
        }
        return order;
    }

    /** {@return each node's level, by joins or by height}: see the class comment */
    static int[] levels(Program p, boolean joins) {
        int n = p.size;
        int[] contributions = new int[n];
        for (int i = p.inputCount; i < n; i++) {
            if (p.left[i] >= 0) {
                contributions[p.left[i]]++;
            }
            if (p.right[i] >= 0) {
                contributions[p.right[i]]++;
            }
        }
        for (int o : p.outputs) {
            contributions[o]++; // the seed of an adjoint sweep
        }
        int[] level = new int[n];
        int[] lastUser = new int[n];
        Arrays.fill(lastUser, -1);
        for (int i = p.inputCount; i < n; i++) {
            if (!p.isOperation(i)) {
                continue; // a constant: level 0
            }
            int h = Math.max(level(p.left[i], level), Math.max(level(p.right[i], level), level(p.third[i], level)));
            if (!joins || joinsOperations(p, i)) {
                h++;
            }
            h = afterPreviousUser(p, p.left[i], i, h, contributions, lastUser, level);
            if (p.right[i] != p.left[i]) {
                h = afterPreviousUser(p, p.right[i], i, h, contributions, lastUser, level);
            }
            level[i] = h;
        }
        return level;
    }

    private static int level(int operand, int[] level) {
        return operand >= 0 ? level[operand] : 0;
    }

    /** {@return whether node {@code i} reads two distinct operations} (a branch's condition counts) */
    private static boolean joinsOperations(Program p, int i) {
        int a = computed(p, p.left[i]);
        int b = computed(p, p.right[i]);
        int c = computed(p, p.third[i]);
        int distinct = (a >= 0 ? 1 : 0) + (b >= 0 && b != a ? 1 : 0) + (c >= 0 && c != a && c != b ? 1 : 0);
        return distinct >= 2;
    }

    /** {@return {@code operand} if it is an operation, otherwise -1} */
    private static int computed(Program p, int operand) {
        return operand >= 0 && p.isOperation(operand) ? operand : -1;
    }

    /**
     * {@return level {@code h} of {@code user}, raised to its operand's previous user's} when the
     * operand's adjoint is summed from three or more contributions, so the users stay in order; a
     * constant's adjoint goes nowhere, so the order of its sum does not matter
     */
    private static int afterPreviousUser(Program p, int operand, int user, int h, int[] contributions, int[] lastUser,
            int[] level) {
        if (operand < 0 || contributions[operand] < 3 || p.code[operand] == Program.CONSTANT) {
            return h;
        }
        int previous = lastUser[operand];
        lastUser[operand] = user;
        return previous >= 0 ? Math.max(h, level[previous]) : h;
    }
}
