package dev.autodiff.core.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Equality of graphs that denote the same tree but share their nodes differently. Pairwise
 * comparison with a "pairs seen" memo revisits a node once per distinct partner, which is
 * exponential here; the expected time is linear, so a few seconds is a generous bound for graphs of
 * a few hundred nodes denoting trees of 2^60 leaves.
 */
class StructuralEqualityTest {
    private static final Variable X = Expr.variable("x");
    private static final Duration LINEAR = Duration.ofSeconds(5);

    /** {@code c = c + c}, {@code depth} times: one node per level. */
    static Expr doubledOnce(Expr leaf, int depth) {
        Expr c = leaf;
        for (int i = 0; i < depth; i++) {
            c = c.plus(c);
        }
        return c;
    }

    /** {@code p, q = p + q, p + q}, {@code depth} times: two equal but distinct nodes per level. */
    static Expr doubledTwice(Expr leaf, int depth) {
        Expr p = leaf;
        Expr q = leaf;
        for (int i = 0; i < depth; i++) {
            Expr s = p.plus(q);
            q = p.plus(q);
            p = s;
        }
        return p.plus(q);
    }

    @Test
    void equalGraphsSharedDifferentlyCompareInLinearTime() {
        Expr a = doubledOnce(X, 61);
        Expr b = doubledTwice(X, 60);
        assertEquals(62, a.nodeCount());
        assertEquals(122, b.nodeCount());
        assertTimeoutPreemptively(LINEAR, () -> {
            assertEquals(a, b);
            assertEquals(b, a);
            assertEquals(a.hashCode(), b.hashCode());
        });
    }

    @Test
    void unequalGraphsSharedDifferentlyAreFoundUnequalInLinearTime() {
        Variable y = Expr.variable("y");
        Expr a = doubledOnce(X, 61);
        // the same shape with one leaf changed at the bottom: one of p's and q's leaves is y
        Expr p = X;
        Expr q = y;
        for (int i = 0; i < 60; i++) {
            Expr s = p.plus(q);
            q = p.plus(q);
            p = s;
        }
        Expr b = p.plus(q);
        assertTimeoutPreemptively(LINEAR, () -> {
            assertNotEquals(a, b);
            assertNotEquals(b, a);
        });
    }

    @Test
    void hashMapLookupOfDifferentlySharedKeyFindsTheEntry() {
        // HashMap calls the equals of the key looked up, so both directions are tried
        Map<Expr, String> once = new HashMap<>();
        once.put(doubledOnce(X.sin(), 50), "found");
        Map<Expr, String> twice = new HashMap<>();
        twice.put(doubledTwice(X.sin(), 49), "found");
        assertTimeoutPreemptively(LINEAR, () -> {
            assertEquals("found", once.get(doubledTwice(X.sin(), 49)));
            assertEquals("found", twice.get(doubledOnce(X.sin(), 50)));
        });
    }

    @Test
    void everyKindOfNodeTakesPartInTheComparison() {
        CustomOperation square = CustomOperation.of("sq", v -> v * v, (v, g) -> 2 * v * g);
        CustomOperation other = CustomOperation.of("sq", v -> v * v, (v, g) -> 2 * v * g);
        Expr cond = X.lessThan(1);
        Expr a = Expr.ifElse(cond, square.invoke(X).pow(2), X.atan2(Expr.constant(Double.NaN)));
        Expr b = Expr.ifElse(X.lessThan(1), square.invoke(X).pow(2), X.atan2(Expr.constant(Double.NaN)));
        assertEquals(a, b, "NaN constants are equal, as Double.equals has it");
        assertNotEquals(a, Expr.ifElse(cond, other.invoke(X).pow(2), X.atan2(Expr.constant(Double.NaN))),
                "custom operations compare by identity");
        assertNotEquals(X.plus(0.0), X.plus(-0.0), "0.0 and -0.0 differ in their bits");
        assertNotEquals(X.lessThan(1), X.lessOrEqual(1), "operations differ");
        assertNotEquals(Expr.ifElse(cond, X, Expr.variable("y")), Expr.ifElse(cond, Expr.variable("y"), X),
                "branches in order");
        assertTrue(Expr.variable("x").plus(1).equals(X.plus(1)));
    }

    @Test
    void aMillionDeepChainComparesAtTheDefaultStackSize() {
        Expr a = X;
        Expr b = X;
        for (int i = 0; i < 1_000_000; i++) {
            a = a.sin().plus(1);
            b = b.sin().plus(1);
        }
        assertEquals(a, b);
        assertNotEquals(a, b.plus(0));
    }
}
