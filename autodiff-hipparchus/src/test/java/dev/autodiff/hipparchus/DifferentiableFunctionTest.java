package dev.autodiff.hipparchus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.util.List;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.MultivariateDifferentiableFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link HipparchusAdapters#differentiableFunction}: derivative structures of f(x(p)) against
 * Hipparchus' own arithmetic on the same formula, and against central finite differences.
 */
class DifferentiableFunctionTest {
    // Ours and Hipparchus' sum the same Taylor coefficients in different orders, from terms no larger
    // than a few times the largest coefficient (n ≤ 6, p ≤ 7), with Math against FastMath for the
    // elementary functions: a few ulps of that scale (observed below 1e-15), hence 1e-13 of it.
    private static final double AGREE = 1e-13;
    // Central differences with h = 1e-4 err by about h²/6·f''' (observed up to 1e-9 of the scale)
    // plus rounding ε·|f|/h ≈ 1e-12 of it; 1e-7 leaves a factor 100 for larger third derivatives.
    private static final double H = 1e-4;
    private static final double FD = 1e-7;

    /** An argument map x(p) = c + A p + 0.3 sin(B p) with random A, B: non-zero first and second derivatives. */
    private record Arguments(double[] base, double[][] a, double[][] b) {
        static Arguments random(double[] base, int p, Random random) {
            double[][] a = new double[base.length][p];
            double[][] b = new double[base.length][p];
            for (int i = 0; i < base.length; i++) {
                for (int k = 0; k < p; k++) {
                    // scaled so that x stays within 0.8 of the base for |p_k| ≤ 0.5, inside every formula's domain
                    a[i][k] = (2 * random.nextDouble() - 1) / p;
                    b[i][k] = 2 * random.nextDouble() - 1;
                }
            }
            return new Arguments(base, a, b);
        }

        DerivativeStructure[] at(DSFactory factory, double[] p) {
            DerivativeStructure[] params = new DerivativeStructure[p.length];
            for (int k = 0; k < p.length; k++) {
                params[k] = factory.variable(k, p[k]);
            }
            DerivativeStructure[] x = new DerivativeStructure[base.length];
            for (int i = 0; i < base.length; i++) {
                x[i] = p.length == 0 ? factory.constant(base[i])
                        : params[0].linearCombination(a[i], params).add(base[i])
                                .add(params[0].linearCombination(b[i], params).sin().multiply(0.3));
            }
            return x;
        }
    }

    private static double[] randomParameters(int p, Random random) {
        double[] v = new double[p];
        for (int k = 0; k < p; k++) {
            v[k] = random.nextDouble() - 0.5;
        }
        return v;
    }

    @Test
    void derivativeStructuresAgreeWithHipparchusArithmeticForOrdersUpToTwoAndAnyParameterCount() {
        Random random = new Random(3);
        for (Formulas formula : Formulas.ALL) {
            for (Differentiable f : List.of(Reverse.of(formula.expr().apply(formula.variables()), formula.variables()),
                    Forward.of(formula.expr().apply(formula.variables()), formula.variables()))) {
                MultivariateDifferentiableFunction adapter = HipparchusAdapters.differentiableFunction(f);
                // fewer free parameters than variables (Hessian-vector products), as many and more (the Hessian)
                for (int p : new int[] {0, 1, 2, 3, 5, 6, 7}) {
                    Arguments args = Arguments.random(formula.base(), p, random);
                    double[] at = randomParameters(p, random);
                    for (int order = 0; order <= 2; order++) {
                        DerivativeStructure[] x = args.at(new DSFactory(p, order), at);
                        DerivativeStructure expected = formula.ds().apply(x);
                        DerivativeStructure actual = adapter.value(x);
                        String where = formula + ", " + f.getClass().getSimpleName() + ", " + p + " parameters, order "
                                + order;
                        assertEquals(p, actual.getFreeParameters(), where);
                        assertEquals(order, actual.getOrder(), where);
                        near(expected.getAllDerivatives(), actual.getAllDerivatives(), AGREE, where);
                    }
                }
            }
        }
    }

    @Test
    void firstAndSecondDerivativesMatchCentralDifferences() {
        Random random = new Random(5);
        for (Formulas formula : Formulas.ALL) {
            MultivariateDifferentiableFunction adapter = HipparchusAdapters.differentiableFunction(
                    Reverse.of(formula.expr().apply(formula.variables()), formula.variables()));
            for (int p : new int[] {2, 7}) {
                Arguments args = Arguments.random(formula.base(), p, random);
                double[] at = randomParameters(p, random);
                DerivativeStructure second = adapter.value(args.at(new DSFactory(p, 2), at));
                double[] d1 = firstDerivatives(adapter, args, at);
                double scale1 = Math.max(1, maxAbs(d1));
                double[][] d2 = new double[p][];
                for (int k = 0; k < p; k++) {
                    double[] up = at.clone();
                    double[] down = at.clone();
                    up[k] += H;
                    down[k] -= H;
                    double fd = (value(adapter, args, up) - value(adapter, args, down)) / (2 * H);
                    assertEquals(fd, d1[k], FD * scale1, formula + ": ∂/∂p" + k);
                    double[] g1 = firstDerivatives(adapter, args, up);
                    double[] g0 = firstDerivatives(adapter, args, down);
                    d2[k] = new double[p];
                    for (int l = 0; l < p; l++) {
                        d2[k][l] = (g1[l] - g0[l]) / (2 * H);
                    }
                }
                double scale2 = 1;
                for (double[] row : d2) {
                    scale2 = Math.max(scale2, maxAbs(row));
                }
                for (int k = 0; k < p; k++) {
                    for (int l = 0; l < p; l++) {
                        int[] orders = new int[p];
                        orders[k]++;
                        orders[l]++;
                        assertEquals(d2[k][l], second.getPartialDerivative(orders), FD * scale2,
                                formula + ": ∂²/∂p" + k + "∂p" + l);
                    }
                }
                // the order-2 structure's first derivatives are the order-1 structure's
                for (int k = 0; k < p; k++) {
                    int[] orders = new int[p];
                    orders[k] = 1;
                    assertEquals(d1[k], second.getPartialDerivative(orders), AGREE * scale1, formula.toString());
                }
            }
        }
    }

    private static double value(MultivariateDifferentiableFunction adapter, Arguments args, double[] at) {
        return adapter.value(args.at(new DSFactory(at.length, 0), at)).getValue();
    }

    private static double[] firstDerivatives(MultivariateDifferentiableFunction adapter, Arguments args, double[] at) {
        DerivativeStructure d = adapter.value(args.at(new DSFactory(at.length, 1), at));
        double[] g = new double[at.length];
        for (int k = 0; k < at.length; k++) {
            int[] orders = new int[at.length];
            orders[k] = 1;
            g[k] = d.getPartialDerivative(orders);
        }
        return g;
    }

    @Test
    void doubleValueIsTheCompiledFunctionsValue() {
        Differentiable f = Reverse.of(Formulas.PRODUCT.expr().apply(Formulas.PRODUCT.variables()),
                Formulas.PRODUCT.variables());
        double[] x = {0.5, -1.5, 2};
        assertEquals(f.value(x), HipparchusAdapters.differentiableFunction(f).value(x), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HipparchusAdapters.differentiableFunction(f).value(new double[] {1, 2}));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void ordersAboveTwoAreRefusedNamingTheLimit() {
        MultivariateDifferentiableFunction adapter = HipparchusAdapters.differentiableFunction(
                Reverse.of(Formulas.TANH.expr().apply(Formulas.TANH.variables()), Formulas.TANH.variables()));
        for (int p : new int[] {0, 1, 3}) {
            DSFactory factory = new DSFactory(p, 3);
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> adapter.value(new DerivativeStructure[] {factory.constant(0.5)}));
            assertTrue(e.getMessage().contains("at most 2") && e.getMessage().contains("order 3"), e.getMessage());
        }
    }

    @Test
    void nullAndWrongSizeArgumentsThrowWithMessages() {
        MultivariateDifferentiableFunction adapter = HipparchusAdapters.differentiableFunction(
                Reverse.of(Formulas.LOG_ATAN.expr().apply(Formulas.LOG_ATAN.variables()), Formulas.LOG_ATAN.variables()));
        DSFactory factory = new DSFactory(2, 1);
        DerivativeStructure a = factory.variable(0, 0.5);
        DerivativeStructure b = factory.variable(1, 0.25);

        NullPointerException noArray = assertThrows(NullPointerException.class,
                () -> adapter.value((DerivativeStructure[]) null));
        assertTrue(noArray.getMessage().contains("expected 2 derivative structures"), noArray.getMessage());
        NullPointerException noElement = assertThrows(NullPointerException.class,
                () -> adapter.value(new DerivativeStructure[] {a, null}));
        assertTrue(noElement.getMessage().contains("index 1"), noElement.getMessage());
        IllegalArgumentException wrongLength = assertThrows(IllegalArgumentException.class,
                () -> adapter.value(new DerivativeStructure[] {a, b, a}));
        assertTrue(wrongLength.getMessage().contains("expected 2 derivative structures")
                && wrongLength.getMessage().contains("got 3"), wrongLength.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> adapter.value(new DerivativeStructure[] {a, new DSFactory(3, 1).variable(2, 0.25)}));
        assertTrue(mixed.getMessage().contains("2 free parameters") && mixed.getMessage().contains("index 1"),
                mixed.getMessage());
        IllegalArgumentException mixedOrder = assertThrows(IllegalArgumentException.class,
                () -> adapter.value(new DerivativeStructure[] {a, new DSFactory(2, 2).variable(1, 0.25)}));
        assertTrue(mixedOrder.getMessage().contains("order 1"), mixedOrder.getMessage());
        NullPointerException noFunction = assertThrows(NullPointerException.class,
                () -> HipparchusAdapters.differentiableFunction(null));
        assertTrue(noFunction.getMessage().contains("Differentiable"), noFunction.getMessage());
    }

    static void near(double[] expected, double[] actual, double tolerance, String where) {
        assertEquals(expected.length, actual.length, where);
        double scale = Math.max(1, maxAbs(expected));
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], tolerance * scale, where + ", component " + k);
        }
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
