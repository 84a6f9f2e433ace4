package dev.autodiff.core.internal.program;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Variable;
import dev.autodiff.testkit.RandomDags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The levelled orders ({@link Levels}, by joins and by height) and {@link Program#reordered}: valid
 * orders that compute the same values, keep the order in which every adjoint summed from three or
 * more contributions is summed, and put the levels of a balanced sum in runs of alike operations.
 */
class LevelsTest {
    private static Program compile(Expr e, List<Variable> x) {
        return Program.compile(List.of(e), x);
    }

    private static double[] values(Program p, double[] point) {
        double[] v = new double[p.size];
        p.evaluate(point, v);
        return v;
    }

    /** {@return per node of p, its position in q = p.reordered(order)} */
    private static int[] positions(int[] order) {
        int[] position = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            position[order[k]] = k;
        }
        return position;
    }

    private static int[] order(Program p, boolean joins) {
        return joins ? Levels.byJoins(p) : Levels.byHeight(p);
    }

    @Test
    void theLevelledOrdersOfRandomDagsAreTheSameProgramNodeForNode() {
        Random r = new Random(20261201);
        for (int seed = 0; seed < 600; seed++) {
            List<Variable> x = Expr.variables("x", 1 + seed % 6);
            Program p = compile(RandomDags.dag(seed / 2, x, 5 + seed % 60), x);
            int[] order = order(p, seed % 2 == 0);
            Program q = p.reordered(order);
            int[] position = positions(order);
            assertEquals(p.size, q.size);
            assertEquals(p.inputs, q.inputs);
            for (int i = 0; i < p.size; i++) {
                int k = position[i];
                assertEquals(p.code[i], q.code[k], "op of node " + i);
                assertEquals(Double.doubleToLongBits(p.param[i]), Double.doubleToLongBits(q.param[k]));
                assertEquals(p.left[i] < 0 ? -1 : position[p.left[i]], q.left[k]);
                assertEquals(p.right[i] < 0 ? -1 : position[p.right[i]], q.right[k]);
                assertEquals(p.third[i] < 0 ? -1 : position[p.third[i]], q.third[k]);
                assertTrue(q.left[k] < k && q.right[k] < k && q.third[k] < k, "operands precede their users");
            }
            assertEquals(position[p.outputs[0]], q.outputs[0]);
            double[] point = r.doubles(x.size(), -2, 2).toArray();
            double[] pv = values(p, point);
            double[] qv = values(q, point);
            for (int i = 0; i < p.size; i++) {
                assertEquals(Double.doubleToLongBits(pv[i]), Double.doubleToLongBits(qv[position[i]]), "value of node " + i);
            }
        }
    }

    @Test
    void usersOfANodeSummedFromThreeOrMoreContributionsKeepTheirOrder() {
        // the backward sweeps add a node's contributions user by user, last to first: with three or
        // more, another order would round differently (a constant's adjoint is read by nothing)
        int[] raised = new int[2];
        for (int seed = 0; seed < 600; seed++) {
            boolean joins = seed % 2 == 0;
            List<Variable> x = Expr.variables("x", 1 + seed % 4);
            List<Expr> outputs = RandomDags.outputs(seed / 2, x, 10 + seed % 80, 1 + seed % 3);
            Program p = Program.compile(outputs, x);
            int[] position = positions(order(p, joins));
            int[] contributions = new int[p.size];
            for (int i = p.inputCount; i < p.size; i++) {
                for (int operand : new int[] {p.left[i], p.right[i]}) {
                    if (operand >= 0) {
                        contributions[operand]++;
                    }
                }
            }
            for (int o : p.outputs) {
                contributions[o]++;
            }
            int[] lastUser = new int[p.size];
            Arrays.fill(lastUser, -1);
            for (int i = p.inputCount; i < p.size; i++) {
                for (int operand : new int[] {p.left[i], p.right[i]}) {
                    if (operand >= 0 && contributions[operand] >= 3 && p.code[operand] != Program.CONSTANT
                            && lastUser[operand] != i) {
                        int previous = lastUser[operand];
                        assertTrue(previous < 0 || position[previous] < position[i],
                                "seed " + seed + (joins ? " by joins" : " by height") + ": users " + previous + " and " + i + " of node " + operand + " swapped");
                        lastUser[operand] = i;
                    }
                }
            }
            int[] level = Levels.levels(p, joins);
            for (int i = p.inputCount; i < p.size; i++) {
                int natural = (joins ? 0 : 1) + Math.max(level(p.left[i], level), Math.max(level(p.right[i], level), level(p.third[i], level)));
                raised[joins ? 1 : 0] += p.isOperation(i) && level[i] > natural + 1 ? 1 : 0;
            }
        }
        // more than one above the operands: raised for sure, by joins as by height
        assertTrue(raised[0] > 100 && raised[1] > 50, "the random DAGs should need users raised to keep their order; raised "
                + Arrays.toString(raised));
    }

    private static int level(int operand, int[] level) {
        return operand >= 0 ? level[operand] : 0;
    }

    private static Program balancedSumOfSquaredSines(int n) {
        List<Variable> x = Expr.variables("x", n);
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            terms.add(x.get(i).times(x.get(i)).sin());
        }
        return compile(RandomDags.balancedSum(terms), x);
    }

    @Test
    void aBalancedSumByHeightComesLevelByLevel() {
        int n = 100;
        Program p = balancedSumOfSquaredSines(n);
        Program q = p.reordered(Levels.byHeight(p));
        // n squares, then n sines, then the sums: 50, 25, 12 (+ one carried), 6, 3, 1 + …
        for (int k = 0; k < n; k++) {
            assertEquals(p.code[n], q.code[n + k], "square " + k);
            assertEquals(k, q.left[n + k], "square " + k + " reads x" + k);
            assertEquals(Primitive.SIN.ordinal(), q.code[2 * n + k], "sine " + k);
            assertEquals(n + k, q.left[2 * n + k]);
        }
        assertSumsAtStrideTwo(q, 2 * n, 1, 3 * n, n);
        double[] point = new Random(3).doubles(n, -2, 2).toArray();
        assertEquals(values(p, point)[p.outputs[0]], values(q, point)[q.outputs[0]]);
    }

    @Test
    void aBalancedSumByJoinsComesTermsFirstThenLevelByLevel() {
        int n = 100;
        Program p = balancedSumOfSquaredSines(n);
        Program q = p.reordered(Levels.byJoins(p));
        // the terms whole, in order (square, sine), then the sums level by level
        for (int k = 0; k < n; k++) {
            assertEquals(p.code[n], q.code[n + 2 * k], "square " + k);
            assertEquals(k, q.left[n + 2 * k], "square " + k + " reads x" + k);
            assertEquals(Primitive.SIN.ordinal(), q.code[n + 2 * k + 1], "sine " + k);
        }
        assertSumsAtStrideTwo(q, n + 1, 2, 3 * n, n);
        double[] point = new Random(3).doubles(n, -2, 2).toArray();
        assertEquals(values(p, point)[p.outputs[0]], values(q, point)[q.outputs[0]]);
    }

    /**
     * Asserts that the n/2 sums from node {@code sums} on add terms 2k and 2k+1 (term k at node
     * {@code first + k·stride}), and the next n/4 sums read the first at stride 2
     */
    private static void assertSumsAtStrideTwo(Program q, int first, int stride, int sums, int n) {
        for (int k = 0; k < n / 2; k++) {
            int sum = sums + k;
            assertEquals(Primitive.ADD.ordinal(), q.code[sum]);
            assertEquals(first + stride * 2 * k, q.left[sum], "the first sums read the terms two by two");
            assertEquals(first + stride * (2 * k + 1), q.right[sum]);
        }
        for (int k = 0; k < n / 4; k++) {
            assertEquals(sums + 2 * k, q.left[sums + n / 2 + k], "the second level reads the first at stride 2");
            assertEquals(sums + 2 * k + 1, q.right[sums + n / 2 + k]);
        }
    }

    @Test
    void aChainOfAMillionOperationsIsLevelledWithoutRecursion() {
        Variable x = Expr.variable("x");
        Expr e = x;
        for (int i = 0; i < 1_000_000; i++) {
            e = i % 2 == 0 ? e.sin() : e.plus(x);
        }
        Program p = compile(e, List.of(x));
        // a chain is one node per level by height, and no join: either way its order is the program's
        for (int[] order : List.of(Levels.byHeight(p), Levels.byJoins(p))) {
            for (int k = 0; k < p.size; k++) {
                assertEquals(k, order[k]);
            }
            assertEquals(p.size - 1, p.reordered(order).outputs[0]);
        }
    }

    @Test
    void reorderingRejectsOrdersThatAreNoTopologicalPermutation() {
        List<Variable> x = Expr.variables("x", 2);
        Program p = compile(x.get(0).times(x.get(1)).sin(), x); // x0, x1, x0·x1, sin
        assertArrayEquals(new int[] {0, 1, 2, 3}, Levels.byHeight(p));
        assertMessage(() -> p.reordered(new int[] {0, 1, 2}), "expected an order of 4 nodes, got 3");
        assertMessage(() -> p.reordered(new int[] {0, 1, 2, 2}), "expected a permutation");
        assertMessage(() -> p.reordered(new int[] {1, 0, 2, 3}), "expected input 0 to stay at position 0");
        assertMessage(() -> p.reordered(new int[] {0, 1, 3, 2}), "expected every operand before its users");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
