package dev.autodiff.core;

import dev.autodiff.core.internal.calls.Batch;
import io.vavr.Function1;
import java.util.List;

/**
 * A compiled scalar function of n variables with its derivatives, as built by
 * {@code Forward.of(expr, x, y)} or {@code Reverse.of(expr, x, y)}. Both modes implement this
 * contract and agree: same values, gradients equal to rounding.
 *
 * <p>Points and directions list one value per variable, in the order the variables were given at
 * compilation. An implementation is immutable, thread-safe and reusable: compile once and call it
 * any number of times from any number of threads. Every call returns fresh arrays that the caller
 * owns, and a call allocates nothing that grows with reuse.
 *
 * <p>Errors: a {@code null} point or direction throws {@link NullPointerException} and one of the
 * wrong length throws {@link IllegalArgumentException}, each with a message saying how many values
 * were expected. NaN and infinities propagate as IEEE arithmetic does. At points where a primitive
 * is not differentiable, the conventions documented on {@link Primitive} apply in every method.
 *
 * <p><b>At edge points</b> (zeros, infinities, NaN, ties, the ends of double's range) every mode
 * follows one rule for a zero factor: a chain-rule product with an exactly zero factor (a tangent,
 * an adjoint or a local partial) is exactly 0, even where the other factor is infinite or NaN. The
 * compiled modes and each of their methods, the numeric tape and dual numbers, their nested forms,
 * Taylor mode and Hessians all sum the same products of local partials over the paths through the
 * expression, each in its own grouping; where every path product is finite and in double's normal
 * range they agree to rounding. Three conventions remain where one is not, each a consequence of
 * the order of operations:
 * <ul>
 *   <li><i>A sum that cancels next to an infinite partial.</i> Forward mode sums the tangents that
 *   meet at a node and then multiplies by the partials after it; reverse mode multiplies adjoints by
 *   the partials before a node and then sums. Where such a sum cancels to exactly 0 (the tangent of
 *   {@code x - x}, the adjoint of {@code f - f}) beside an infinite or NaN partial, the mode that
 *   sums first multiplies 0 by it (0), the other adds ∞ and -∞ (NaN): {@code lgamma(x - x)}, whose
 *   partial ψ(0) is NaN, has derivative 0 in forward mode and NaN in reverse mode, and
 *   {@code 1/x - 1/x} at 1e-300 has 0 in reverse mode and NaN in forward mode. Nested forms (reverse
 *   over forward, tapes in tapes, duals in duals) and Taylor mode group in their own orders alike.
 *   {@link #hessian} is exactly symmetric: in reverse mode each entry is the mean
 *   {@code (H·e_j)_i/2 + (H·e_i)_j/2} of the two {@link #hessianVector} products, in forward mode
 *   the upper triangle {@code (H·e_j)_i, i ≤ j} mirrored; where the two mixed partials differ by
 *   this convention the entry follows it ({@code y·lgamma(x - x)}: reverse {@code H·e_y} has NaN in
 *   x, {@code H·e_x} 0 in y, and the Hessian NaN off its diagonal).</li>
 *   <li><i>Over- and underflow.</i> Where values or products of partials leave double's normal range,
 *   each grouping loses its own digits or turns a tiny partial into a zero factor:
 *   {@code y·log1p(z)} at {@code z = 1e300, y = -1e300} has {@code ∂²/∂z² = 1e-300} in Taylor mode and
 *   0 in the Hessians, whose second partial {@code -1/(1 + z)²} meets the tangents before the adjoint
 *   -1e300 and underflows.</li>
 *   <li><i>Derivatives as expressions</i> ({@link Expr#derivative}) are evaluated as expressions,
 *   whose products follow IEEE arithmetic rather than the zero-factor rule: where a path meets that
 *   rule they are NaN ({@code log(x³)} at 0: derivative 0 in every mode, since {@code (x³)' = 0}, and
 *   {@code 3x²·(1/x³) = 0·∞ = NaN} as an expression).</li>
 * </ul>
 */
public interface Differentiable {

    /** {@return the variables, in the order points list their values} */
    List<Variable> variables();

    /** {@return the number of variables} */
    default int arity() {
        return variables().size();
    }

    /**
     * {@return f(point)}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     */
    double value(double... point);

    /**
     * {@return f(point)}; Kotlin reads {@code f(1.0, 2.0)}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     */
    default double invoke(double... point) {
        return value(point);
    }

    /**
     * {@return the gradient ∇f(point), one partial derivative per variable}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     */
    double[] gradient(double... point);

    /**
     * Computes f(point) and ∇f(point) together, writing the gradient into {@code gradientOut}: one
     * sweep in reverse mode, and no allocation once warmed up, for optimizers that call it in a loop.
     *
     * @param gradientOut receives one partial derivative per variable
     * @param point one value per variable, in the order of {@link #variables()}
     * @return f(point)
     * @throws IllegalArgumentException when {@code gradientOut} does not have one element per variable
     */
    default double valueAndGradient(double[] point, double[] gradientOut) {
        java.util.Objects.requireNonNull(gradientOut, "expected an array for the gradient, got null");
        if (gradientOut.length != arity()) {
            throw new IllegalArgumentException("expected a gradient array of " + arity() + " elements, got "
                    + gradientOut.length);
        }
        double[] g = gradient(point);
        System.arraycopy(g, 0, gradientOut, 0, g.length);
        return value(point);
    }

    /**
     * {@return this function as a vavr {@code Function1}}, for composition with other functions:
     * {@code f.asFunction().andThen(Math::exp)} is {@code exp(f(point))}. Each call is a call of
     * {@link #value(double...)}, with its checks.
     */
    default Function1<double[], Double> asFunction() {
        return this::value;
    }

    /**
     * {@return the gradient as a vavr {@code Function1}}, for composition: an optimizer's step
     * {@code f.asGradient().andThen(g -> ...)}. Each call is a call of {@link #gradient(double...)}.
     */
    default Function1<double[], double[]> asGradient() {
        return this::gradient;
    }

    /**
     * {@return the directional derivative ∇f(point)·direction}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     * @param direction one component per variable
     */
    double directional(double[] point, double[] direction);

    /**
     * {@return the Hessian matrix of second partial derivatives at {@code point}, n rows of n}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     */
    double[][] hessian(double... point);

    /**
     * {@return the Hessian-vector product H(point)·direction}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     * @param direction one component per variable
     */
    double[] hessianVector(double[] point, double[] direction);

    /**
     * {@return the Hessian at {@code point} as a sparse matrix storing both triangles}: exactly the
     * entries of {@link #hessianSparsity()}, all others being exactly 0
     *
     * <p>Compiled functions analyse their program once (on the first call of this method or of
     * {@code hessianSparsity}) and then compute {@code hessianSparsity().colours()} Hessian-vector
     * products per call, never an n × n array: a tridiagonal Hessian costs three products at any n.
     * This default, for implementations that know no structure, computes the dense {@link #hessian}
     * and stores every entry.
     *
     * @param point the point, one value per variable
     */
    default SparseMatrix sparseHessian(double... point) {
        return SparseMatrix.ofDense(hessian(point));
    }

    /**
     * {@return the Hessian's sparsity pattern and its {@link SparsityPattern.Compression#STAR star
     * colouring}}: which entries {@link #sparseHessian} stores and how many Hessian-vector products
     * it costs
     *
     * <p>Compiled functions derive it from their program: an entry (i, j) is stored when some
     * operation that the output depends on is nonlinear in operands that depend on variables i and j
     * (the nonlinear interaction domains of Walther, ACM TOMS 34(1), 2008); sums, differences,
     * negations and piecewise-linear operations (abs, max, min) add none, and a product adds only
     * the pairs across its two operands. It is the same at every point. This default is the dense
     * pattern with one colour per variable.
     */
    default SparsityPattern hessianSparsity() {
        return SparsityPattern.dense(arity(), arity(), SparsityPattern.Compression.STAR);
    }

    /**
     * {@return the gradients at many points, computed in parallel on all available cores}
     * Row i is the gradient at {@code points[i]}. Safe because a compiled function is thread-safe.
     *
     * @param points the points, one per row, each listing one value per variable
     */
    default double[][] gradients(double[][] points) {
        return gradients(points, Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@return the gradients at many points, computed by {@code threads} workers (1: this thread)}
     * No more workers start than there are points. Every row is checked first: a null or
     * wrong-length one throws, naming its index; a failure inside a worker is rethrown as it was.
     *
     * @param points the points, one per row, each listing one value per variable
     * @param threads the number of workers, at least 1
     * @throws IllegalArgumentException for fewer than 1 thread, or a row of the wrong length
     */
    default double[][] gradients(double[][] points, int threads) {
        return Batch.map(points, variables().stream().map(Variable::name).toList(), threads, this::gradient);
    }
}
