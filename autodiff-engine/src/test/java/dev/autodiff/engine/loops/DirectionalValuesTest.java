package dev.autodiff.engine.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A directional derivative's kernels keep only the values that some tangent reads ({@link
 * LoopShape#valueReadForward}): a running sum of terms, whose tangent alone the derivative returns,
 * keeps none, while a sum whose value a later product or function reads, after the loop or in a
 * later loop, keeps it. Each program is also differentiated at several points in turn on one engine
 * and against the interpreter, to the bit: a value left unkept that some tangent read would be the
 * previous point's.
 */
class DirectionalValuesTest {
    private static final double[] NO_PARAMETERS = {};

    private static List<Variable> variables(int n) {
        List<Variable> x = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x.add(Expr.variable("x" + i));
        }
        return x;
    }

    /** {@return the position of the running sum of {@code shape}}: the one position carried and read after the loop */
    private static int runningSum(LoopShape shape) {
        int found = -1;
        for (int k = 0; k < shape.period; k++) {
            if (shape.isCarried(k) && shape.stored[k]) {
                assertEquals(-1, found, "one running sum");
                found = k;
            }
        }
        assertTrue(found >= 0, "a running sum");
        return found;
    }

    private static int count(boolean[] marks) {
        int n = 0;
        for (boolean m : marks) {
            n += m ? 1 : 0;
        }
        return n;
    }

    @Test
    void chainedRosenbrockKeepsTheValuesItsProductsRead() {
        int n = 120;
        List<Variable> x = variables(n);
        Program p = Program.compile(List.of(LoopPlanTest.rosenbrock(x)), x);
        LoopPlan plan = LoopPlan.withLoops(p);
        assertEquals(1, plan.loops());
        LoopShape shape = plan.region(0).shape();
        boolean[] read = shape.valueReadForward;
        assertFalse(read[runningSum(shape)], "the running sum's value: only the output reads it");
        // x_i², x_{i+1} − x_i², 1 − x_i and a² are read by products; 100·a², b², their sum and the running sum are not
        assertEquals(4, count(read));
        assertAgreeAtSeveralPoints(p, n, new Random(11));
    }

    @Test
    void aSumWhoseValueIsReadAfterTheLoopKeepsItAndItsTerms() {
        int n = 120;
        List<Variable> x = variables(n);
        Expr sum = LoopPlanTest.rosenbrock(x);
        Program p = Program.compile(List.of(sum.times(sum).plus(sum.log())), x);
        LoopPlan plan = LoopPlan.withLoops(p);
        assertEquals(1, plan.loops());
        LoopShape shape = plan.region(0).shape();
        assertTrue(shape.valueReadForward[runningSum(shape)], "sum² and log(sum) read the sum's value");
        assertEquals(shape.period, count(shape.valueReadForward), "and so every term's");
        assertAgreeAtSeveralPoints(p, n, new Random(12));
    }

    @Test
    void aLaterLoopThatMultipliesBySumKeepsItsValue() {
        int n = 100;
        List<Variable> x = variables(n);
        Expr first = x.get(0).times(x.get(1));
        for (int i = 1; i + 1 < n; i++) {
            first = first.plus(x.get(i).times(x.get(i + 1)));
        }
        Expr read = first.plus(first.times(x.get(0).cos()));
        Expr ignored = first.plus(x.get(0).cos());
        for (int i = 1; i < n; i++) { // the second loop reads the first's total in every repetition
            read = read.plus(first.times(x.get(i).cos()));
            ignored = ignored.plus(first.plus(x.get(i).cos()));
        }
        for (Expr out : List.of(read, ignored)) {
            Program p = Program.compile(List.of(out), x);
            LoopPlan plan = LoopPlan.withLoops(p);
            assertEquals(2, plan.loops(), "a sum of products, then a sum over the cosines");
            LoopShape shape = plan.region(0).shape();
            boolean kept = shape.valueReadForward[runningSum(shape)];
            assertEquals(out == read, kept, out == read ? "first · cos x_i reads first" : "first + cos x_i does not");
            assertAgreeAtSeveralPoints(p, n, new Random(13));
        }
    }

    /**
     * Directional derivatives by the kernels and by the interpreter at several points in turn, on the
     * same two engines, to the bit: the workspace holds the previous point's values, so a value a
     * tangent reads but the kernels did not keep shows. The last point overflows the kernels, and the
     * interpreter reruns.
     */
    private static void assertAgreeAtSeveralPoints(Program p, int n, Random r) {
        Engine looped = new Engine(p, LoopPlan.withLoops(p), p.inputCount);
        Engine interpreted = new Engine(p, LoopPlan.none(), p.inputCount);
        for (int trial = 0; trial < 6; trial++) {
            double[] point = r.doubles(n, 0.1, 2).toArray();
            double[] direction = r.doubles(n, -1, 1).toArray();
            if (trial == 5) {
                point[n / 2] = 1e200;
            }
            double expected = interpreted.directional(point, NO_PARAMETERS, direction);
            double actual = looped.directional(point, NO_PARAMETERS, direction);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                    "trial " + trial + ": expected " + expected + ", got " + actual);
        }
    }
}
