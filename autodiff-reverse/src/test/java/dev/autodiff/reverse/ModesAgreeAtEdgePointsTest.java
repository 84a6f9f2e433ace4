package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Dual;
import dev.autodiff.forward.Forward;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The reproductions of the issue "Trustworthy at the edges", where reverse mode skipped zero
 * adjoints and forward mode zero tangents, so 0·∞ came out differently: every route now follows the
 * one zero-factor rule ({@code Partials.times}) and gives the same derivative, which is the sum of
 * the path products with every product that has a zero factor dropped. Exact equality: conventions,
 * not rounding, decide these results.
 */
class ModesAgreeAtEdgePointsTest {
    private final Variable x = Expr.variable("x");
    private final Variable y = Expr.variable("y");

    /** {@return ∂f/∂(variable i) at the point by every numeric route, by name} */
    private static Map<String, Double> routes(Expr f, Variable[] vars, double[] point, int i,
            Function<Dual[], Dual> dual, Function<Tracked[], Tracked> tape) {
        Map<String, Double> r = new LinkedHashMap<>();
        Differentiable reverse = Reverse.of(f, vars);
        Differentiable forward = Forward.of(f, vars);
        double[] e = new double[vars.length];
        e[i] = 1;
        double[] g = new double[vars.length];
        reverse.valueAndGradient(point, g);
        r.put("Reverse.of gradient", reverse.gradient(point)[i]);
        r.put("Reverse.of valueAndGradient", g[i]);
        r.put("Reverse.of directional", reverse.directional(point, e));
        r.put("Forward.of gradient", forward.gradient(point)[i]);
        r.put("Forward.of directional", forward.directional(point, e));
        r.put("duals", Forward.gradient(dual::apply, point)[i]);
        r.put("tape", Reverse.gradient(tape, point)[i]);
        Map<Variable, Double> others = new LinkedHashMap<>();
        for (int k = 0; k < vars.length; k++) {
            if (k != i) {
                others.put(vars[k], point[k]);
            }
        }
        r.put("Taylor", Forward.derivatives(f, vars[i], others, point[i], 1)[1]);
        return r;
    }

    private static void allAre(double expected, Map<String, Double> routes, String what) {
        routes.forEach((route, d) -> assertEquals(expected, d, 0.0, what + " by " + route));
    }

    @Test
    void xLogXAtZeroIsMinusInfinityInEveryMode() {
        // f' = log x + x·(1/x): the first path is -∞, the second has the zero factor x = 0 (before:
        // reverse -∞, forward NaN)
        allAre(Double.NEGATIVE_INFINITY, routes(x.times(x.log()), new Variable[] {x}, new double[] {0}, 0,
                v -> v[0].times(v[0].log()), v -> v[0].times(v[0].log())), "(x log x)' at 0");
    }

    @Test
    void sqrtXTimesYAtTheOriginHasGradientZeroInEveryMode() {
        // ∂x = y·sqrt'(x) = 0·∞ with the zero factor y; ∂y = sqrt(0) = 0 (before: forward [NaN, 0])
        Expr f = x.sqrt().times(y);
        Variable[] vars = {x, y};
        double[] origin = {0, 0};
        for (int i = 0; i < 2; i++) {
            allAre(0, routes(f, vars, origin, i, v -> v[0].sqrt().times(v[1]), v -> v[0].sqrt().times(v[1])),
                    "∂(sqrt(x)·y)/∂" + vars[i].name() + " at the origin");
        }
    }

    @Test
    void logOfExpAtMinus800FollowsTheZeroFactorOfTheUnderflowedExponential() {
        // e^-800 underflows to 0, so log's partial is ∞ and exp's is the zero factor 0: the value is
        // -∞, and every mode gives the derivative 0 (before: reverse NaN, forward 0; the true
        // derivative 1 is out of reach once the value itself is lost)
        assertEquals(Double.NEGATIVE_INFINITY, Reverse.of(x.exp().log(), x).value(-800));
        allAre(0, routes(x.exp().log(), new Variable[] {x}, new double[] {-800}, 0,
                v -> v[0].exp().log(), v -> v[0].exp().log()), "log(exp(x))' at -800");
    }
}
