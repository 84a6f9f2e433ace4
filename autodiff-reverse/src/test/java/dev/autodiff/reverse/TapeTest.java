package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The numeric API: scoped tapes of {@link Tracked} scalars, nested to any depth. */
class TapeTest {
    // closed forms evaluated with Math: a few operations of rounding
    private static final double TOL = 1e-15;

    @Test
    void gradientMatchesClosedForm() {
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(2);
            Tracked y = tape.variable(3);
            Tracked f = x.times(y).plus(x.sin());
            assertEquals(6 + Math.sin(2), f.value(), TOL);
            assertArrayEquals(new double[] {3 + Math.cos(2), 2}, tape.gradient(f, x, y), TOL);
        }
    }

    @Test
    void sharedSubexpressionCountsBothPaths() {
        double[] g = Reverse.gradient(v -> {
            Tracked s = v[0].times(v[1]);
            return s.plus(s.sin());
        }, 2, 3);
        assertArrayEquals(new double[] {3 * (1 + Math.cos(6)), 2 * (1 + Math.cos(6))}, g, 1e-14);
    }

    @Test
    void doubleOverloadsAndConstantExponentsWork() {
        // (-2)^3 differentiates without a logarithm; d/dx [(x - 1)/4 + 2x³ + x] = 1/4 + 6x² + 1
        assertEquals(12, Reverse.derivative(x -> x.pow(3), -2), TOL);
        assertEquals(0.25 + 6 * 4 + 1, Reverse.derivative(x -> x.minus(1).div(4).plus(x.pow(3).times(2)).plus(x), 2), 1e-13);
    }

    @Test
    void unusedVariableHasZeroGradient() {
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(1);
            Tracked f = x.exp();
            Tracked late = tape.variable(5); // recorded after the output
            assertArrayEquals(new double[] {Math.E, 0}, tape.gradient(f, x, late), TOL);
        }
    }

    @Test
    void gradientInsideGradientIsRight() {
        // d/dx [x · d/dy (x·y)] = d/dx x² = 2x
        double d = Reverse.derivative(x -> x.times(x.tape().derivativeOf(y -> x.times(y), 3.0)), 5.0);
        assertEquals(10, d, TOL);
    }

    @Test
    void secondDerivativeThroughAPointOnTheEnclosingTape() {
        // d/dx [sin'(x)] = -sin x, and d/dx [d/dx (x·e^x)] = (x + 2)e^x
        assertEquals(-Math.sin(0.7), Reverse.derivative(x -> x.tape().derivativeOf(Tracked::sin, x), 0.7), TOL);
        double x0 = 0.4;
        assertEquals((x0 + 2) * Math.exp(x0),
                Reverse.derivative(x -> x.tape().derivativeOf(y -> y.times(y.exp()), x), x0), 1e-14);
    }

    @Test
    void scopedNestingKeepsTheTapesApart() {
        try (Tape outer = Tape.open()) {
            Tracked x = outer.variable(1.5);
            int outerBefore = outer.size();
            Tracked dfdy;
            try (Tape inner = outer.openNested()) {
                Tracked y = inner.variable(2.0);
                Tracked f = x.times(y).times(y); // x·y²: x enters the inner tape as a leaf
                assertTrue(f.tape() == inner);
                dfdy = inner.trackedGradient(f, y)[0]; // 2xy, a scalar of the outer tape
                assertEquals(6, inner.gradient(f, y)[0], TOL);
            }
            assertTrue(dfdy.tape() == outer);
            assertTrue(outer.size() > outerBefore, "the inner gradient was recorded on the outer tape");
            assertEquals(6, dfdy.value(), TOL);
            assertEquals(4, outer.gradient(dfdy, x)[0], TOL); // d/dx 2xy = 2y
        }
    }

    @Test
    void tapesNestToAnyDepth() {
        // d³/dx³ sin x = -cos x and d⁴/dx⁴ (x·eˣ) = (x + 4)eˣ, each level a tape nested in the one before
        double x0 = 0.3;
        assertEquals(-Math.cos(x0), Reverse.derivative(x -> x.tape().derivativeOf(
                y -> y.tape().derivativeOf(Tracked::sin, y), x), x0), TOL);
        UnaryOperator<Tracked> f = t -> t.times(t.exp());
        UnaryOperator<Tracked> d1 = t -> t.tape().derivativeOf(f, t);
        UnaryOperator<Tracked> d2 = t -> t.tape().derivativeOf(d1, t);
        UnaryOperator<Tracked> d3 = t -> t.tape().derivativeOf(d2, t);
        assertEquals((x0 + 4) * Math.exp(x0), Reverse.derivative(d3, x0), 1e-14);
        try (Tape outer = Tape.open(); Tape inner = outer.openNested(); Tape innermost = inner.openNested()) {
            assertEquals(2, innermost.depth());
            assertTrue(innermost.isNested());
        }
    }

    @Test
    void unrelatedTapesDoNotMix() {
        try (Tape a = Tape.open(); Tape b = Tape.open()) {
            Tracked x = a.variable(1);
            Tracked y = b.variable(2);
            assertThrows(IllegalArgumentException.class, () -> x.plus(y));
            assertThrows(IllegalArgumentException.class, () -> a.gradient(x, y));
        }
    }

    @Test
    void closedTapeIsRejected() {
        Tracked x;
        try (Tape tape = Tape.open()) {
            x = tape.variable(1);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, x::sin);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void customOperationWorksOnTapesAndNeedsItsSecondDerivativeWhenNested() {
        CustomOperation cube = CustomOperation.of("cube", t -> t * t * t, (t, g) -> g * 3 * t * t);
        assertEquals(12, Reverse.derivative(x -> x.apply(cube), 2), TOL);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Reverse.derivative(x -> x.tape().derivativeOf(y -> y.apply(cube), x), 2));
        assertTrue(e.getMessage().contains("cube"), e.getMessage());
        CustomOperation withSecond = cube.withSecondDerivative(t -> 6 * t);
        assertEquals(12, Reverse.derivative(x -> x.tape().derivativeOf(y -> y.apply(withSecond), x), 2), TOL);
    }
}
