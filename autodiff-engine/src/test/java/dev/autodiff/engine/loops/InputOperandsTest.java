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

    /** Chained Rosenbrock's sum loop: its external operands read x_i and x_{i+1}, one the other's handoff. */
    private static LoopRegion rosenbrockLoop(Program[] compiled) {
        List<Variable> x = Expr.variables("x", N);
        Expr sum = null;
        for (int i = 0; i + 1 < N; i++) {
            Expr a = x.get(i + 1).minus(x.get(i).times(x.get(i)));
            Expr b = Expr.constant(1).minus(x.get(i));
            Expr term = a.times(a).times(100).plus(b.times(b));
            sum = sum == null ? term : sum.plus(term);
        }
        compiled[0] = Program.compile(List.of(sum), x);
        LoopPlan plan = LoopPlan.withLoops(compiled[0]);
        assertTrue(plan.sumLoop() >= 0, "chained Rosenbrock has a sum loop");
        return plan.region(plan.sumLoop());
    }

    private static int lastNodeRead(LoopRegion r, int j) {
        return r.bases()[j] + r.shape().stride[j] * (r.reps() - 1);
    }

    @Test
    void operandsThatReadTheVariablesAreMarkedAndConstantsAreNot() {
        Program[] p = new Program[1];
        LoopRegion r = rosenbrockLoop(p);
        boolean[] marked = LoopAnalysis.inputOperands(p[0].inputCount, r);
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
        Program[] p = new Program[1];
        LoopRegion r = rosenbrockLoop(p);
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
        Program[] p = new Program[1];
        LoopRegion r = rosenbrockLoop(p);
        boolean[] marks = LoopAnalysis.inputOperands(p[0].inputCount, r);
        BoundedKernel k = BoundedKernel.of(r.shape(), marks);
        assertNotNull(k);
        assertSame(k, BoundedKernel.of(rosenbrockLoop(new Program[1]).shape(), marks.clone()), "an equal shape, equal marks");
        assertNotSame(k, BoundedKernel.of(r.shape(), new boolean[marks.length]), "no operand marked");
    }

    @Test
    void aKernelRefusesAnOperandMarkedApartFromItsHandoff() {
        Program[] p = new Program[1];
        LoopShape s = rosenbrockLoop(p).shape();
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
