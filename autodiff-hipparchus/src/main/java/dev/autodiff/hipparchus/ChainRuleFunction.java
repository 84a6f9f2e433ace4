package dev.autodiff.hipparchus;

import dev.autodiff.core.Differentiable;
import java.util.Objects;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.MultivariateDifferentiableFunction;

/**
 * A {@link Differentiable} seen as a Hipparchus {@link MultivariateDifferentiableFunction}: the
 * derivative structure of f(x(p)) from f's value, gradient and Hessian at x and the derivative
 * structures x(p) of the arguments.
 *
 * <p>With {@code u = x(p) - x} (each argument's {@link DerivativeStructure#getAddendum() addendum},
 * whose value is 0), the second-order Taylor polynomial
 * {@code f(x) + Σ g_i u_i + ½ Σ u_i (H u)_i} is evaluated in Hipparchus' own truncated arithmetic.
 * Products of three addenda vanish at order 2, so the result is f(x(p)) to order 2 exactly:
 * its second derivatives are {@code Jᵀ H J + Σ g_i ∂²x_i}, with J the n × p first derivatives of x.
 * Only the first-order part of {@code H u} reaches order 2, so it is built from the matrix H·J.
 */
final class ChainRuleFunction implements MultivariateDifferentiableFunction {
    /** The highest derivative order composed: gradients and Hessians are what a compiled function gives. */
    static final int MAX_ORDER = 2;

    private final Differentiable f;

    ChainRuleFunction(Differentiable f) {
        this.f = f;
    }

    @Override
    public double value(double[] point) {
        return f.value(point);
    }

    @Override
    public DerivativeStructure value(DerivativeStructure[] point) {
        int n = f.arity();
        double[] x = values(point, n);
        DSFactory factory = point[0].getFactory();
        int p = factory.getCompiler().getFreeParameters();
        int order = factory.getCompiler().getOrder();
        if (order > MAX_ORDER) {
            throw new UnsupportedOperationException("expected derivative structures of order at most " + MAX_ORDER
                    + " (a compiled function gives its gradient and Hessian), got order " + order);
        }
        if (order == 0 || p == 0) {
            return factory.constant(f.value(x));
        }
        double[] g = new double[n];
        double value = f.valueAndGradient(x, g);
        DerivativeStructure[] u = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            u[i] = point[i].getAddendum();
        }
        if (order == 1) {
            return u[0].linearCombination(g, u).add(value);
        }
        double[][] hj = hessianTimes(x, firstDerivatives(point, p));
        DerivativeStructure[] eps = new DerivativeStructure[p];
        for (int a = 0; a < p; a++) {
            eps[a] = factory.variable(a, 0);
        }
        DerivativeStructure[] t = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            // g_i + ½ (H u)_i, keeping of H u the first order that survives the product with u_i
            t[i] = eps[0].linearCombination(hj[i], eps).multiply(0.5).add(g[i]);
        }
        return u[0].linearCombination(u, t).add(value);
    }

    /** {@return the argument values}, after checking the arguments are n structures of one kind */
    private static double[] values(DerivativeStructure[] point, int n) {
        Objects.requireNonNull(point, () -> "expected " + n + " derivative structures, got null");
        if (point.length != n) {
            throw new IllegalArgumentException("expected " + n + " derivative structures, one per variable, got "
                    + point.length);
        }
        if (n == 0) {
            throw new IllegalArgumentException(
                    "a function of no variables has no argument to take the derivative structure factory from");
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            DerivativeStructure d = point[i];
            if (d == null) {
                throw new NullPointerException("expected a derivative structure at index " + i + ", got null");
            }
            if (d.getFreeParameters() != point[0].getFreeParameters() || d.getOrder() != point[0].getOrder()) {
                throw new IllegalArgumentException("expected every derivative structure with "
                        + point[0].getFreeParameters() + " free parameters and order " + point[0].getOrder()
                        + " (as at index 0), got " + d.getFreeParameters() + " and " + d.getOrder() + " at index " + i);
            }
            x[i] = d.getValue();
        }
        return x;
    }

    /** {@return J, n rows of p: the first partial derivatives of each argument} */
    private static double[][] firstDerivatives(DerivativeStructure[] point, int p) {
        double[][] j = new double[point.length][p];
        int[] orders = new int[p];
        for (int a = 0; a < p; a++) {
            orders[a] = 1;
            for (int i = 0; i < point.length; i++) {
                j[i][a] = point[i].getPartialDerivative(orders);
            }
            orders[a] = 0;
        }
        return j;
    }

    /**
     * {@return H·J, n rows of p}: by p Hessian-vector products when there are fewer free parameters
     * than variables, otherwise by the dense Hessian, whichever takes fewer sweeps
     */
    private double[][] hessianTimes(double[] x, double[][] j) {
        int n = j.length;
        int p = j[0].length;
        double[][] hj = new double[n][p];
        if (p < n) {
            double[] column = new double[n];
            for (int a = 0; a < p; a++) {
                for (int i = 0; i < n; i++) {
                    column[i] = j[i][a];
                }
                double[] hv = f.hessianVector(x, column);
                for (int i = 0; i < n; i++) {
                    hj[i][a] = hv[i];
                }
            }
        } else {
            double[][] h = f.hessian(x);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    double hik = h[i][k];
                    for (int a = 0; a < p; a++) {
                        hj[i][a] += hik * j[k][a];
                    }
                }
            }
        }
        return hj;
    }
}
