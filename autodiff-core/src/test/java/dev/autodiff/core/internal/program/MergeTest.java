package dev.autodiff.core.internal.program;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Program#compile} merges structurally equal nodes however they were built: a graph and a
 * copy of it built apart (no object shared but the variables) compile to the program of the graph
 * alone, both outputs one node; and the merged program computes what the unmerged evaluation
 * ({@link Program#valueOnce}) computes, to the bit.
 */
class MergeTest {
    private static final List<Variable> VARS = Expr.variables("m", 3);

    /** A random graph from {@code seed}, whose nodes repeat one another (equal nodes built apart). */
    private static Expr build(long seed, int size) {
        Random random = new Random(seed);
        List<Expr> pool = new ArrayList<>(VARS);
        for (int i = 0; i < size; i++) {
            Expr a = pool.get(random.nextInt(pool.size()));
            Expr b = pool.get(Math.max(0, pool.size() - 1 - random.nextInt(4)));
            pool.add(switch (random.nextInt(6)) {
                case 0 -> a.plus(b);
                case 1 -> a.times(a); // one operand twice
                case 2 -> a.minus(1); // a new constant object each time
                case 3 -> Expr.ifElse(a.lessThan(b), b, a.plus(b)); // three operands
                case 4 -> a.times(b).plus(a.times(b)); // equal nodes side by side
                default -> b.sin();
            });
        }
        Expr root = pool.get(pool.size() - 1);
        for (int i = 0; i < 3; i++) {
            root = root.plus(pool.get(random.nextInt(pool.size())));
        }
        return root;
    }

    @Test
    void aGraphAndItsCopyBuiltApartCompileToTheGraphsProgram() {
        for (long seed = 0; seed < 100; seed++) {
            int size = 1 + (int) (seed * 7 % 200);
            Expr a = build(seed, size);
            Expr copy = build(seed, size);
            Program alone = Program.compile(List.of(a), VARS);
            Program both = Program.compile(List.of(a, copy), VARS);
            assertEquals(both.outputs[0], both.outputs[1], "seed " + seed);
            assertEquals(alone.size, both.size, "seed " + seed);
            assertArrayEquals(alone.code, both.code, "seed " + seed);
            assertArrayEquals(alone.left, both.left, "seed " + seed);
            assertArrayEquals(alone.right, both.right, "seed " + seed);
            assertArrayEquals(alone.third, both.third, "seed " + seed);
            Program reversed = Program.compile(List.of(copy, a), VARS);
            assertEquals(alone.size, reversed.size, "seed " + seed);
        }
    }

    @Test
    void mergedProgramsComputeWhatTheUnmergedEvaluationComputes() {
        Random random = new Random(9);
        for (long seed = 0; seed < 100; seed++) {
            Expr e = build(seed, 1 + (int) (seed * 13 % 150));
            double[] point = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            Program p = Program.compile(List.of(e), VARS);
            double[] values = new double[p.size];
            p.evaluate(point, values);
            double once = Program.valueOnce(e, vars -> vars.stream().mapToDouble(v -> point[VARS.indexOf(v)]).toArray());
            assertEquals(Double.doubleToRawLongBits(once), Double.doubleToRawLongBits(values[p.outputs[0]]), "seed " + seed);
        }
    }
}
