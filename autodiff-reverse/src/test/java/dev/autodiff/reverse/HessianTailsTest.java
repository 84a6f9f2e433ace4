package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Second derivatives where a local second partial underflows while the squared tangent it
 * multiplies overflows (the issue "Trustworthy at the edges"): with the plain product the strong
 * zero dropped a term of size 1 and gave a wrong finite number. Every second-order route of the
 * compiled modes (the Hessian, H·v) and Taylor mode must give the closed form.
 *
 * <p>Tolerance 1e-14 relative: each closed form is a few correctly rounded operations, and each
 * route a few more; the wrong results were off by 100% (1 for 0, twice the value, the wrong sign).
 */
class HessianTailsTest {
    private static final double TOLERANCE = 1e-14;
    private final Variable x = Expr.variable("x");

    private void secondDerivativeIs(double expected, Expr f, double at) {
        double tolerance = TOLERANCE * Math.abs(expected);
        List<Differentiable> modes = List.of(Reverse.of(f, x), Forward.of(f, x));
        for (Differentiable d : modes) {
            String mode = d == modes.get(0) ? "reverse" : "forward";
            assertEquals(expected, d.hessian(at)[0][0], tolerance, mode + " hessian of " + f + " at " + at);
            assertEquals(expected, d.hessianVector(new double[] {at}, new double[] {1})[0], tolerance,
                    mode + " H·1 of " + f + " at " + at);
            // a direction of 0.5 scales the tangents: the product must not depend on where they sit
            assertEquals(0.5 * expected, d.hessianVector(new double[] {at}, new double[] {0.5})[0], tolerance,
                    mode + " H·0.5 of " + f + " at " + at);
        }
        assertEquals(expected, Forward.derivatives(f, x, at, 2)[2], tolerance, "Taylor f'' of " + f + " at " + at);
    }

    @Test
    void logOfExpHasSecondDerivativeZeroAt400() {
        // log's -1/a² at a = e^400 underflows, the tangent e^400 squared overflows
        secondDerivativeIs(0, x.exp().log(), 400);
    }

    @Test
    void log10OfExpHasSecondDerivativeZeroAt400() {
        secondDerivativeIs(0, x.exp().log10(), 400);
    }

    @Test
    void sqrtOfExpAt700IsAQuarterOfItsValue() {
        // √(e^x) = e^(x/2): f'' = e^350/4 = 2.5177e151, where the plain product gave twice that
        secondDerivativeIs(Math.exp(350) / 4, x.exp().sqrt(), 700);
    }

    @Test
    void asinhOfASquareAt1e90HasANegativeSecondDerivative() {
        // asinh(x²)'' = 2/√(1 + x⁴) - 4x⁴/(1 + x⁴)^(3/2) = -2/x² (1 + O(x⁻⁴)) = -2e-180, not +2e-180
        double at = 1e90;
        secondDerivativeIs(-2 / (at * at), x.square().asinh(), at);
        secondDerivativeIs(-2 / (at * at), x.pow(2).asinh(), at);
    }
}
