package dev.autodiff.core;

import java.util.List;

/**
 * A scalar function of variables θ and data parameters p, compiled once: {@link #at} binds the
 * parameters to values and {@link #sumOver} sums the function over records of data, both without
 * recompiling. Built by {@code Reverse.of(e, variables, parameters)} or
 * {@code Forward.of(e, variables, parameters)}.
 *
 * <pre>{@code
 * List<Variable> w = Expr.variables("w", 3);
 * Variable x1 = Expr.variable("x1"), x2 = Expr.variable("x2"), y = Expr.variable("y");
 * Expr z = w.get(0).times(x1).plus(w.get(1).times(x2)).plus(w.get(2));
 * Expr nll = z.softplus().minus(y.times(z));                           // logistic loss of one record
 * ParametricDifferentiable p = Reverse.of(nll, w, List.of(x1, x2, y));
 * Differentiable one = p.at(1.5, 2.5, 1.0);                          // one record
 * Differentiable all = p.sumOver(rows);                               // Σ over rows, one column per parameter
 * }</pre>
 *
 * <p>Parameters are never differentiated: every derivative of the bound functions is with respect to
 * the variables alone. Like every compiled function this is immutable and thread-safe.
 */
public interface ParametricDifferentiable {

    /** {@return the variables, in the order points list their values} */
    List<Variable> variables();

    /** {@return the parameters, in the order {@link #at} and the columns of a row list their values} */
    List<Variable> parameters();

    /**
     * {@return the function of the variables with the parameters bound to {@code parameterValues}}
     *
     * @param parameterValues one value per parameter, in the order the parameters were given
     * @throws IllegalArgumentException when there is not one value per parameter
     */
    Differentiable at(double... parameterValues);

    /**
     * {@return f(θ) = Σ_r e(θ; rows[r])}, the sum of the function over records of data, one column
     * per parameter. The rows are read, not copied, at every call of the returned function: change
     * them and its results change.
     *
     * @param rows the records, one per row, each listing one value per parameter
     * @throws IllegalArgumentException when a row does not have one value per parameter (naming the
     *     row)
     */
    Differentiable sumOver(double[][] rows);

    /**
     * {@return f(θ) = Σ over the rows of every block}, for data read in blocks rather than held in one
     * array: {@code blocks} is iterated anew at every call of the returned function, so a source that
     * reads a file block by block keeps one block in memory at a time. Each block is summed as
     * {@link #sumOver} sums its rows and the blocks' sums are added in order, so the result is the
     * same to the bit whatever the number of threads (and equals {@code sumOver} of the concatenated
     * rows to the bit when every block but the last holds exactly 1024 rows, {@code sumOver}'s chunk).
     *
     * @param blocks blocks of records, each row listing one value per parameter
     * @throws IllegalArgumentException at a call, when a row does not have one value per parameter
     *     (naming the row within its block)
     */
    Differentiable sumOverBlocks(Iterable<double[][]> blocks);
}
