package dev.autodiff.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.codegen.LoopKernel;
import dev.autodiff.engine.loops.LoopPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The directional derivative's kernels (and a Hessian-vector product's sum loop) read the variables
 * they walk from the caller's point and direction, and the engine copies only the variables read
 * otherwise ({@link LoopPlan#directionalReads}, {@link LoopPlan#hessianVectorReads}):
 * the criterion at its edges, that the copies shrink to what the interpreted nodes and the loops'
 * other reads need, and that a variable carried into a loop's first repetition is among them (each
 * checked against the interpreter, to the bit, on one engine whose workspace keeps what the previous
 * point left there).
 */
class DirectionalStreamsTest {
    private static final double[] NO_PARAMETERS = {};

    private static List<Variable> variables(int n) {
        List<Variable> x = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x.add(Expr.variable("x" + i));
        }
        return x;
    }

    @Test
    void anOperandStreamsWhenEveryRepetitionReadsAVariable() {
        assertTrue(LoopKernel.streamsVariables(10, 0, 1, 10));
        assertFalse(LoopKernel.streamsVariables(10, 0, 1, 11), "the eleventh repetition reads node 10");
        assertTrue(LoopKernel.streamsVariables(10, 9, -1, 10));
        assertFalse(LoopKernel.streamsVariables(10, 9, -1, 11), "the eleventh repetition reads node -1");
        assertTrue(LoopKernel.streamsVariables(10, 1, 3, 3));
        assertFalse(LoopKernel.streamsVariables(10, 1, 3, 4));
        assertFalse(LoopKernel.streamsVariables(10, 0, 1, 0), "no repetition");
        assertFalse(LoopKernel.streamsVariables(10, 5, Integer.MAX_VALUE, 3), "an index past int");
        assertFalse(LoopKernel.streamsPoint(null, 0, 1, 1), "no point");
        assertTrue(LoopKernel.streamsPoint(new double[4], 0, 1, 4));
    }

    @Test
    void aChainedSumCopiesOnlyTheVariablesItsInterpretedNodesRead() {
        int n = 200;
        List<Variable> x = variables(n);
        Expr sum = null;
        for (int i = 0; i + 1 < n; i++) { // chained Rosenbrock
            Expr a = x.get(i + 1).minus(x.get(i).times(x.get(i)));
            Expr b = Expr.constant(1).minus(x.get(i));
            Expr term = a.times(a).times(100).plus(b.times(b));
            sum = sum == null ? term : sum.plus(term);
        }
        Program p = Program.compile(List.of(sum), x);
        LoopPlan plan = LoopPlan.withLoops(p);
        assertEquals(1, plan.loops());
        int[] reads = plan.directionalReads(p, n);
        assertTrue(reads.length <= 4, "copied: " + Arrays.toString(reads));
        assertTrue(plan.sumLoop() >= 0, "a sum loop, whose H·v streams its variables too");
        int[] hvReads = plan.hessianVectorReads(p, n);
        assertTrue(hvReads.length <= 4, "copied for H·v: " + Arrays.toString(hvReads));
        assertAgreeAtSeveralPoints(p, n, new Random(1));
    }

    @Test
    void aVariableCarriedIntoTheFirstRepetitionIsCopied() {
        int n = 4;
        List<Variable> x = variables(n);
        Expr s = x.get(n - 1);
        for (int k = 0; k < 30; k++) { // the loop's first repetition reads x3 where later ones read s
            s = s.sin().times(s.cos());
        }
        Program p = Program.compile(List.of(s.plus(x.get(0))), x);
        assertOneLoopCopying(p, n, n - 1);
        assertAgreeAtSeveralPoints(p, n, new Random(2));
    }

    /** {@return the plan of {@code p}}, asserting that it has one loop and that a directional derivative copies variable {@code i} */
    private static LoopPlan assertOneLoopCopying(Program p, int n, int i) {
        LoopPlan plan = LoopPlan.withLoops(p);
        assertEquals(1, plan.loops());
        int[] reads = plan.directionalReads(p, n);
        assertTrue(Arrays.stream(reads).anyMatch(r -> r == i), "copied: " + Arrays.toString(reads));
        return plan;
    }

    @Test
    void aVariableCarriedIntoTheFirstRepetitionAsAConditionIsCopied() {
        int n = 4;
        List<Variable> x = variables(n);
        Expr c = x.get(n - 1);
        for (int k = 0; k < 30; k++) { // the first repetition reads x3 only, as its if-else's condition
            c = Expr.ifElse(c, x.get(0).times(1 + k * 0.01), x.get(1).times(2 + k * 0.01));
        }
        Program p = Program.compile(List.of(c.plus(x.get(2))), x);
        LoopPlan plan = assertOneLoopCopying(p, n, n - 1);
        Engine looped = new Engine(p, plan, p.inputCount);
        Engine interpreted = new Engine(p, LoopPlan.none(), p.inputCount);
        Random r = new Random(5);
        for (int trial = 0; trial < 6; trial++) {
            // x0 = 0, so the branches alternate from the first on, and x3 is 0 (the branch when false)
            // and non-zero in turn: from a stale x3 every branch after it is the other one
            double[] point = r.doubles(n, 0.5, 1).toArray();
            point[0] = 0;
            point[n - 1] = trial % 2 == 0 ? 0 : point[n - 1];
            double[] direction = r.doubles(n, -1, 1).toArray();
            assertEquals(Double.doubleToLongBits(interpreted.directional(point, NO_PARAMETERS, direction)),
                    Double.doubleToLongBits(looped.directional(point, NO_PARAMETERS, direction)), "trial " + trial);
        }
    }

    @Test
    void aLoopBesideTheSumLoopReadsItsVariablesFromCopiesInAHessianVectorProduct() {
        int n = 60;
        List<Variable> x = variables(n);
        Expr product = Expr.constant(1);
        for (int i = 0; i < n; i++) { // a loop whose forward sweep runs, reading x_i from the arrays
            product = product.times(x.get(i).sin().times(0.1).plus(1));
        }
        Expr sum = product;
        for (int i = 0; i + 1 < n; i++) { // the last loop sums, and its bounded sweep streams x_i and x_{i+1}
            sum = sum.plus(x.get(i).times(x.get(i + 1)));
        }
        Program p = Program.compile(List.of(sum), x);
        LoopPlan plan = LoopPlan.withLoops(p);
        assertEquals(2, plan.loops());
        assertEquals(1, plan.sumLoop());
        assertTrue(plan.hessianVectorReads(p, n).length >= n - 2, "the product's loop reads (nearly) every variable");
        assertAgreeAtSeveralPoints(p, n, new Random(4));
    }

    @Test
    void anOutputThatIsAVariableIsCopied() {
        int n = 40;
        List<Variable> x = variables(n);
        Expr sum = x.get(0).times(x.get(1));
        for (int i = 1; i + 1 < n; i++) {
            sum = sum.plus(x.get(i).times(x.get(i + 1)));
        }
        // output 0, the one a directional derivative differentiates, is x5 itself; the loop is output 1's
        Program p = Program.compile(List.of(x.get(5), sum), x);
        assertEquals(1, LoopPlan.withLoops(p).loops());
        assertAgreeAtSeveralPoints(p, n, new Random(3));
    }

    /**
     * Directional derivatives, H·v and gradients by the kernels and the interpreter, to the bit, at
     * several points in turn on the same engines: the workspace holds the previous point, so a
     * variable the engine failed to copy shows. The last two points overflow the kernels, so that the
     * interpreter reruns, first after a directional derivative, then after an H·v.
     */
    private static void assertAgreeAtSeveralPoints(Program p, int n, Random r) {
        Engine looped = new Engine(p, LoopPlan.withLoops(p), p.inputCount);
        Engine interpreted = new Engine(p, LoopPlan.none(), p.inputCount);
        for (int trial = 0; trial < 6; trial++) {
            double[] point = r.doubles(n, -1, 1).toArray();
            double[] direction = r.doubles(n, -1, 1).toArray();
            if (trial >= 4) {
                point[n / 2] = 1e200;
            }
            if (trial == 5) {
                assertSameHessianVector(looped, interpreted, point, direction, trial);
            }
            double expected = interpreted.directional(point, NO_PARAMETERS, direction);
            double actual = looped.directional(point, NO_PARAMETERS, direction);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                    "trial " + trial + ": expected " + expected + ", got " + actual);
            if (trial != 5) {
                assertSameHessianVector(looped, interpreted, point, direction, trial);
            }
            double[] expectedGradient = new double[n];
            double[] actualGradient = new double[n];
            assertEquals(interpreted.gradient(point, NO_PARAMETERS, expectedGradient, true),
                    looped.gradient(point, NO_PARAMETERS, actualGradient, true), "value, trial " + trial);
            assertArrayEquals(expectedGradient, actualGradient, "gradient, trial " + trial);
        }
    }

    private static void assertSameHessianVector(Engine looped, Engine interpreted, double[] point, double[] direction,
            int trial) {
        double[] expected = new double[point.length];
        double[] actual = new double[point.length];
        interpreted.hessianVector(point, NO_PARAMETERS, direction, expected);
        looped.hessianVector(point, NO_PARAMETERS, direction, actual);
        assertArrayEquals(expected, actual, "H·v, trial " + trial);
    }
}
