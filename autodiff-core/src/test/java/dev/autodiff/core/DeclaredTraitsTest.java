package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.RuleOracles.Point;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import dev.autodiff.core.internal.rules.Structure;
import dev.autodiff.core.internal.rules.TaylorRules;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the paths derive from the traits each rule entry declares, against the numeric partials:
 * Taylor mode's series (a locally linear primitive's is derived from its structure, any other's is
 * its entry's recurrence) agree with the chain rule of the partials in coefficients 1 and 2, and the
 * primitives the loop planner treats as signed sums ({@link Structure#isLinear}) have constant unit
 * partials at every parameter. Every {@link Primitive} is iterated from {@code values()}.
 */
class DeclaredTraitsTest {
    private static final int POINTS = 200;

    /**
     * The series' coefficients 1 and 2 by recurrence against the partials' chain rule: both are a
     * handful of correctly rounded operations on the same inputs (the recurrences solve a
     * convolution or an ODE for each coefficient, a few more), so they differ by some tens of ulps
     * of the largest term they sum: 1e-12 relative to the sum of the terms' magnitudes leaves a
     * factor of twenty over that.
     */
    private static final double AGREEMENT = 1e-12;

    static Stream<Primitive> primitives() {
        return Arrays.stream(Primitive.values());
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void taylorSeriesAgreesWithThePartialsInItsFirstTwoCoefficients(Primitive op) {
        boolean binary = op.arity() >= 2 && !op.hasConstantOrder();
        List<Point> points = RuleOracles.points(op, new Random(77 + op.ordinal()), POINTS);
        Partials q = new Partials();
        TaylorRules.Scratch w = new TaylorRules.Scratch(2);
        for (Point pt : points) {
            // operand series within the primitive's smooth length ρ, at most 1: the recurrences
            // multiply coefficients pairwise, which overflows for ρ near 1e154 (Taylor mode scales
            // its series down there); a tiny term only meets the tolerance's absolute floor
            double h = Math.min(pt.rho(), 1);
            double[] a = {pt.a(), h, 0.25 * h * h};
            double[] b = {pt.b(), 0.5 * h, -0.25 * h * h};
            double[] s = new double[9];
            System.arraycopy(a, 0, s, 0, 3);
            System.arraycopy(b, 0, s, 3, 3);
            TaylorRules.apply(op.ordinal(), pt.p(), null, s, 0, binary ? 3 : -1, 6, 2, w);
            Rules.apply(op.ordinal(), pt.a(), pt.b(), pt.p(), q);
            double ub = binary ? b[1] : 0;
            double vb = binary ? b[2] : 0;
            double[] first = {q.da * a[1], q.db * ub};
            double[] second = {q.da * a[2], q.db * vb, 0.5 * q.secondAA() * a[1] * a[1], q.secondAB() * a[1] * ub,
                0.5 * q.secondBB() * ub * ub};
            if (!finite(first) || !finite(second)) {
                continue; // an overflowing term: the oracle says nothing there
            }
            agree(op, pt, 1, s[7], first);
            agree(op, pt, 2, s[8], second);
        }
    }

    private static void agree(Primitive op, Point pt, int k, double actual, double[] terms) {
        double expected = 0;
        double scale = 0;
        for (double t : terms) {
            expected += t;
            scale += Math.abs(t);
        }
        double tolerance = AGREEMENT * scale + Double.MIN_NORMAL;
        assertTrue(Math.abs(actual - expected) <= tolerance,
                op + " at " + pt + ": coefficient " + k + " is " + actual + ", the partials give " + expected);
    }

    private static boolean finite(double[] xs) {
        for (double x : xs) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void signedSumsHaveConstantUnitPartialsAtEveryParameter(Primitive op) {
        if (!Structure.isLinear(op.ordinal())) {
            return;
        }
        Partials q = new Partials();
        double[] seen = null;
        for (double p : new double[] {0, 1, 2, -1, 0.5}) {
            for (Point pt : RuleOracles.points(op, new Random(5 + op.ordinal()), POINTS)) {
                Rules.apply(op.ordinal(), pt.a(), pt.b(), p, q);
                double[] partials = {q.da, q.db, q.secondAA(), q.secondAB(), q.secondBB()};
                if (seen == null) {
                    seen = partials;
                    assertTrue(Math.abs(q.da) == 1 && (q.db == 0 || Math.abs(q.db) == 1), op + ": ∂ " + q.da + ", " + q.db);
                }
                assertEquals(Arrays.toString(seen), Arrays.toString(partials), op + " at " + pt + ", p = " + p);
            }
        }
        assertEquals(0.0, seen[2] + Math.abs(seen[3]) + seen[4], op + ": second partials");
    }

    @Test
    void codesOfNoPrimitiveAreNoSignedSums() {
        assertFalse(Structure.isLinear(Program.CONSTANT));
        assertFalse(Structure.isLinear(Program.CUSTOM));
    }
}
