package dev.autodiff.engine.loops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.codegen.BoundedKernel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which external operands of a sum loop a bounded kernel leaves the tangent adjoints of
 * ({@link LoopAnalysis#inputOperands}): those that read inputs only, an operand and its handoff
 * together.
 */
class InputOperandsTest {
    private static final int N = 40;

    /** A program and its sum loop. */
    private record SumLoop(Program program, LoopRegion region) {}

    /** Chained Rosenbrock's sum loop: its external operands read x_i and x_{i+1}, one the other's handoff. */
    private static SumLoop rosenbrockLoop() {
        List<Variable> x = Expr.variables("x", N);
        Program p = Program.compile(List.of(LoopPlanTest.rosenbrock(x)), x);
        LoopPlan plan = LoopPlan.withLoops(p);
        assertTrue(plan.sumLoop() >= 0, "chained Rosenbrock has a sum loop");
        return new SumLoop(p, plan.region(plan.sumLoop()));
    }

    private static int lastNodeRead(LoopRegion r, int j) {
        return r.bases()[j] + r.shape().stride[j] * (r.reps() - 1);
    }

    @Test
    void operandsThatReadTheVariablesAreMarkedAndConstantsAreNot() {
        SumLoop loop = rosenbrockLoop();
        LoopRegion r = loop.region();
        boolean[] marked = LoopAnalysis.inputOperands(loop.program().inputCount, r);
        LoopShape s = r.shape();
        int variables = 0;
        for (int j = 0; j < marked.length; j++) {
            assertEquals(!s.externalConstant[j], marked[j], "operand " + j);
            variables += marked[j] ? 1 : 0;
        }
        assertEquals(2, variables, "x_i and x_{i+1}");
        // with no inputs, no operand reads inputs only
        assertArrayEquals(new boolean[marked.length], LoopAnalysis.inputOperands(0, r));
    }

    @Test
    void anOperandIsMarkedOnlyWithItsHandoff() {
        SumLoop loop = rosenbrockLoop();
        LoopRegion r = loop.region();
        LoopShape s = r.shape();
        // pretend the inputs end just below the last node an operand reads: that operand, x_{i+1},
        // reads a node that is not an input; its handoff x_i reads inputs only, and is unmarked with it
        int last = -1;
        int reaching = -1;
        for (int j = 0; j < s.stride.length; j++) {
            if (!s.externalConstant[j] && lastNodeRead(r, j) > last) {
                last = lastNodeRead(r, j);
                reaching = j;
            }
        }
        int partner = -1;
        for (int j = 0; j < s.stride.length; j++) {
            if (s.handoff[j] == reaching || (reaching >= 0 && s.handoff[reaching] == j)) {
                partner = j;
            }
        }
        assertTrue(partner >= 0 && lastNodeRead(r, partner) < last, "x_i, the handoff of x_{i+1}, stops a node earlier");
        boolean[] marked = LoopAnalysis.inputOperands(last, r);
        assertFalse(marked[reaching], "reads node " + last + ", not an input");
        assertFalse(marked[partner], "shares its sums with an operand that reads a non-input");
        assertTrue(LoopAnalysis.inputOperands(last + 1, r)[partner], "both read inputs only");
    }

    @Test
    void aKernelIsSharedByEqualShapesAndMarksAndOnlyBy() {
        SumLoop loop = rosenbrockLoop();
        LoopRegion r = loop.region();
        boolean[] marks = LoopAnalysis.inputOperands(loop.program().inputCount, r);
        BoundedKernel k = BoundedKernel.of(r.shape(), marks);
        assertNotNull(k);
        assertSame(k, BoundedKernel.of(rosenbrockLoop().region().shape(), marks.clone()), "an equal shape, equal marks");
        assertNotSame(k, BoundedKernel.of(r.shape(), new boolean[marks.length]), "no operand marked");
    }

    @Test
    void aKernelRefusesAnOperandMarkedApartFromItsHandoff() {
        LoopShape s = rosenbrockLoop().region().shape();
        boolean[] apart = new boolean[s.stride.length];
        for (int j = 0; j < apart.length; j++) {
            if (s.handoff[j] >= 0) {
                apart[j] = true;
                break;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> BoundedKernel.of(s, apart));
    }
}
