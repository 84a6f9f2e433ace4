package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The quotient's partial {@code -a/b²} overflows where the adjoint it contributes does not (the
 * issue "Trustworthy at the edges"): every reverse route must form {@code -(w·(a/b))/b}, as the
 * rule table's overflow-safe product does, and not {@code w·(-a/b²) = w·∞}.
 */
class QuotientOverflowTest {
    private static final double[] POINT = {-3.587, -1.130, -1.168};
    // mpmath 1.3 at 60 digits, at the doubles nearest the point and the constants 0.1 and 0.001
    private static final double[] REFERENCE = {-6.3782342243897631165e59, 5.0464434364026742554e57,
        -4.1478670030957806216e57};
    // The exponent x/0.001 ≈ -3587 multiplies ln hypot(cos 0.001, 0.5) ≈ 0.11: a rounding in either
    // moves c^(x/0.001) by about 400 units of roundoff, 1e-13 relative; 1e-12 leaves room for the
    // other operations, while an overflow gives -∞ and a wrong rule is off by O(1).
    private static final double TOLERANCE = 1e-12;

    /** cbrt(x·((e^(-z) + 0.1)^0.75 / hypot(cos 0.001, 0.5)^(x/0.001)) / y), over any scalar type. */
    static <T extends Scalar<T>> T issueFunction(T x, T y, T z) {
        T c = x.newConstant(Math.cos(0.001)).hypot(0.5);
        return x.times(z.unaryMinus().exp().plus(0.1).pow(0.75).div(c.pow(x.div(0.001)))).div(y).cbrt();
    }

    private static void closeToReference(double[] actual, String route) {
        for (int i = 0; i < REFERENCE.length; i++) {
            assertEquals(REFERENCE[i], actual[i], TOLERANCE * Math.abs(REFERENCE[i]), route + ", partial " + i);
        }
    }

    @Test
    void compiledModesGiveTheRepresentableGradient() {
        Variable x = Expr.variable("x"), y = Expr.variable("y"), z = Expr.variable("z");
        Expr f = issueFunction((Expr) x, y, z);
        closeToReference(Reverse.of(f, x, y, z).gradient(POINT), "Reverse.of");
        closeToReference(Forward.of(f, x, y, z).gradient(POINT), "Forward.of");
        double[] g = new double[3];
        Reverse.of(f, x, y, z).valueAndGradient(POINT, g);
        closeToReference(g, "Reverse.of valueAndGradient");
    }

    @Test
    void theNumericTapeGivesTheRepresentableGradient() {
        Function<Tracked[], Tracked> f = t -> issueFunction(t[0], t[1], t[2]);
        closeToReference(Reverse.gradient(f, POINT), "Reverse.gradient (numeric tape)");
    }

    @Test
    void theTapeDividesTheAdjointTwiceInsteadOfSquaringTheDivisor() {
        // d/dy [1e-300·(x/y)] at (1e200, 1e-100) = -1e-300·x/y² = -1e100, while -x/y² = -1e400 overflows;
        // ∂/∂x = 1e-300/y = 1e-200. Both exact in binary to within one rounding per operation.
        double[] g = Reverse.gradient(t -> t[0].div(t[1]).times(1e-300), 1e200, 1e-100);
        assertEquals(1e-200, g[0], 1e-14 * 1e-200);
        assertEquals(-1e100, g[1], 1e-14 * 1e100);
        assertArrayEquals(Reverse.of(Expr.parse("x / y * 1e-300"), Expr.variable("x"), Expr.variable("y"))
                .gradient(1e200, 1e-100), g, 0.0, "the same product as the compiled reverse mode");
    }

    @Test
    void aQuotientUndoneByAFailureLeavesNoTraceInTheSweep() {
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(1e200);
            Tracked y = tape.variable(1e-100);
            int size = tape.size();
            assertThrows(IllegalStateException.class, () -> tape.gradientOf(v -> {
                x.div(y); // recorded on this tape, with its overflowing partial, then undone
                throw new IllegalStateException("stop");
            }, 1.0));
            assertEquals(size, tape.size());
            // the same node numbers again: sqrt(x - x) has the partial +∞ at 0, and its adjoint 1
            // reaches x twice, as ∞ - ∞ = NaN; the undone quotient's product (1/y) applied to the
            // new node in its place would give 1e100 - 1e100 = 0
            Tracked r = x.minus(x).sqrt();
            assertEquals(Double.NaN, tape.gradient(r, x)[0]);
            assertEquals(Reverse.of(Expr.parse("sqrt(x - x)"), Expr.variable("x")).gradient(1e200)[0], tape.gradient(r, x)[0]);
        }
    }
}
