package dev.autodiff.core.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Primitive;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The structure table against the rule table: every partial it calls zero is exactly 0 at every
 * sampled point, and every one it may call non-zero is non-zero somewhere, so the table is neither
 * wrong (a missing Hessian entry) nor needlessly coarse (a pattern denser than the rules).
 */
class StructureTest {
    private static final double[] EXPONENTS = {0, 1, 2, 3, -1, 0.5, 1.0 / 3};

    @Test
    void everyClaimedZeroPartialIsZeroInTheRulesAndEveryOtherIsNotAlways() {
        Random rnd = new Random(7);
        for (Primitive op : Primitive.values()) {
            // ifElse's third argument is its condition (either branch taken), polygamma's its order
            double[] params = op == Primitive.POW_CONST ? EXPONENTS : op == Primitive.IF_ELSE ? new double[] {0, 1}
                    : op == Primitive.POLYGAMMA ? new double[] {0, 1, 3} : new double[] {0};
            boolean[] seenFirst = new boolean[2];
            boolean[][] seenSecond = new boolean[2][2];
            for (double p : params) {
                Structure s = Structure.of(op.ordinal(), p);
                // as compiled: a constant order or exponent is a parameter, ifElse's condition no operand
                int arity = op == Primitive.POW_CONST || op.hasConstantOrder() ? 1 : op == Primitive.IF_ELSE ? 2 : op.arity();
                if (op != Primitive.IF_ELSE) {
                    seenFirst = new boolean[2];
                    seenSecond = new boolean[2][2];
                }
                int finite = 0;
                for (int k = 0; k < 2000; k++) {
                    // operands inside every primitive's domain somewhere: (0, 1) for asin and log,
                    // beyond 1 for acosh, both signs for the rest
                    double a = switch (k % 3) {
                        case 0 -> rnd.nextDouble();
                        case 1 -> 1 + 3 * rnd.nextDouble();
                        default -> 6 * rnd.nextDouble() - 3;
                    };
                    double b = 6 * rnd.nextDouble() - 3;
                    Partials q = new Partials();
                    Rules.apply(op.ordinal(), a, b, p, q);
                    double[] first = {q.da, q.db};
                    double[][] second = {{q.secondAA(), q.secondAB()}, {q.secondAB(), q.secondBB()}};
                    if (!Double.isFinite(q.value)) {
                        continue;
                    }
                    finite++;
                    for (int i = 0; i < arity; i++) {
                        if (!s.flows(i)) {
                            assertEquals(0.0, first[i], op + " ^" + p + ": ∂" + i + " at (" + a + ", " + b + ")");
                        }
                        seenFirst[i] |= first[i] != 0;
                        for (int j = 0; j < arity; j++) {
                            if (!s.interacts(i, j)) {
                                assertEquals(0.0, second[i][j], op + " ^" + p + ": ∂" + i + "∂" + j + " at (" + a + ", " + b + ")");
                            }
                            seenSecond[i][j] |= second[i][j] != 0 && Double.isFinite(second[i][j]);
                        }
                    }
                }
                assertTrue(finite > 100, op + ": too few points in its domain");
                if (op == Primitive.IF_ELSE && p == 0) {
                    continue; // each branch flows where it is taken: seen over both conditions
                }
                for (int i = 0; i < arity; i++) {
                    assertEquals(s.flows(i), seenFirst[i], op + " ^" + p + ": flows through operand " + i);
                    for (int j = 0; j < arity; j++) {
                        assertEquals(s.interacts(i, j), seenSecond[i][j], op + " ^" + p + ": operands " + i + ", " + j + " interact");
                    }
                }
            }
        }
    }

    @Test
    void aBranchPassesBothSidesOnLinearly() {
        Structure s = Structure.of(Primitive.IF_ELSE.ordinal(), 0);
        assertEquals(true, s.flows(0));
        assertEquals(true, s.flows(1));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(false, s.interacts(i, j));
            }
        }
    }

    @Test
    void interactionsAreSymmetric() {
        for (Structure s : Structure.values()) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(s.interacts(i, j), s.interacts(j, i), s + " " + i + " " + j);
                }
            }
        }
    }
}
