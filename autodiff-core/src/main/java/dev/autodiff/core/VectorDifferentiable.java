package dev.autodiff.core;

import java.util.List;

/**
 * A compiled vector function of n variables with m outputs, and its derivatives, as built by
 * {@code Forward.of(List.of(e1, e2), x, y)} or {@code Reverse.of(List.of(e1, e2), x, y)}.
 *
 * <p>The same contract as {@link Differentiable}: immutable, thread-safe, reusable, fresh result
 * arrays; null or wrong-length arguments throw with a message saying what was expected.
 */
public interface VectorDifferentiable {

    /** {@return the variables, in the order points list their values} */
    List<Variable> variables();

    /** {@return the number of outputs m} */
    int outputCount();

    /**
     * {@return the m output values at {@code point}}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     */
    double[] value(double... point);

    /**
     * {@return the m × n Jacobian matrix: row i is the gradient of output i}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     */
    double[][] jacobian(double... point);

    /**
     * {@return the m × n Jacobian at {@code point} as a sparse matrix}: exactly the entries of
     * {@link #jacobianSparsity()}, all others being exactly 0
     *
     * <p>Compiled functions analyse their program once and then compute one Jacobian-vector product
     * per colour of {@code jacobianSparsity()} ({@link SparsityPattern.Compression#COLUMNS}) or one
     * vector-Jacobian product per colour ({@link SparsityPattern.Compression#ROWS}): a banded
     * Jacobian of bandwidth b costs at most 2b + 1 products at any size. This default, for
     * implementations that know no structure, computes the dense {@link #jacobian} and stores every
     * entry.
     *
     * @param point one value per variable, in the order of {@link #variables()}
     */
    default SparseMatrix sparseJacobian(double... point) {
        return SparseMatrix.ofDense(jacobian(point));
    }

    /**
     * {@return the Jacobian's sparsity pattern and its colouring}: entry (i, j) is stored when output
     * i depends on variable j through operations whose derivative may be non-zero, the same at every
     * point; the colouring says which products {@link #sparseJacobian} computes. This default is the
     * dense pattern with one colour per column.
     */
    default SparsityPattern jacobianSparsity() {
        return SparsityPattern.dense(outputCount(), variables().size(), SparsityPattern.Compression.COLUMNS);
    }

    /**
     * {@return the Jacobian-vector product J(point)·v, m values}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     * @param v one component per variable
     */
    double[] jvp(double[] point, double[] v);

    /**
     * {@return the vector-Jacobian product wᵀ·J(point), n values}
     *
     * @param point one value per variable, in the order of {@link #variables()}
     * @param w one weight per output
     */
    double[] vjp(double[] point, double[] w);
}
