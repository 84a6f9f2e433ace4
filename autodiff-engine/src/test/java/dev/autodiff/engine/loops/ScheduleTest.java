package dev.autodiff.engine.loops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Levels;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.Mode;
import dev.autodiff.engine.ScalarFunction;
import dev.autodiff.testkit.RandomDags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Which order a program runs in ({@link Schedule}): a large balanced sum levelled, by joins or, when
 * its terms are too long for a loop body, by height; a left chain, a small program and a program
 * with loops turned off in their own order. The levels of a balanced sum are loops reading the level
 * before at stride 2.
 */
class ScheduleTest {
    private static Program balanced(int n, IntFunction<Expr> term, List<Variable> x) {
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            terms.add(term.apply(i));
        }
        return Program.compile(List.of(RandomDags.balancedSum(terms)), x);
    }

    private static Program balancedSquaredSines(int n) {
        List<Variable> x = Expr.variables("x", n);
        return balanced(n, i -> x.get(i).times(x.get(i)).sin(), x);
    }

    private static int operations(Program p) {
        return p.size - p.inputCount;
    }

    @Test
    void aLargeBalancedSumRunsByJoinsInLoopsThatReadAtStrideTwo() {
        Program p = balancedSquaredSines(2000);
        assertEquals(0, LoopPlan.withLoops(p).loopNodes(), "in the program's order no loop is found");
        Schedule s = Schedule.of(p);
        assertEquals(Schedule.Order.JOINS, s.order());
        assertEquals(p.inputs, s.program().inputs);
        // the terms (square, sine) are one loop; the levels of 1000, 500, 250, 125 and 62 sums are
        // loops too, the levels of 31 sums and fewer are not worth one
        assertEquals(2 * 2000 + 1000 + 500 + 250 + 125 + 62, s.plan().loopNodes());
        List<String> strides = new ArrayList<>();
        for (LoopFinder.Found f : LoopFinder.find(s.program())) {
            strides.add(f.period() + ":" + java.util.Arrays.toString(f.stride()));
        }
        // the terms read x_i at stride 1; the first sums read every other node (the sines) two by
        // two, at stride 4; every later level reads the level before two by two, at stride 2
        assertEquals(List.of("2:[1]", "1:[4, 4]", "1:[2, 2]", "1:[2, 2]", "1:[2, 2]", "1:[2, 2]"), strides);
    }

    @Test
    void aBalancedSumOfTermsLongerThanALoopBodyRunsByHeight() {
        // a term of 40 random operations is no loop body (at most LoopFinder.MAX_PERIOD) and has no
        // period of its own: by height, each of its operations across all terms is one loop
        int n = 200;
        List<Variable> x = Expr.variables("x", n);
        int[] ops = new java.util.Random(7).ints(40, 0, 6).toArray();
        Program p = balanced(n, i -> {
            Expr e = x.get(i);
            for (int op : ops) {
                e = switch (op) {
                    case 0 -> e.sin();
                    case 1 -> e.cos();
                    case 2 -> e.tanh();
                    case 3 -> e.atan();
                    case 4 -> e.sigmoid();
                    default -> e.times(1.5); // a constant shared by every term, at many depths
                };
            }
            return e;
        }, x);
        assertTrue(ops.length > LoopFinder.MAX_PERIOD);
        assertEquals(0, LoopPlan.withLoops(p).loopNodes(), "no loop in the program's order");
        // by joins, which keeps each term whole, only the levels of 100 and 50 sums
        assertEquals(150, LoopPlan.withLoops(p.reordered(Levels.byJoins(p))).loopNodes());
        Schedule s = Schedule.of(p);
        assertEquals(Schedule.Order.HEIGHT, s.order());
        assertTrue(s.plan().loopNodes() > 0.95 * operations(p), "loops cover nearly all of it: " + s.plan().loopNodes());
    }

    @Test
    void aLeftChainASmallProgramAndTurnedOffLoopsKeepTheProgramsOrder() {
        int n = 2000;
        List<Variable> x = Expr.variables("x", n);
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            terms.add(x.get(i).times(x.get(i)).sin());
        }
        Program chain = Program.compile(List.of(Expr.sum(terms)), x);
        Schedule s = Schedule.of(chain);
        assertEquals(Schedule.Order.PROGRAM, s.order());
        assertSame(chain, s.program());
        assertTrue(s.plan().loopNodes() > 0.99 * operations(chain), "one loop: " + s.plan().loopNodes());

        Program small = balancedSquaredSines(100); // 399 operations
        assertTrue(operations(small) < Schedule.MIN_OPERATIONS);
        assertSame(small, Schedule.of(small).program());

        Program large = balancedSquaredSines(2000);
        String before = System.getProperty(LoopPlan.PROPERTY);
        try {
            System.setProperty(LoopPlan.PROPERTY, "false");
            Schedule off = Schedule.of(large);
            assertSame(large, off.program());
            assertEquals(0, off.plan().loops());
        } finally {
            if (before == null) {
                System.clearProperty(LoopPlan.PROPERTY);
            } else {
                System.setProperty(LoopPlan.PROPERTY, before);
            }
        }
    }

    @Test
    void aBalancedSumIsDescribedAsLoops() {
        int n = 2000;
        List<Variable> x = Expr.variables("x", n);
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            terms.add(x.get(i).times(x.get(i)).sin());
        }
        String balanced = ScalarFunction.of(RandomDags.balancedSum(terms), x, Mode.REVERSE).toString();
        assertTrue(balanced.contains("; 6 loops ("), balanced.substring(balanced.indexOf("):")));
        assertFalse(balanced.contains("no loops"));
    }
}
