package dev.autodiff.bench;

import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The Hipparchus 4 baselines: a workload's generic form evaluated on {@link DerivativeStructure}
 * (order 1 for gradients, order 2 for Hessians) and on {@link Gradient}.
 */
public final class Hipparchus {
    private final DSFactory factory;
    private final int[] first;
    private final int[][] second;

    /**
     * Prepares a {@link DSFactory} of n parameters and the given order (1 or 2) with the positions
     * of the first and second partial derivatives in its coefficient arrays, looked up once here so
     * that a measured call only evaluates and copies.
     */
    public Hipparchus(int n, int order) {
        if (order != 1 && order != 2) {
            throw new IllegalArgumentException("expected order 1 or 2, got " + order);
        }
        this.factory = new DSFactory(n, order);
        this.first = new int[n];
        this.second = new int[order == 2 ? n : 0][n];
        int[] orders = new int[n];
        for (int i = 0; i < n; i++) {
            orders[i] = 1;
            first[i] = factory.getCompiler().getPartialDerivativeIndex(orders);
            orders[i] = 0;
        }
        for (int i = 0; i < second.length; i++) {
            for (int j = 0; j < n; j++) {
                orders[i]++;
                orders[j]++;
                second[i][j] = factory.getCompiler().getPartialDerivativeIndex(orders);
                orders[i]--;
                orders[j]--;
            }
        }
    }

    private DerivativeStructure evaluate(Workload w, double[] x) {
        DerivativeStructure[] vars = new DerivativeStructure[x.length];
        for (int i = 0; i < x.length; i++) {
            vars[i] = factory.variable(i, x[i]);
        }
        return w.value(vars);
    }

    /** {@return ∇f(x) through {@code DerivativeStructure}} */
    public double[] gradient(Workload w, double[] x) {
        double[] all = evaluate(w, x).getAllDerivatives();
        double[] g = new double[first.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = all[first[i]];
        }
        return g;
    }

    /** {@return the Hessian of f at x through order-2 {@code DerivativeStructure}} */
    public double[][] hessian(Workload w, double[] x) {
        if (second.length == 0) {
            throw new IllegalStateException("a Hessian needs order 2; this baseline was prepared with order 1");
        }
        double[] all = evaluate(w, x).getAllDerivatives();
        double[][] h = new double[second.length][second.length];
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < h.length; j++) {
                h[i][j] = all[second[i][j]];
            }
        }
        return h;
    }

    /** {@return ∇f(x) through Hipparchus {@link Gradient}, the type made for first derivatives} */
    public static double[] gradientType(Workload w, double[] x) {
        Gradient[] vars = new Gradient[x.length];
        for (int i = 0; i < x.length; i++) {
            vars[i] = Gradient.variable(x.length, i, x[i]);
        }
        return w.value(vars).getGradient();
    }

    /**
     * {@return ∇f(x)·v through a one-parameter {@code DerivativeStructure}: f(x + t v) differentiated
     * in t at 0}
     */
    public static double directional(Workload w, DSFactory oneParameter, double[] x, double[] v) {
        DerivativeStructure[] vars = new DerivativeStructure[x.length];
        for (int i = 0; i < x.length; i++) {
            vars[i] = oneParameter.build(x[i], v[i]);
        }
        return w.value(vars).getPartialDerivative(1);
    }
}
