package dev.autodiff.forward;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.ParametricVectorDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.engine.Mode;
import dev.autodiff.engine.ParametricFunction;
import dev.autodiff.engine.ScalarFunction;
import dev.autodiff.engine.VectorFunction;
import dev.autodiff.engine.sweeps.Chunks;
import dev.autodiff.engine.sweeps.TaylorSeries;
import dev.autodiff.engine.sweeps.TaylorSweep;
import dev.autodiff.engine.sweeps.ThirdOrder;
import io.vavr.control.Try;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Forward-mode automatic differentiation: compiled expressions, Taylor-mode derivatives of any
 * order (in one variable, along a direction, third-order tensor contractions), and derivatives
 * of functions written over {@link Dual}.
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
     * @param e the expression
     * @param variables the variables, in the order points list their values
     * @throws IllegalArgumentException naming a variable the expression uses but is not listed, or
     *     one listed twice
     */
    public static Differentiable of(Expr e, Variable... variables) {
        Objects.requireNonNull(e, "expected an expression, got null");
        Objects.requireNonNull(variables, "expected variables, got null");
        return ScalarFunction.of(e, Arrays.asList(variables), Mode.FORWARD);
    }

    /**
     * {@return {@code e} compiled for forward mode over {@code variables}}; see {@link #of(Expr, Variable...)}
     *
     * @param e the expression
     * @param variables the variables, in the order points list their values
     */
    public static Differentiable of(Expr e, List<Variable> variables) {
        Objects.requireNonNull(e, "expected an expression, got null");
        Objects.requireNonNull(variables, "expected a list of variables, got null");
        return ScalarFunction.of(e, variables, Mode.FORWARD);
    }

    /**
     * {@return {@code e} compiled for forward mode over {@code variables}, or why it cannot be}: the
     * exception {@link #of(Expr, Variable...)} would throw, as a failure, so compilation composes
     * with parsing:
     *
     * <pre>{@code
     * Try<Differentiable> f = Expr.tryParse(text).flatMap(e -> Forward.tryOf(e, x, y));
     * }</pre>
     *
     * @param e the expression
     * @param variables the variables, in the order points list their values
     */
    public static Try<Differentiable> tryOf(Expr e, Variable... variables) {
        return Try.of(() -> of(e, variables));
    }

    /**
     * {@return {@code e} compiled over {@code variables} with {@code parameters} as data}: the
     * parameters are bound per call by {@link ParametricDifferentiable#at} or summed over records by
     * {@link ParametricDifferentiable#sumOver}, never differentiated, and never recompiled
     *
     * @param e the expression
     * @param variables the variables, in the order points list their values
     * @param parameters the data leaves, bound per call and never differentiated
     * @throws IllegalArgumentException naming a name given both as a variable and as a parameter, a
     *     variable {@code e} uses that is in neither list, or one named twice
     */
    public static ParametricDifferentiable of(Expr e, List<Variable> variables, List<Variable> parameters) {
        return ParametricFunction.of(List.of(e), variables, parameters, Mode.FORWARD);
    }

    /**
     * {@return the vector function of {@code outputs} compiled over {@code variables} with
     * {@code parameters} as data}, bound per call by {@link ParametricVectorDifferentiable#at}
     *
     * @param outputs the expressions of the outputs
     * @param variables the variables, in the order of points
     * @param parameters the parameters, bound to data per call
     * @throws IllegalArgumentException as {@link #of(Expr, List, List)}
     */
    public static ParametricVectorDifferentiable of(List<? extends Expr> outputs, List<Variable> variables,
            List<Variable> parameters) {
        return ParametricFunction.of(outputs, variables, parameters, Mode.FORWARD).vector();
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
     * @param es the expressions, one per output
     * @param variables the variables, in the order points list their values
     * @throws IllegalArgumentException as {@link #of(Expr, Variable...)}
     */
    public static VectorDifferentiable of(List<? extends Expr> es, Variable... variables) {
        Objects.requireNonNull(variables, "expected variables, got null");
        return VectorFunction.of(es, Arrays.asList(variables), Mode.FORWARD);
    }

    /**
     * {@return the expressions compiled together for forward mode}; see {@link #of(List, Variable...)}
     *
     * @param es the expressions, one per output
     * @param variables the variables, in the order points list their values
     */
    public static VectorDifferentiable of(List<? extends Expr> es, List<Variable> variables) {
        Objects.requireNonNull(variables, "expected a list of variables, got null");
        return VectorFunction.of(es, variables, Mode.FORWARD);
    }

    /**
     * {@return {@code f(at), f'(at), …, f^(order)(at)}, order + 1 values, by Taylor-mode arithmetic}
     *
     * <p>Every node carries a truncated Taylor polynomial of degree {@code order}; each primitive
     * costs O(order²), a custom operation O(order³) and needs
     * {@link dev.autodiff.core.CustomOperation#withDerivatives} beyond order 2. Values equal every
     * other mode's exactly; first and second derivatives are the compiled gradient's and Hessian's
     * to rounding, with the same conventions where a function is not differentiable (abs at 0, max
     * at a tie, sqrt and pow at 0, ifElse: see {@link dev.autodiff.core.Primitive}); beyond order 2
     * such points give the recurrences' infinities or NaN.
     *
     * <p>Any order up to {@value TaylorSeries#MAX_ORDER}: the input series is scaled so that every
     * node's normalized coefficients stay within double range, and {@code f^(k) = k!·c_k} is formed
     * by exponent arithmetic, so a derivative is ±∞ only where its true value overflows
     * ({@code 1/(1 - x)} at 0 from order 171 on) and finite wherever the true one is ({@code sin}
     * at 0 to order 1000: 0, 1, 0, -1, …). Usually one pass, at most a few.
     *
     * <pre>{@code
     * double[] d = Forward.derivatives(x.sin().exp(), x, 0.3, 20);   // d[k] = k-th derivative
     * double third = Forward.derivatives(f, x, x0, 3)[3];            // f''' for Halley's method
     * }</pre>
     *
     * @param f the expression
     * @param x the one variable of {@code f}
     * @param at the value of {@code x}
     * @param order the highest order of derivative, at least 0
     * @throws IllegalArgumentException for a negative order; when {@code f} uses another variable;
     *     naming the limit, for an order above {@value TaylorSeries#MAX_ORDER}, a cost above about
     *     7·10¹⁰ multiply-adds or 128 MiB of series, or an order whose coefficients no scaling keeps
     *     within double's exponent range at the point (sin at 0 beyond order 1232: the message
     *     names the highest order reached there)
     * @throws UnsupportedOperationException naming a custom operation without enough derivatives
     */
    public static double[] derivatives(Expr f, Variable x, double at, int order) {
        return TaylorSweep.derivatives(f, x, at, order);
    }

    /**
     * {@return {@code f, ∂f/∂x, …, ∂^order f/∂x^order} at {@code x = at}, the other variables held at
     * the values {@code others} gives}: Taylor mode in one variable of a function of several, as
     * {@link #derivatives(Expr, Variable, double, int)}
     *
     * <pre>{@code
     * // e^(x·y) in x at x = 0.3 with y = 2: d[k] = 2^k·e^0.6
     * double[] d = Forward.derivatives(x.times(y).exp(), x, Map.of(y, 2.0), 0.3, 10);
     * }</pre>
     *
     * @param f the function
     * @param x the variable to differentiate by
     * @param others the value of every other variable of {@code f}
     * @param at the value of {@code x}
     * @param order the highest order, from 0 to 10000
     * @throws IllegalArgumentException as {@link #derivatives(Expr, Variable, double, int)}, when
     *     {@code others} also gives {@code x}, or when {@code f} uses a variable neither gives
     */
    public static double[] derivatives(Expr f, Variable x, Map<Variable, Double> others, double at, int order) {
        Objects.requireNonNull(x, "expected a variable, got null");
        Objects.requireNonNull(others, "expected a map of the other variables' values, got null");
        if (others.containsKey(x)) {
            throw new IllegalArgumentException("expected the other variables' values without " + x.name()
                    + ", the variable of differentiation, got " + others.keySet());
        }
        List<Variable> vars = new ArrayList<>();
        vars.add(x);
        double[] point = new double[others.size() + 1];
        point[0] = at;
        for (Map.Entry<Variable, Double> e : others.entrySet()) {
            Double value = Objects.requireNonNull(e.getValue(), () -> "expected a value for " + e.getKey().name() + ", got null");
            point[vars.size()] = value;
            vars.add(e.getKey());
        }
        return TaylorSweep.derivatives(f, vars, point, 0, order);
    }

    /**
     * {@return the Taylor coefficients {@code c_0 … c_order} of {@code f} along a line:
     * {@code f(at + t·direction) = Σ c_k t^k}}, where {@code c_k} is the k-th directional
     * derivative over k!
     *
     * <p>{@code c_1 = ∇f·direction} and {@code c_2 = ½·directionᵀ·H·direction}; one pass of Taylor
     * arithmetic whatever the number of variables. The coefficients are computed at a scale that
     * keeps them in range (see {@link #derivatives(Expr, Variable, double, int)}), so they are 0 or
     * ±∞ only where the true values underflow or overflow double.
     *
     * <pre>{@code
     * // e^(x + 2y) from (0, 0) along (1, 1): c_k = 3^k/k!
     * double[] c = Forward.taylor(x.plus(y.times(2)).exp(), List.of(x, y), new double[] {0, 0}, new double[] {1, 1}, 8);
     * }</pre>
     *
     * @param f the function
     * @param vars its variables, in the order of {@code at} and {@code direction}
     * @param at the point, one value per variable
     * @param direction the line's direction, one value per variable
     * @param order the highest order, from 0 to 10000
     * @throws IllegalArgumentException as {@link #derivatives(Expr, Variable, double, int)}, when
     *     {@code f} uses a variable not in {@code vars}, or for a point or direction whose length is
     *     not the number of variables
     */
    public static double[] taylor(Expr f, List<Variable> vars, double[] at, double[] direction, int order) {
        return TaylorSweep.coefficients(f, vars, at, direction, order);
    }

    /**
     * {@return the third derivative tensor of {@code f} at {@code point} applied to three directions,
     * ∇³f[u, v, w] = Σ ∂³f/∂x_i∂x_j∂x_k · u_i v_j w_k}
     *
     * <p>For Halley's and Chebyshev's methods and third-order sensitivities. By polarization of
     * univariate Taylor series (Griewank, Utke and Walther, "Evaluating higher derivative tensors by
     * forward propagation of univariate Taylor series", Math. Comp. 69, 2000): with c₃(d) the third
     * coefficient along d, {@code ∇³f[u, v, w] = ¼ Σ_{±,±} ±± c₃(u ± v ± w)}, four passes of order 3
     * (one when u, v and w are equal: {@code 6·c₃(u)}), each about the cost of a few evaluations.
     * The directions are first divided by powers of two to a largest component in [1, 2), so their
     * scales do not matter; the result's absolute error is a few units of roundoff of
     * {@code ‖∇³f‖·(‖u‖ + ‖v‖ + ‖w‖)³} in those units, as cancellation in the sum allows.
     *
     * <pre>{@code
     * // f = x²y: ∇³f[e_x, e_x, e_y] = 2
     * double t = Forward.thirdOrder(x.square().times(y), List.of(x, y), new double[] {1, 3},
     *         new double[] {1, 0}, new double[] {1, 0}, new double[] {0, 1});
     * }</pre>
     *
     * @param f the function
     * @param vars its variables, in the order of the vectors
     * @param point the point, one value per variable
     * @param u the first direction
     * @param v the second direction
     * @param w the third direction
     * @throws IllegalArgumentException when {@code f} uses a variable not in {@code vars}, or for a
     *     point or direction whose length is not the number of variables
     * @throws UnsupportedOperationException naming a custom operation without third derivatives
     */
    public static double thirdOrder(Expr f, List<Variable> vars, double[] point, double[] u, double[] v, double[] w) {
        return ThirdOrder.contraction(f, vars, point, u, v, w);
    }

    /**
     * {@return the vector ∇³f[·, v, w] at {@code point}, whose i-th entry is ∇³f[e_i, v, w]}: the
     * gradient of the second directional derivative {@code vᵀ·∇²f·w}, as Halley's and Chebyshev's
     * methods in several variables need with {@code v = w}
     *
     * <p>As {@link #thirdOrder(Expr, List, double[], double[], double[], double[])} for each unit
     * vector: 4n Taylor passes of order 3 for n variables (3n when {@code v} equals {@code w}), the
     * expression compiled once.
     *
     * @param f the function
     * @param vars its variables, in the order of the vectors
     * @param point the point, one value per variable
     * @param v the first direction
     * @param w the second direction
     * @throws IllegalArgumentException as {@link #thirdOrder(Expr, List, double[], double[], double[], double[])}
     */
    public static double[] thirdOrder(Expr f, List<Variable> vars, double[] point, double[] v, double[] w) {
        return ThirdOrder.contraction(f, vars, point, v, w);
    }

    /**
     * {@return the derivative of {@code f} at {@code at}}, one evaluation of {@code f} on a dual number
     *
     * <pre>{@code
     * Forward.derivative(x -> x.times(Forward.derivative(y -> x.plus(y), Dual.constant(1))), 3.0)  // 1
     * }</pre>
     *
     * @param f the function to differentiate
     * @param at the point
     */
    public static double derivative(DualFunction f, double at) {
        return derivative(f, Dual.constant(at)).value();
    }

    /**
     * {@return the derivative of {@code f} at a dual point}, for nesting: the result carries the
     * perturbations of {@code at} (and of duals {@code f} captures), so an enclosing
     * {@code derivative} call differentiates it again. The call draws a fresh tag, so its
     * perturbation is never confused with theirs.
     *
     * @param f the function to differentiate
     * @param at the point
     */
    public static Dual derivative(DualFunction f, Dual at) {
        Objects.requireNonNull(f, "expected a function, got null");
        Objects.requireNonNull(at, "expected a point, got null");
        long tag = Dual.newTag();
        return result(f.apply(Dual.variable(tag, at))).perturbation(tag);
    }

    /**
     * {@return the gradient of {@code f} at {@code at}}: ceil(n/k) evaluations of {@code f} on chunk
     * duals, each perturbing k coordinates at once (k as for compiled functions: all n for n ≤ 12,
     * else balanced chunks of at most 12, ForwardDiff.jl's chunk mode)
     *
     * <p>Each evaluation draws one fresh tag for its k perturbations, so nested calls and duals
     * {@code f} captures from enclosing derivative calls stay apart (see {@link Dual}). Each
     * partial derivative is, to the bit, the one an evaluation perturbing its coordinate alone
     * gives, as {@code Forward.derivative} along that coordinate would; where {@code f} mixes in
     * perturbations of enclosing calls, their higher-order parts go through the Taylor rules for
     * every coordinate of the chunk, and the results agree with single-coordinate ones to rounding.
     *
     * <pre>{@code
     * double[] g = Forward.gradient(v -> v[0].times(v[1]).plus(v[0].sin()), 2.0, 3.0);   // {3 + cos 2, 2}
     * }</pre>
     *
     * @param f the function to differentiate
     * @param at the point
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

    /**
     * {@return the gradient of {@code f} at a dual point}, for nesting, as {@link #derivative(DualFunction, Dual)},
     * in chunks as {@link #gradient(MultivariateDualFunction, double...)}
     *
     * @param f the function to differentiate
     * @param at the point
     */
    public static Dual[] gradient(MultivariateDualFunction f, Dual... at) {
        Objects.requireNonNull(f, "expected a function, got null");
        Objects.requireNonNull(at, "expected a point, got null");
        for (int i = 0; i < at.length; i++) {
            if (at[i] == null) {
                throw new NullPointerException("expected a point without nulls, got null at index " + i);
            }
        }
        int n = at.length;
        int k = Chunks.size(n);
        Dual[] result = new Dual[n];
        for (int start = 0; start < n; start += k) {
            int width = Math.min(k, n - start);
            long tag = Dual.newTag();
            Dual[] point = at.clone();
            for (int j = 0; j < width; j++) {
                double[] unit = new double[width];
                unit[j] = 1;
                point[start + j] = Dual.chunk(tag, at[start + j], unit);
            }
            Dual y = result(f.apply(point));
            for (int j = 0; j < width; j++) {
                result[start + j] = y.perturbation(tag, j);
            }
        }
        return result;
    }

    /**
     * {@return a custom operation computing {@code f}, whose derivatives of every order come from
     * dual numbers}: a function written over duals, usable in expressions and on tapes, which
     * differentiate it by nesting {@link #derivative(DualFunction, Dual)} as deep as they need
     *
     * <pre>{@code
     * CustomOperation g = Forward.operation("g", t -> t.sin().times(t.exp()));
     * double d2 = Reverse.derivative(x -> x.tape().derivativeOf(y -> y.apply(g), x), 0.5);   // g''(0.5), a tape over duals
     * }</pre>
     *
     * The k-th derivative costs one evaluation of {@code f} on duals nested k deep, about 2^k times
     * an evaluation on numbers. Symbolic derivatives refuse it (it has no derivative expression).
     * A custom operation is a function of its argument alone: {@code f} must not use duals of an
     * enclosing derivative call, whose perturbations it would drop.
     *
     * @param name the operation's name in text and printing
     * @param f the function over dual numbers
     * @throws IllegalArgumentException for a name that is not an identifier or is reserved
     */
    public static CustomOperation operation(String name, DualFunction f) {
        Objects.requireNonNull(f, "expected a function, got null");
        return CustomOperation.of(name, x -> result(f.apply(Dual.constant(x))).value(), (x, g) -> g * derivative(f, x))
                .withDerivatives((x, order) -> {
                    double[] d = new double[order + 1];
                    DualFunction dk = f;
                    for (int k = 0; k <= order; k++) {
                        d[k] = result(dk.apply(Dual.constant(x))).value();
                        DualFunction previous = dk;
                        dk = y -> derivative(previous, y);
                    }
                    return d;
                });
    }

    private static Dual result(Dual y) {
        return Objects.requireNonNull(y, "expected the function to return a Dual, got null");
    }
}
