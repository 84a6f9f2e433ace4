package dev.autodiff.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) form: the structurally non-zero
 * entries of each row, by increasing column. Sparse Jacobians and Hessians are returned as this
 * type ({@code Differentiable.sparseHessian}, {@code VectorDifferentiable.sparseJacobian}); a
 * sparse Hessian stores both triangles.
 *
 * <p>An entry is <i>stored</i> when the sparsity pattern says it may be non-zero; its value may
 * still be 0 at a given point. Entries not stored are exactly 0.
 *
 * <pre>{@code
 * SparseMatrix h = f.sparseHessian(point);
 * for (int i = 0; i < h.rows(); i++) {
 *     for (int k = h.rowStart(i); k < h.rowStart(i + 1); k++) {
 *         use(i, h.columnAt(k), h.valueAt(k));
 *     }
 * }
 * }</pre>
 */
public final class SparseMatrix {
    private final int rows;
    private final int columns;
    private final int[] rowStart;
    private final int[] columnIndex;
    private final double[] values;

    private SparseMatrix(int rows, int columns, int[] rowStart, int[] columnIndex, double[] values) {
        this.rows = rows;
        this.columns = columns;
        this.rowStart = rowStart;
        this.columnIndex = columnIndex;
        this.values = values;
    }

    /**
     * {@return the matrix with the given CSR arrays}, copied
     *
     * @param rowStart {@code rows + 1} offsets: row i's entries are at {@code rowStart[i] …
     *     rowStart[i+1] - 1}, with {@code rowStart[0] = 0}
     * @param columnIndex the column of each entry, strictly increasing within a row
     * @param values the value of each entry
     * @param rows the number of rows
     * @param columns the number of columns
     * @throws IllegalArgumentException when the arrays do not describe a matrix of that size
     */
    public static SparseMatrix ofCsr(int rows, int columns, int[] rowStart, int[] columnIndex, double[] values) {
        Csr.check(rows, columns, rowStart, columnIndex);
        Objects.requireNonNull(values, "expected values, got null");
        if (values.length != columnIndex.length) {
            throw new IllegalArgumentException("expected " + columnIndex.length + " values, got " + values.length);
        }
        return new SparseMatrix(rows, columns, rowStart.clone(), columnIndex.clone(), values.clone());
    }

    /**
     * {@return the matrix with the stored entries of {@code pattern} and the given values}, one per
     * stored entry in the pattern's order; the values are copied, the pattern's structure is shared
     * (both are immutable), so no structure is copied or checked again
     *
     * @param pattern the structure
     * @param values the value of each stored entry, in the pattern's order
     * @throws IllegalArgumentException when there is not one value per stored entry
     */
    public static SparseMatrix of(SparsityPattern pattern, double[] values) {
        Objects.requireNonNull(pattern, "expected a pattern, got null");
        Objects.requireNonNull(values, "expected values, got null");
        if (values.length != pattern.nonZeros()) {
            throw new IllegalArgumentException("expected " + pattern.nonZeros() + " values, one per stored entry, got "
                    + values.length);
        }
        return new SparseMatrix(pattern.rows(), pattern.columns(), pattern.rowStarts(), pattern.columnIndices(),
                values.clone());
    }

    /**
     * {@return the matrix storing every entry of {@code entries}}, zeros included: the dense pattern
     * that a function knowing no structure returns
     *
     * @param entries the dense matrix, by rows of equal length
     * @throws IllegalArgumentException when the rows differ in length
     */
    public static SparseMatrix ofDense(double[][] entries) {
        Objects.requireNonNull(entries, "expected an array of rows, got null");
        int rows = entries.length;
        int columns = rows == 0 ? 0 : Objects.requireNonNull(entries[0], "expected row 0, got null").length;
        if ((long) rows * columns > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("expected at most 2³¹ - 9 entries, got " + rows + " × " + columns);
        }
        int[] rowStart = new int[rows + 1];
        int[] columnIndex = new int[rows * columns];
        double[] values = new double[rows * columns];
        for (int i = 0; i < rows; i++) {
            double[] row = Objects.requireNonNull(entries[i], "expected row " + i + ", got null");
            if (row.length != columns) {
                throw new IllegalArgumentException("expected every row to have " + columns + " entries, got "
                        + row.length + " in row " + i);
            }
            rowStart[i + 1] = (i + 1) * columns;
            for (int j = 0; j < columns; j++) {
                columnIndex[i * columns + j] = j;
            }
            System.arraycopy(row, 0, values, i * columns, columns);
        }
        return new SparseMatrix(rows, columns, rowStart, columnIndex, values);
    }

    /** {@return the number of rows} */
    public int rows() {
        return rows;
    }

    /** {@return the number of columns} */
    public int columns() {
        return columns;
    }

    /** {@return the number of stored entries} */
    public int nonZeros() {
        return values.length;
    }

    /**
     * {@return the offset of row {@code i}'s first entry}; {@code rowStart(rows())} is {@link #nonZeros()}
     *
     * @param i a row index
     */
    public int rowStart(int i) {
        Objects.checkIndex(i, rows + 1);
        return rowStart[i];
    }

    /**
     * {@return the column of stored entry {@code k}}
     *
     * @param k a position among the stored entries, from 0 to {@code nonZeros() - 1}
     */
    public int columnAt(int k) {
        return columnIndex[Objects.checkIndex(k, values.length)];
    }

    /**
     * {@return the value of stored entry {@code k}}
     *
     * @param k a position among the stored entries, from 0 to {@code nonZeros() - 1}
     */
    public double valueAt(int k) {
        return values[Objects.checkIndex(k, values.length)];
    }

    /**
     * {@return whether entry (i, j) is stored}, i.e. may be non-zero
     *
     * @param i a row index
     * @param j a column index
     */
    public boolean isStored(int i, int j) {
        return find(i, j) >= 0;
    }

    /**
     * {@return entry (i, j)}: its stored value, or 0 when it is not stored
     *
     * @param i a row index
     * @param j a column index
     */
    public double get(int i, int j) {
        int k = find(i, j);
        return k >= 0 ? values[k] : 0;
    }

    private int find(int i, int j) {
        Objects.checkIndex(i, rows);
        Objects.checkIndex(j, columns);
        int k = Arrays.binarySearch(columnIndex, rowStart[i], rowStart[i + 1], j);
        return k >= 0 ? k : -1;
    }

    /** {@return the matrix as a fresh dense array, {@code rows()} rows of {@code columns()}} */
    public double[][] toDense() {
        double[][] d = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                d[i][columnIndex[k]] = values[k];
            }
        }
        return d;
    }

    /** Equal when the size, the stored entries and their values (compared as {@link Double#equals}) are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SparseMatrix m && m.rows == rows && m.columns == columns
                && Arrays.equals(m.rowStart, rowStart) && Arrays.equals(m.columnIndex, columnIndex)
                && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, columns, Arrays.hashCode(columnIndex), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "SparseMatrix(" + rows + " × " + columns + ", " + nonZeros() + " stored)";
    }
}
