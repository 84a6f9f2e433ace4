package dev.autodiff.engine.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Primitive;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The structure table against the rule table: every partial it calls zero is exactly 0 at every
 * sampled point, and every one it may call non-zero is non-zero somewhere, so the table is neither
 * wrong (a missing Hessian entry) nor needlessly coarse (a pattern denser than the rules).
 */
class OperationStructureTest {
    private static final double[] EXPONENTS = {0, 1, 2, 3, -1, 0.5, 1.0 / 3};

    @Test
    void everyClaimedZeroPartialIsZeroInTheRulesAndEveryOtherIsNotAlways() {
        Random rnd = new Random(7);
        for (Primitive op : Primitive.values()) {
            for (double p : op == Primitive.POW_CONST ? EXPONENTS : new double[] {0}) {
                OperationStructure s = OperationStructure.of(op.ordinal(), p);
                int arity = op == Primitive.POW_CONST ? 1 : op.arity();
                boolean[] seenFirst = new boolean[2];
                boolean[][] seenSecond = new boolean[2][2];
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
                    double[][] second = {{q.daa, q.dab}, {q.dab, q.dbb}};
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
    void aSelectionPassesItsBranchesOnLinearlyAndItsConditionNot() {
        OperationStructure s = OperationStructure.SELECT;
        assertEquals(false, s.flows(0));
        assertEquals(true, s.flows(1));
        assertEquals(true, s.flows(2));
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(false, s.interacts(i, j));
            }
        }
    }

    @Test
    void interactionsAreSymmetric() {
        for (OperationStructure s : OperationStructure.values()) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(s.interacts(i, j), s.interacts(j, i), s + " " + i + " " + j);
                }
            }
        }
    }
}
