package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Taylor mode in several variables: along a direction, in one variable with the others held, and
 * third-order contractions, against closed forms, the compiled Hessian and finite differences of
 * Hessian-vector products.
 *
 * <p>Tolerances: closed forms and the compiled modes agree to a few hundred units of roundoff here
 * (1e-13 relative to the result or to the sum of the terms polarization combines); central
 * differences of H·v with step 1e-4 err by O(step²·∇⁵f) ≈ 1e-8 plus roundoff ε‖H‖/step ≈ 1e-12, so
 * 1e-6 relative.
 */
class MultivariateTaylorTest {
    private static final double RELATIVE = 1e-13;
    private final Variable x = Expr.variable("x");
    private final Variable y = Expr.variable("y");
    private final Variable z = Expr.variable("z");

    private static void close(double expected, double actual, double scale, String what) {
        assertEquals(expected, actual, RELATIVE * Math.max(Math.abs(expected), scale), what);
    }

    @Test
    void taylorInOneVariableWithTheOthersHeldFixed() {
        // e^(x·y)·sin(z) in x at x = 0.3, y = 2, z = 1: d[k] = y^k·e^(xy)·sin z
        Expr f = x.times(y).exp().times(z.sin());
        double[] d = Forward.derivatives(f, x, Map.of(y, 2.0, z, 1.0), 0.3, 40);
        for (int k = 0; k <= 40; k++) {
            close(Math.pow(2, k) * Math.exp(0.6) * Math.sin(1), d[k], 0, "order " + k);
        }
        // and past order 170 in x with y held: (1/(y - x))^(k) = k!/(y - x)^(k+1), at x = 0, y = 4
        double[] e = Forward.derivatives(Expr.constant(1).div(y.minus(x)), x, Map.of(y, 4.0), 0, 300);
        double expected = 0.25;
        for (int k = 1; k <= 300; k++) {
            expected *= k / 4.0;
            close(expected, e[k], 0, "k!/4^(k+1) at " + k);
        }
    }

    @Test
    void theVariableOfDifferentiationMayNotAlsoBeHeld() {
        Map<Variable, Double> others = new LinkedHashMap<>();
        others.put(x, 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Forward.derivatives(x.times(y), x, others, 0.5, 2));
        assertTrue(e.getMessage().contains("x"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Forward.derivatives(x.times(y), x, Map.of(), 0.5, 2));
        assertTrue(missing.getMessage().contains("y"), missing.getMessage());
    }

    @Test
    void coefficientsAlongADirectionMatchTheClosedForm() {
        // e^(x + 2y) from (0.1, -0.2) along (1, 1): c_k = e^(-0.3)·3^k/k!
        double[] c = Forward.taylor(x.plus(y.times(2)).exp(), List.of(x, y), new double[] {0.1, -0.2},
                new double[] {1, 1}, 30);
        double expected = Math.exp(-0.3);
        for (int k = 0; k <= 30; k++) {
            close(expected, c[k], 0, "coefficient " + k);
            expected *= 3.0 / (k + 1);
        }
    }

    @Test
    void firstCoefficientsAreTheDirectionalDerivativeAndHalfTheHessianForm() {
        Expr f = x.square().times(y.sin()).plus(x.times(z).exp()).div(y.square().plus(1)).plus(z.atan2(x));
        List<Variable> vars = List.of(x, y, z);
        double[] p = {0.7, -1.2, 0.4};
        double[] v = {0.3, -2.0, 1.5};
        double[] c = Forward.taylor(f, vars, p, v, 2);
        Differentiable compiled = Forward.of(f, vars);
        double[] g = compiled.gradient(p);
        double[][] h = compiled.hessian(p);
        double dv = 0;
        double dvScale = 0;
        double vhv = 0;
        double vhvScale = 0;
        for (int i = 0; i < 3; i++) {
            dv += g[i] * v[i];
            dvScale += Math.abs(g[i] * v[i]);
            for (int j = 0; j < 3; j++) {
                vhv += v[i] * h[i][j] * v[j];
                vhvScale += Math.abs(v[i] * h[i][j] * v[j]);
            }
        }
        close(compiled.value(p), c[0], 0, "value");
        close(dv, c[1], dvScale, "∇f·v");
        close(vhv / 2, c[2], vhvScale / 2, "½ vᵀHv");
    }

    @Test
    void thirdOrderMatchesClosedForms() {
        // f = x²y + sin(x)·z³: f_xxy = 2, f_xxx = -cos(x)·z³, f_xzz = 6z·cos x, f_zzz = 6 sin x
        Expr f = x.square().times(y).plus(x.sin().times(z.pow(3)));
        List<Variable> vars = List.of(x, y, z);
        double[] p = {0.6, -1.1, 0.8};
        double[] ex = {1, 0, 0};
        double[] ey = {0, 1, 0};
        double[] ez = {0, 0, 1};
        double cos = Math.cos(0.6);
        double sin = Math.sin(0.6);
        close(2, Forward.thirdOrder(f, vars, p, ex, ex, ey), 1, "f_xxy");
        close(2, Forward.thirdOrder(f, vars, p, ey, ex, ex), 1, "f_yxx, symmetric");
        close(-cos * 0.512, Forward.thirdOrder(f, vars, p, ex, ex, ex), 1, "f_xxx");
        close(6 * 0.8 * cos, Forward.thirdOrder(f, vars, p, ex, ez, ez), 1, "f_xzz");
        close(6 * sin, Forward.thirdOrder(f, vars, p, ez, ez, ez), 1, "f_zzz");
        close(0, Forward.thirdOrder(f, vars, p, ey, ey, ez), 1, "f_yyz");
        // trilinear: scaling u by 1e200 and w by 1e-200 changes nothing, and the vector form is the contraction with e_i
        close(2, Forward.thirdOrder(f, vars, p, new double[] {1e200, 0, 0}, ex, new double[] {0, 1e-200, 0}), 1, "scaled");
        double[] v = {0.5, -1, 2};
        double[] t = Forward.thirdOrder(f, vars, p, v, v);
        double[][] units = {ex, ey, ez};
        for (int i = 0; i < 3; i++) {
            close(Forward.thirdOrder(f, vars, p, units[i], v, v), t[i], 10, "∇³f[e_" + i + ", v, v]");
        }
        // ∇³f[e_x, v, v] by hand: f_xxx v_x² + 2 f_xxy v_x v_y + f_xzz v_z² + 2 f_xxz v_x v_z, f_xxz = -sin x·3z²
        double expected = -cos * 0.512 * 0.25 + 2 * 2 * 0.5 * -1 + 6 * 0.8 * cos * 4 + 2 * (-sin * 3 * 0.64) * 0.5 * 2;
        close(expected, t[0], 10, "by hand");
    }

    @Test
    void thirdOrderMatchesDifferencesOfHessianVectorProducts() {
        Expr f = x.times(y).sin().times(z.exp()).plus(x.square().plus(y.square()).plus(1).log()).div(z.square().plus(2));
        List<Variable> vars = List.of(x, y, z);
        double[] p = {0.4, 0.9, -0.3};
        double[] u = {1, -0.5, 0.25};
        double[] v = {0.2, 1.1, -0.7};
        double[] w = {-0.6, 0.3, 0.8};
        Differentiable compiled = Forward.of(f, vars);
        double step = 1e-4;
        double[] plus = new double[3];
        double[] minus = new double[3];
        for (int i = 0; i < 3; i++) {
            plus[i] = p[i] + step * w[i];
            minus[i] = p[i] - step * w[i];
        }
        double[] hvPlus = compiled.hessianVector(plus, v);
        double[] hvMinus = compiled.hessianVector(minus, v);
        double fd = 0;
        for (int i = 0; i < 3; i++) {
            fd += u[i] * (hvPlus[i] - hvMinus[i]) / (2 * step);
        }
        double t = Forward.thirdOrder(f, vars, p, u, v, w);
        assertEquals(fd, t, 1e-6 * Math.max(1, Math.abs(fd)), "uᵀ(∂(Hv)/∂w)");
    }

    @Test
    void wrongLengthsAreRejected() {
        List<Variable> vars = List.of(x, y);
        assertThrows(IllegalArgumentException.class,
                () -> Forward.taylor(x.times(y), vars, new double[] {1}, new double[] {1, 1}, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Forward.taylor(x.times(y), vars, new double[] {1, 2}, new double[] {1}, 3));
        assertTrue(e.getMessage().contains("direction"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Forward.thirdOrder(x.times(y), vars, new double[] {1, 2}, new double[] {1, 0}, new double[] {1}));
    }
}
