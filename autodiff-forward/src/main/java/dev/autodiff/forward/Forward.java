package dev.autodiff.forward;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.core.internal.rules.TaylorRules;
import dev.autodiff.engine.ForwardScalar;
import dev.autodiff.engine.ForwardVector;
import dev.autodiff.engine.ParametricFunction;
import dev.autodiff.engine.sweeps.TaylorSweep;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Forward-mode automatic differentiation: compiled expressions, Taylor-mode derivatives of one
 * variable, and derivatives of functions written over {@link Dual}.
 *
 * <p>A compiled function runs the shared table of primitive rules once per call, giving every node
 * its value and local partials, then pushes tangents through the program in chunks of k
 * directions at once: k = n for n ≤ 12 inputs, otherwise the fewest balanced chunks of at most 12
 * (ForwardDiff.jl's chunk mode), so a gradient of n inputs takes ceil(n/k) passes. Working arrays
 * are allocated per call and sized by the program; compiled functions are immutable and
 * thread-safe. A tangent that is exactly 0 contributes nothing, even through an infinite partial,
 * so {@code ∂/∂y [sqrt(x) + y]} at {@code x = 0} is 1, not NaN.
 */
public final class Forward {
    private Forward() {}

    /**
     * {@return {@code e} compiled for forward mode over {@code variables}}
     *
     * <p>Costs for n variables and k = chunk size: {@code value} one evaluation; {@code gradient}
     * ceil(n/k) passes of k tangents; {@code directional} one pass of one tangent; {@code hessian}
     * forward over forward (each node carries tangents u and v and the second-order tangent
     * ∂²/∂u∂v), about n²/(2k) passes computing the upper triangle, which is mirrored so the result is
     * exactly symmetric; {@code hessianVector} ceil(n/k) forward-over-forward passes with v the given
     * direction; {@code sparseHessian} one such product per colour of {@code hessianSparsity()} (3
     * for a tridiagonal Hessian), after a one-time analysis of the program. A custom operation without a second derivative makes the Hessian methods throw
     * {@link UnsupportedOperationException} naming it.
     *
     * @throws IllegalArgumentException naming a variable the expression uses but is not listed, or
     *     one listed twice
     */
    public static Differentiable of(Expr e, Variable... variables) {
        Objects.requireNonNull(variables, "expected variables, got null");
        return new ForwardScalar(e, Arrays.asList(variables));
    }

    /** {@return {@code e} compiled for forward mode over {@code variables}}; see {@link #of(Expr, Variable...)} */
    public static Differentiable of(Expr e, List<Variable> variables) {
        Objects.requireNonNull(variables, "expected a list of variables, got null");
        return new ForwardScalar(e, variables);
    }

    /**
     * {@return {@code e} compiled over {@code variables} with {@code parameters} as data}: the
     * parameters are bound per call by {@link ParametricDifferentiable#at} or summed over records by
     * {@link ParametricDifferentiable#sumOver}, never differentiated, and never recompiled
     *
     * @throws IllegalArgumentException naming a name given both as a variable and as a parameter, a
     *     variable {@code e} uses that is in neither list, or one named twice
     */
    public static ParametricDifferentiable of(Expr e, List<Variable> variables, List<Variable> parameters) {
        return ParametricFunction.of(variables, parameters, inputs -> of(e, inputs));
    }

    /**
     * {@return the expressions {@code es} compiled together (sharing common subexpressions) for
     * forward mode over {@code variables}}
     *
     * <p>Costs for n variables: {@code jacobian} ceil(n/k) passes of k tangents, one column per
     * tangent; {@code jvp} one pass; {@code vjp} is the gradient of {@code Σ wᵢfᵢ}, ceil(n/k)
     * passes like the Jacobian (without storing it); reverse mode does it in one backward sweep.
     * {@code sparseJacobian} is one {@code jvp} per colour of the columns of
     * {@code jacobianSparsity()}.
     *
     * @throws IllegalArgumentException as {@link #of(Expr, Variable...)}
     */
    public static VectorDifferentiable of(List<? extends Expr> es, Variable... variables) {
        Objects.requireNonNull(variables, "expected variables, got null");
        return new ForwardVector(es, Arrays.asList(variables));
    }

    /** {@return the expressions compiled together for forward mode}; see {@link #of(List, Variable...)} */
    public static VectorDifferentiable of(List<? extends Expr> es, List<Variable> variables) {
        Objects.requireNonNull(variables, "expected a list of variables, got null");
        return new ForwardVector(es, variables);
    }

    /**
     * {@return {@code f(at), f'(at), …, f^(order)(at)}, order + 1 values, by Taylor-mode arithmetic}
     *
     * <p>Every node carries a truncated Taylor polynomial of degree {@code order}; each primitive
     * costs O(order²) (see the rules in {@code TaylorRules}), a custom operation O(order³) and needs
     * {@link dev.autodiff.core.CustomOperation#withDerivatives} beyond order 2. Where a function is
     * not analytic (abs at 0, max at a tie, a non-integer power at 0) the coefficients follow the
     * first-order conventions or come out infinite or NaN.
     *
     * <pre>{@code
     * double[] d = Forward.derivatives(x.sin().exp(), x, 0.3, 20);   // d[k] = k-th derivative
     * }</pre>
     *
     * @throws IllegalArgumentException for a negative order, or when {@code f} uses another variable
     * @throws UnsupportedOperationException naming a custom operation without enough derivatives
     */
    public static double[] derivatives(Expr f, Variable x, double at, int order) {
        return TaylorSweep.derivatives(f, x, at, order);
    }

    /**
     * {@return the derivative of {@code f} at {@code at}}, one evaluation of {@code f} on a dual number
     *
     * <pre>{@code
     * Forward.derivative(x -> x.times(Forward.derivative(y -> x.plus(y), Dual.constant(1))), 3.0)  // 1
     * }</pre>
     */
    public static double derivative(DualFunction f, double at) {
        return derivative(f, Dual.constant(at)).value();
    }

    /**
     * {@return the derivative of {@code f} at a dual point}, for nesting: the result carries the
     * perturbations of {@code at} (and of duals {@code f} captures), so an enclosing
     * {@code derivative} call differentiates it again. The call draws a fresh tag, so its
     * perturbation is never confused with theirs.
     */
    public static Dual derivative(DualFunction f, Dual at) {
        Objects.requireNonNull(f, "expected a function, got null");
        Objects.requireNonNull(at, "expected a point, got null");
        long tag = Dual.newTag();
        return result(f.apply(Dual.variable(tag, at))).perturbation(tag);
    }

    /**
     * {@return the gradient of {@code f} at {@code at}}: one evaluation of {@code f} per variable,
     * each perturbing one coordinate
     */
    public static double[] gradient(MultivariateDualFunction f, double... at) {
        Objects.requireNonNull(at, "expected a point, got null");
        Dual[] point = new Dual[at.length];
        for (int i = 0; i < at.length; i++) {
            point[i] = Dual.constant(at[i]);
        }
        Dual[] g = gradient(f, point);
        double[] result = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            result[i] = g[i].value();
        }
        return result;
    }

    /** {@return the gradient of {@code f} at a dual point}, for nesting, as {@link #derivative(DualFunction, Dual)} */
    public static Dual[] gradient(MultivariateDualFunction f, Dual... at) {
        Objects.requireNonNull(f, "expected a function, got null");
        Objects.requireNonNull(at, "expected a point, got null");
        Dual[] result = new Dual[at.length];
        for (int i = 0; i < at.length; i++) {
            if (at[i] == null) {
                throw new NullPointerException("expected a point without nulls, got null at index " + i);
            }
            Dual[] point = at.clone();
            long tag = Dual.newTag();
            point[i] = Dual.variable(tag, at[i]);
            result[i] = result(f.apply(point)).perturbation(tag);
        }
        return result;
    }

    private static Dual result(Dual y) {
        return Objects.requireNonNull(y, "expected the function to return a Dual, got null");
    }
}
