package dev.autodiff.core.internal.program;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Variable;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The lowering of constant exponents, orders and constant conditions ({@link Lowering}) against
 * closed forms and the documented conventions, on each path that follows it: the walk
 * behind {@link Expr#value(Map)} (ValueWalk, which takes every expression here), a program built and
 * run once ({@link Program#valueOnce}) and a compiled program. ValueWalkTest shows the paths agree
 * and that the walk takes such expressions; this shows what they agree on is right.
 */
class LoweringTest {
    private static final Variable X = Expr.variable("x");
    private static final Variable Y = Expr.variable("y");
    private static final Map<String, Double> AT = Map.of("x", 1.0, "y", -2.0);
    /**
     * ψ at 1 is -γ, ψ' π²/6, ψ'' -2ζ(3): PolygammaTest bounds our ψ by 3.6e-14 relative and ψ⁽ⁿ⁾,
     * n ≥ 1, by 2e-15; the constants here are rounded to the nearest double (1.1e-16 more).
     */
    private static final double POLYGAMMA = 3.7e-14;
    private static final String[] PATHS = {"the walk", "valueOnce", "a compiled program"};

    /** {@return the value of {@code e} at {@link #AT} by the walk, by valueOnce and by a compiled program, in that order} */
    private static double[] byEachPath(Expr e) {
        double walk = e.value(AT);
        double once = Program.valueOnce(e, vars -> vars.stream().mapToDouble(v -> AT.get(v.name())).toArray());
        Program p = Program.compile(List.of(e), List.of(X, Y));
        double[] values = new double[p.size];
        p.evaluate(new double[] {AT.get("x"), AT.get("y")}, values);
        return new double[] {walk, once, values[p.outputs[0]]};
    }

    /** Asserts every path, reporting each that fails. */
    private static void assertEachPath(double expected, Expr e) {
        double[] got = byEachPath(e);
        assertAll(IntStream.range(0, got.length).mapToObj(k -> () -> assertEquals(expected, got[k], PATHS[k] + ": " + e)));
    }

    private static void assertEachPathRelative(double expected, double tolerance, Expr e) {
        double[] got = byEachPath(e);
        assertAll(IntStream.range(0, got.length).mapToObj(k -> () ->
                assertEquals(expected, got[k], tolerance * Math.abs(expected), PATHS[k] + ": " + e)));
    }

    @Test
    void aConstantNaNConditionGivesNaNOnEveryPath() {
        // IfElse's documented convention; y alone is -2 and x alone 1, so neither branch passes for NaN
        assertEachPath(Double.NaN, Expr.ifElse(Expr.constant(Double.NaN), X, Y));
        assertEachPath(Double.NaN, Expr.ifElse(Expr.constant(Double.NaN).plus(1), X, Y)); // folded first
        // and the NaN is a constant: what uses it folds, and still gives NaN
        assertEachPath(Double.NaN, Expr.ifElse(Expr.ifElse(Expr.constant(Double.NaN), X, Y), X, Y));
    }

    @Test
    void aConstantConditionSelectsItsBranchOnEveryPath() {
        assertEachPath(1.0, Expr.ifElse(Expr.constant(-0.5), X, Y)); // non-zero, even negative: when true
        assertEachPath(-2.0, Expr.ifElse(Expr.constant(-0.0), X, Y)); // -0 is zero: when false
        assertEachPath(-2.0, Expr.ifElse(Expr.constant(1).lessThan(0), X, Y)); // a folded comparison
        // the selected branch is constant when it is, so a condition built on it folds too
        assertEachPath(1.0, Expr.ifElse(Expr.ifElse(Expr.constant(1), Expr.constant(0), X), Y, X));
    }

    @Test
    void aVariableConditionAtNaNFollowsTheSameConvention() {
        Expr condition = X.minus(1).div(X.minus(1)); // 0/0 at x = 1: NaN, not known before evaluating
        assertEachPath(Double.NaN, Expr.ifElse(condition, X, Y));
    }

    @Test
    void theOrderIsTheParameterAndTheOtherOperandTheArgumentOnEveryPath() {
        double eulerGamma = 0.5772156649015329;
        assertEachPathRelative(-eulerGamma, POLYGAMMA, X.polygamma(0));
        assertEachPathRelative(Math.PI * Math.PI / 6, POLYGAMMA, X.polygamma(1));
        assertEachPathRelative(-2 * 1.2020569031595943, POLYGAMMA, X.polygamma(2));
        // on a constant argument it folds, to the same value
        assertEachPathRelative(Math.PI * Math.PI / 6, POLYGAMMA, Expr.constant(1).polygamma(1));
    }

    @Test
    void aConstantExponentIsAPowConstOfTheBaseOnEveryPath() {
        // (-2)³ = -8 exactly; Math.pow is exact on small integer powers of small integers
        assertEachPath(-8.0, Y.pow(Expr.constant(1).plus(2)));
        assertEachPath(4.0, Y.pow(Expr.constant(2)));
        assertEachPath(9.0, Expr.constant(3).pow(Expr.constant(2)));
        Program p = Program.compile(List.of(Y.pow(Expr.constant(1).plus(2))), List.of(X, Y));
        assertEquals(Primitive.POW_CONST.ordinal(), p.code[p.outputs[0]]);
    }

    @Test
    void eachFormIsDecidedByTheOperandsConstancy() {
        assertEquals(Lowering.BRANCHES, Lowering.of(Primitive.IF_ELSE, false, Double.NaN, true));
        assertEquals(Lowering.NOT_A_NUMBER, Lowering.of(Primitive.IF_ELSE, true, Double.NaN, true));
        assertEquals(Lowering.WHEN_TRUE, Lowering.of(Primitive.IF_ELSE, true, Double.NEGATIVE_INFINITY, false));
        assertEquals(Lowering.WHEN_FALSE, Lowering.of(Primitive.IF_ELSE, true, -0.0, false));
        assertEquals(Lowering.ORDER, Lowering.of(Primitive.POLYGAMMA, true, 3, false));
        assertEquals(Lowering.CONSTANT_EXPONENT, Lowering.of(Primitive.POW, false, 0, true));
        assertEquals(Lowering.OPERANDS, Lowering.of(Primitive.POW, true, 0, false));
        assertEquals(Lowering.OPERANDS, Lowering.of(Primitive.ADD, true, 0, true));
    }
}
