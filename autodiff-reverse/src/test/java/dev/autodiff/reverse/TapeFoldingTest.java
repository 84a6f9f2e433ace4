package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A top-level tape folds an operation's partial into its operand's scale instead of recording a
 * node, and records a node only where two nodes meet: these are the cases where folding could
 * change an answer, each held against the compiled gradient of the same expression, which sweeps one
 * node per operation: products out of the normal range, zero and infinite partials, a branch not
 * taken, and partials that cancel.
 */
class TapeFoldingTest {
    private static final Variable X = Variable.of("x");

    /** {@return d/dx of {@code f} at {@code at}, on a top-level tape}, checking how many nodes it recorded */
    private static double onTape(UnaryOperator<Tracked> f, double at, int nodes) {
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(at);
            int before = tape.size();
            Tracked y = f.apply(x);
            assertEquals(nodes, tape.size() - before, "nodes recorded");
            return tape.gradient(y, x)[0];
        }
    }

    private static double compiled(Expr e, double at) {
        Differentiable f = Reverse.of(e, X);
        return f.gradient(at)[0];
    }

    @Test
    void operationsOfOneOperandRecordNothing() {
        UnaryOperator<Tracked> f = x -> x.sin().times(3).exp().plus(2).square().sqrt().unaryMinus().div(7);
        Expr e = X.sin().times(3).exp().plus(2).square().sqrt().unaryMinus().div(7);
        for (double at : new double[] {-2, -0.5, 0.25, 1.5}) {
            double expected = compiled(e, at);
            // the same eight partials, multiplied from the first instead of from the last
            assertEquals(expected, onTape(f, at, 0), 1e-14 * Math.abs(expected), "at " + at);
        }
    }

    @Test
    void aScaleThatWouldOverflowOrUnderflowMakesANodeFirst() {
        // folded naively, 1e200·1e200 would be +∞ and 1e-200·1e-200 would be 0: derivatives of
        // 1e100 and 1e-100 lost. The node-by-node sweep multiplies the adjoint first and gets them.
        assertEquals(1e100, onTape(x -> x.times(1e200).times(1e200).times(1e-300), 1.5, 1), 1e100 * 4e-16);
        assertEquals(1e-100, onTape(x -> x.times(1e-200).times(1e-200).times(1e300), 1.5, 1), 1e-100 * 4e-16);
        assertEquals(compiled(X.times(1e200).times(1e200).times(1e-300), 1.5),
                onTape(x -> x.times(1e200).times(1e200).times(1e-300), 1.5, 1), 0.0);
        // and where two operands meet: y·y of y = 1e200·x, whose scales 1.5e200·1e200 would overflow
        assertEquals(3e100, onTape(x -> {
            Tracked y = x.times(1e200);
            return y.times(y).times(1e-300);
        }, 1.5, 1), 3e100 * 4e-16);
        // a subnormal product loses bits: a node too
        assertEquals(1e-20, onTape(x -> x.times(1e-160).times(1e-160).times(1e300), 1.5, 1), 1e-20 * 4e-16);
    }

    @Test
    void aPartialOfPlusOrMinusOneFoldsWhateverTheScale() {
        // x·1e-310 keeps x's node with the subnormal partial as its scale (a product that is not
        // normal makes no fold). Negating, adding a number or subtracting multiplies that scale by
        // ±1, exactly, so the sweep's product and the folded one are one number: no node.
        double expected = compiled(X.times(1e-310).unaryMinus().plus(2).minus(1), 1.5);
        assertEquals(-1e-310, expected, 0.0);
        assertEquals(expected, onTape(x -> x.times(1e-310).unaryMinus().plus(2).minus(1), 1.5, 0), 0.0);
        // where two operands meet on one node: 1e-310 − 0.5, each partial ±1 times a scale
        Expr e = X.times(1e-310).minus(X.times(0.5));
        assertEquals(compiled(e, 1.5), onTape(x -> x.times(1e-310).minus(x.times(0.5)), 1.5, 0), 0.0);
        // a partial that is not ±1 still makes the node: the subnormal scale times 3 loses bits
        assertEquals(compiled(X.times(1e-310).times(3), 1.5), onTape(x -> x.times(1e-310).times(3), 1.5, 1), 0.0);
    }

    @Test
    void aZeroPartialPassesNothingBackAndRecordsNothing() {
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(0);
            Tracked y = tape.variable(2);
            int before = tape.size();
            Tracked z = x.times(x).plus(y.times(0)); // ∂/∂x of x² at 0, and y times the number 0
            assertEquals(before, tape.size());
            assertEquals(-1, z.node, "no node: the derivative is zero");
            double[] g = tape.gradient(z, x, y);
            assertEquals(0.0, g[0], 0.0);
            assertEquals(0.0, g[1], 0.0);
        }
    }

    @Test
    void anInfinitePartialIsANodeAndAZeroFactorStillStopsIt() {
        // √x at 0 has partial +∞: a node of its own, and times 0 it passes 0 back (the zero-factor
        // rule), as the compiled gradient has it; what is left is x itself, no node
        Expr e = X.sqrt().times(0).plus(X);
        assertEquals(compiled(e, 0), onTape(x -> x.sqrt().times(0).plus(x), 0, 1), 0.0);
        assertEquals(1.0, onTape(x -> x.sqrt().times(0).plus(x), 0, 1), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, onTape(x -> x.sqrt().times(3), 0, 1), 0.0);
        assertEquals(compiled(X.sqrt().times(3), 0), onTape(x -> x.sqrt().times(3), 0, 1), 0.0);
    }

    @Test
    void aBranchNotTakenRecordsNothingAndReceivesZero() {
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(2);
            Tracked y = tape.variable(-3);
            int before = tape.size();
            Tracked z = x.minus(1).ifElse(x.times(y), y.log()); // log of a negative: NaN, not taken
            assertEquals(before + 1, tape.size(), "the product's node alone");
            double[] g = tape.gradient(z, x, y);
            assertEquals(-3.0, g[0], 0.0);
            assertEquals(2.0, g[1], 0.0);
        }
    }

    @Test
    void partialsThatCancelMakeANodeAndGiveZero() {
        // x·x − x·x: the two folded scales 2x and −2x add to 0, which is not kept as a scale
        assertEquals(0.0, onTape(x -> x.times(x).minus(x.times(x)), 0.7, 1), 0.0);
        assertEquals(compiled(X.times(X).minus(X.times(X)), 0.7), onTape(x -> x.times(x).minus(x.times(x)), 0.7, 1), 0.0);
    }

    @Test
    void gradientsAreTakenWithRespectToVariablesAndConstants() {
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(2);
            Tracked c = tape.constant(5);
            Tracked twice = x.times(2);
            Tracked y = twice.times(c);
            var e = assertThrows(IllegalArgumentException.class, () -> tape.gradient(y, x, twice));
            assertTrue(e.getMessage().contains("input 1 is the result of an operation"), e.getMessage());
            double[] g = tape.gradient(y, x, c);
            assertEquals(10.0, g[0], 0.0);
            assertEquals(4.0, g[1], 0.0);
        }
    }
}
