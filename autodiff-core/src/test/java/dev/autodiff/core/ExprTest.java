package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Structural equality and hashing, variables(), value(Map), custom operations. */
class ExprTest {
    private static final Variable X = Expr.variable("x");
    private static final Variable Y = Expr.variable("y");
    private static final Variable Z = Expr.variable("z");

    private static Expr sample(Variable x, Variable y) {
        Expr s = x.times(y);
        return s.plus(s.sin()).div(x.pow(2.5).max(y.atan2(x))).minus(y.unaryMinus().exp());
    }

    @Test
    void separatelyBuiltEqualTreesAreEqualAndHashTheSame() {
        Expr a = sample(Expr.variable("x"), Expr.variable("y"));
        Expr b = sample(Expr.variable("x"), Expr.variable("y"));
        assertEquals(a, b);
        assertEquals(b, a);
        assertEquals(a.hashCode(), b.hashCode());
        // sharing does not matter to equality: the same tree written out twice
        Expr unshared = X.times(Y).plus(X.times(Y).sin());
        Expr shared = X.times(Y).plus(X.times(Y)).minus(X.times(Y)); // unrelated
        Expr s = X.times(Y);
        assertEquals(s.plus(s.sin()), unshared);
        assertNotEquals(unshared, shared);
    }

    @Test
    void differentTreesAreUnequal() {
        assertNotEquals(X.plus(Y), Y.plus(X), "operand order");
        assertNotEquals(X.plus(Y), X.minus(Y), "operator");
        assertNotEquals(X.sin(), X.cos(), "function");
        assertNotEquals(X.sin(), X, "kind");
        assertNotEquals(X.pow(2), X.square().plus(0), "shape");
        assertNotEquals(X, null);
        assertNotEquals(X, "x");
    }

    @Test
    void variablesAreEqualByName() {
        assertEquals(Expr.variable("x"), Variable.of("x"));
        assertEquals(Expr.variable("my var").hashCode(), Variable.of("my var").hashCode());
        assertNotEquals(Expr.variable("x"), Expr.variable("X"));
        assertThrows(IllegalArgumentException.class, () -> Expr.variable(""));
        assertThrows(IllegalArgumentException.class, () -> Expr.variable("a`b"));
    }

    @Test
    void constantsAreEqualByBits() {
        assertEquals(Expr.constant(2.5), Expr.constant(2.5));
        assertEquals(Expr.constant(Double.NaN), Expr.constant(Double.NaN));
        assertEquals(Expr.constant(Double.NaN).hashCode(), Expr.constant(0.0 / 0.0).hashCode());
        assertNotEquals(Expr.constant(0.0), Expr.constant(-0.0));
        assertNotEquals(Expr.constant(1), Expr.constant(Math.nextUp(1.0)));
        assertNotEquals(X.plus(0.0), X.plus(-0.0));
    }

    private static CustomOperation sigmoid() {
        return CustomOperation.of("logistic", t -> 1 / (1 + Math.exp(-t)), (t, g) -> {
            double s = 1 / (1 + Math.exp(-t));
            return g * s * (1 - s);
        });
    }

    @Test
    void callsAreEqualOnlyWithTheSameOperationObject() {
        CustomOperation f = sigmoid();
        CustomOperation g = sigmoid(); // same name and rules, another object
        assertEquals(f.invoke(X.plus(1)), f.invoke(X.plus(1)));
        assertEquals(f.invoke(X).hashCode(), f.invoke(X).hashCode());
        assertNotEquals(f.invoke(X), g.invoke(X));
        assertNotEquals(f.invoke(X), f.invoke(Y));
    }

    @Test
    void customOperationEvaluatesLikeTheBuiltInItImitates() {
        CustomOperation f = sigmoid();
        Expr arg = X.times(Y).minus(X);
        Expr custom = f.invoke(arg);
        Expr builtIn = arg.sigmoid();
        for (double a = -6; a <= 6; a += 0.37) {
            for (double b = -3; b <= 3; b += 0.81) {
                Map<String, Double> at = Map.of("x", a, "y", b);
                // the primitive takes e^t/(1 + e^t) below 0, where it is more accurate: a few ulps apart
                double expected = custom.value(at);
                assertEquals(expected, builtIn.value(at), 4 * Math.ulp(expected), () -> "at " + at);
            }
        }
    }

    @Test
    void parseWithCustomOperationsRoundTrips() {
        CustomOperation f = sigmoid();
        Expr e = f.invoke(X.times(2)).plus(f.invoke(f.invoke(Y)));
        String text = e.toString();
        assertEquals("logistic(x * 2) + logistic(logistic(y))", text);
        assertEquals(e, Expr.parse(text, List.of(f)));
        // without the operation, "logistic" followed by '(' is an unknown function
        ParseException err = assertThrows(ParseException.class, () -> Expr.parse(text));
        assertEquals(1, err.column(), err.getMessage());
        assertTrue(err.getMessage().contains("unknown function logistic"), err.getMessage());
    }

    @Test
    void customOperationNamesMustBeUnreservedIdentifiers() {
        for (String bad : new String[] {"sin", "pow", "e", "pi", "sigmoid", "digamma", "my op", "1f", ""}) {
            assertThrows(IllegalArgumentException.class,
                    () -> CustomOperation.of(bad, t -> t, (t, g) -> g), () -> "name \"" + bad + "\"");
        }
    }

    @Test
    void variablesAreListedInOrderOfFirstAppearance() {
        assertEquals(List.of(Y, X, Z), Y.plus(X).times(Z.plus(Y)).variables());
        assertEquals(List.of(Expr.variable("b"), Expr.variable("a"), Expr.variable("c")),
                Expr.parse("sin(b) * a + c * b").variables());
        assertEquals(List.of(), Expr.constant(3).sin().variables());
    }

    @Test
    void valueBindsVariablesByName() {
        Map<String, Number> at = new HashMap<>();
        at.put("x", 2);
        at.put("y", 0.5f);
        at.put("unused", 7L);
        assertEquals(2 * Math.sin(0.5) + Math.exp(-1), Expr.parse("x * sin(y) + exp(-x/2)").value(at));
    }

    @Test
    void valueNamesAMissingVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> X.plus(Expr.variable("speed")).value(Map.of("x", 1.0)));
        assertTrue(e.getMessage().contains("speed"), e.getMessage());
        assertThrows(NullPointerException.class, () -> X.value(null));
    }

    @Test
    void sumAddsTermsAndIsZeroWhenEmpty() {
        assertEquals(X.plus(Y).plus(Z), Expr.sum(List.of(X, Y, Z)));
        assertEquals(Expr.constant(0), Expr.sum(List.of()));
    }

    @Test
    void sumRefusesNullTermsNamingTheirIndex() {
        java.util.List<Expr> one = java.util.Collections.singletonList(null);
        NullPointerException e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> Expr.sum(one));
        assertEquals("expected terms without nulls, got null at index 0", e.getMessage());
        java.util.List<Expr> second = java.util.Arrays.asList(X, null);
        e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> Expr.sum(second));
        assertEquals("expected terms without nulls, got null at index 1", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> Expr.sum(null));
        assertEquals("expected terms to sum, got null", e.getMessage());
    }
}
