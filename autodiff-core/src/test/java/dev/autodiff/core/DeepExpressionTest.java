package dev.autodiff.core;

import static dev.autodiff.core.ParseErrorTest.onDefaultStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.internal.program.Program;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nothing recurses on depth and nothing revisits shared nodes: a million-operation chain and a
 * depth-10⁵ chain that uses each node twice (2^100000 paths) evaluate, print, parse, compare and hash,
 * on a thread with the default stack size.
 */
class DeepExpressionTest {
    private static final Variable X = Expr.variable("x");

    /** x, then repeatedly +1, ·0.5, sin: a chain of {@code n} operations. */
    private static Expr chain(Expr bottom, int n) {
        Expr e = bottom;
        for (int i = 0; i < n; i++) {
            e = switch (i % 3) {
                case 0 -> e.plus(1);
                case 1 -> e.times(0.5);
                default -> e.sin();
            };
        }
        return e;
    }

    /** The chain's value, computed by the same IEEE operations in a loop: an exact oracle. */
    private static double chainValue(double x, int n) {
        double v = x;
        for (int i = 0; i < n; i++) {
            v = switch (i % 3) {
                case 0 -> v + 1;
                case 1 -> v * 0.5;
                default -> Math.sin(v);
            };
        }
        return v;
    }

    @Test
    void millionOperationChainEvaluatesPrintsComparesAndHashes() throws Throwable {
        int n = 1_000_000;
        onDefaultStack(() -> {
            Expr e = chain(X, n);
            assertEquals(chainValue(0.3, n), e.value(Map.of("x", 0.3)));

            String text = e.toString();
            assertTrue(text.length() < 20L * n, "printed size " + text.length());
            assertTrue(text.startsWith("sin((sin((sin(("), text.substring(0, 40));

            Expr same = chain(Expr.variable("x"), n);
            assertEquals(e, same);
            assertEquals(e.hashCode(), same.hashCode());
            assertEquals(e, Expr.parse(text));

            assertNotEquals(e, chain(Expr.variable("y"), n), "differs at the bottom variable");
            Expr otherBottom = chain(X.minus(1), n - 1);
            assertNotEquals(e, otherBottom, "first operation differs");

            Program p = Program.compile(List.of(e), List.of(X));
            assertEquals(1 + 2 + n, p.size, "x, the constants 1 and 0.5, one node per operation");
        });
    }

    /** e₀ = x, eₖ₊₁ = sin(eₖ) + eₖ·0.5: every node is used twice. */
    private static Expr doubled(Variable x, int depth) {
        Expr e = x;
        for (int i = 0; i < depth; i++) {
            e = e.sin().plus(e.times(0.5));
        }
        return e;
    }

    @Test
    void depthHundredThousandDagWithEachNodeUsedTwiceIsLinear() throws Throwable {
        int depth = 100_000;
        onDefaultStack(() -> {
            Expr e = doubled(X, depth);
            double v = 0.7;
            for (int i = 0; i < depth; i++) {
                v = Math.sin(v) + v * 0.5;
            }
            assertEquals(v, e.value(Map.of("x", 0.7)));

            String text = e.toString();
            // each level is one definition "$k = sin($j) + $j * 0.5; ": linear, not 2^depth
            assertTrue(text.length() < 40L * depth, "printed size " + text.length());
            Expr back = Expr.parse(text);
            assertEquals(e, back);
            assertEquals(e.hashCode(), back.hashCode());
            assertEquals(text, back.toString());

            Expr same = doubled(Expr.variable("x"), depth);
            assertEquals(e, same);
            assertEquals(e.hashCode(), same.hashCode());
            assertNotEquals(e, doubled(Expr.variable("y"), depth));

            assertEquals(1 + 4 * depth, e.nodeCount(), "x, and per level sin, times, plus and a constant object");
            Program p = Program.compile(List.of(e), List.of(X));
            assertEquals(1 + 1 + 3 * depth, p.size, "x, one merged 0.5, and sin, times, plus per level");
        });
    }
}
