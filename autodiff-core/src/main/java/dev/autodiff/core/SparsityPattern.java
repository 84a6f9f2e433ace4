package dev.autodiff.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * The sparsity pattern of a Jacobian or a Hessian, and how a compiled function compresses it: which
 * entries may be non-zero, in compressed sparse row (CSR) form, and a colouring that groups columns
 * (or rows) so that one derivative product per colour recovers every entry.
 *
 * <pre>{@code
 * SparsityPattern p = f.hessianSparsity();           // computed once per compiled function
 * p.nonZeros();                                       // entries that may be non-zero, both triangles
 * p.colours();                                        // Hessian-vector products per sparseHessian call
 * SparseMatrix h = f.sparseHessian(point);            // stores exactly the entries of p
 * }</pre>
 *
 * <p>The colour of column j (row i for {@link Compression#ROWS}) says which seed vector it belongs
 * to: seed {@code s_c} has a 1 at every index of colour c and 0 elsewhere, and the product with
 * {@code s_c} holds every entry of those columns (rows) without two of them adding up, as
 * {@link Compression} explains for each kind. Columns (rows) without a stored entry take part in
 * no product and have no colour.
 *
 * <p>Immutable; {@link #equals} compares size, entries, compression and colouring.
 */
public final class SparsityPattern {

    /**
     * How the entries are recovered from products with the colour groups' seed vectors (Gebremedhin,
     * Manne and Pothen, "What color is your Jacobian?", SIAM Review 47(4), 2005).
     */
    public enum Compression {
        /**
         * Jacobian columns grouped by colour, one Jacobian-vector product {@code J·s_c} per colour:
         * no two columns of a colour share a row (a distance-2 colouring of the bipartite graph, a
         * colouring of the column intersection graph), so entry (i, j) is {@code (J·s_colour(j))_i}.
         */
        COLUMNS,
        /**
         * Jacobian rows grouped by colour, one vector-Jacobian product {@code s_cᵀ·J} per colour: no
         * two rows of a colour share a column, so entry (i, j) is {@code (s_colour(i)ᵀ·J)_j}.
         */
        ROWS,
        /**
         * A symmetric matrix's columns grouped by a star colouring of its adjacency graph (adjacent
         * indices differ in colour and every path on four vertices has at least three colours), one
         * Hessian-vector product {@code H·s_c} per colour. Direct recovery: entry (i, i) is
         * {@code (H·s_colour(i))_i}; for i ≠ j, either i has no other neighbour of j's colour and the
         * entry is {@code (H·s_colour(j))_i}, or j has none of i's and it is
         * {@code (H·s_colour(i))_j}; both triangles are read from the same product.
         */
        STAR
    }

    private final int rows;
    private final int columns;
    private final int[] rowStart;
    private final int[] columnIndex;
    private final Compression compression;
    private final int[] colour;
    private final int colours;

    private SparsityPattern(int rows, int columns, int[] rowStart, int[] columnIndex, Compression compression,
            int[] colour, int colours) {
        this.rows = rows;
        this.columns = columns;
        this.rowStart = rowStart;
        this.columnIndex = columnIndex;
        this.compression = compression;
        this.colour = colour;
        this.colours = colours;
    }

    /**
     * {@return the pattern with the given CSR structure and colouring}, arrays copied
     *
     * @param rows the number of rows
     * @param columns the number of columns
     * @param rowStart {@code rows + 1} offsets, as in {@link SparseMatrix#ofCsr}
     * @param columnIndex the column of each stored entry, strictly increasing within a row
     * @param compression how products with the colour groups recover the entries
     * @param colour the colour of each column ({@link Compression#ROWS}: of each row), from 0, or -1
     *     for one with no stored entry; taken as given, not checked to be a valid colouring
     * @throws IllegalArgumentException when the arrays do not describe a structure of that size, a
     *     {@link Compression#STAR} pattern is not square, or a colour is missing or below -1
     */
    public static SparsityPattern ofCsr(int rows, int columns, int[] rowStart, int[] columnIndex,
            Compression compression, int[] colour) {
        Csr.check(rows, columns, rowStart, columnIndex);
        Objects.requireNonNull(compression, "expected a compression, got null");
        Objects.requireNonNull(colour, "expected a colour per index, got null");
        if (compression == Compression.STAR && rows != columns) {
            throw new IllegalArgumentException("expected a square pattern for STAR compression, got " + rows + " × " + columns);
        }
        int indices = compression == Compression.ROWS ? rows : columns;
        if (colour.length != indices) {
            throw new IllegalArgumentException("expected " + indices + " colours (one per "
                    + (compression == Compression.ROWS ? "row" : "column") + "), got " + colour.length);
        }
        int colours = 0;
        for (int j = 0; j < indices; j++) {
            if (colour[j] < -1) {
                throw new IllegalArgumentException("expected colours from 0, or -1 for no colour, got " + colour[j] + " at " + j);
            }
            colours = Math.max(colours, colour[j] + 1);
        }
        return new SparsityPattern(rows, columns, rowStart.clone(), columnIndex.clone(), compression, colour.clone(), colours);
    }

    /**
     * {@return the pattern in which every entry is stored, each column (row for
     * {@link Compression#ROWS}) its own colour}: what a function that knows no structure has
     *
     * @param rows the number of rows
     * @param columns the number of columns
     * @param compression whether products group columns or rows
     */
    public static SparsityPattern dense(int rows, int columns, Compression compression) {
        Objects.requireNonNull(compression, "expected a compression, got null");
        if (rows < 0 || columns < 0 || (long) rows * columns > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("expected a size with at most 2³¹ - 9 entries, got " + rows + " × " + columns);
        }
        int[] rowStart = new int[rows + 1];
        int[] columnIndex = new int[rows * columns];
        for (int i = 0; i < rows; i++) {
            rowStart[i + 1] = (i + 1) * columns;
            for (int j = 0; j < columns; j++) {
                columnIndex[i * columns + j] = j;
            }
        }
        int indices = compression == Compression.ROWS ? rows : columns;
        int[] colour = new int[indices];
        // an index of an empty matrix has no entry, so no colour
        for (int j = 0; j < indices; j++) {
            colour[j] = rows > 0 && columns > 0 ? j : -1;
        }
        return ofCsr(rows, columns, rowStart, columnIndex, compression, colour);
    }

    /** {@return the number of rows} */
    public int rows() {
        return rows;
    }

    /** {@return the number of columns} */
    public int columns() {
        return columns;
    }

    /** {@return the number of stored entries: those that may be non-zero} */
    public int nonZeros() {
        return columnIndex.length;
    }

    /**
     * {@return the offset of row {@code i}'s first entry}; {@code rowStart(rows())} is {@link #nonZeros()}
     *
     * @param i the row, from 0 to {@link #rows()}
     */
    public int rowStart(int i) {
        Objects.checkIndex(i, rows + 1);
        return rowStart[i];
    }

    /**
     * {@return the column of stored entry {@code k}}
     *
     * @param k the stored entry's index, from 0 to {@link #nonZeros()} - 1
     */
    public int columnAt(int k) {
        return columnIndex[Objects.checkIndex(k, columnIndex.length)];
    }

    /**
     * {@return whether entry (i, j) is stored}, i.e. may be non-zero
     *
     * @param i the row
     * @param j the column
     */
    public boolean isStored(int i, int j) {
        Objects.checkIndex(i, rows);
        Objects.checkIndex(j, columns);
        return Arrays.binarySearch(columnIndex, rowStart[i], rowStart[i + 1], j) >= 0;
    }

    /** The row offsets, shared with matrices of this pattern ({@link SparseMatrix#of}); never modified. */
    int[] rowStarts() {
        return rowStart;
    }

    /** The column indices, shared with matrices of this pattern; never modified. */
    int[] columnIndices() {
        return columnIndex;
    }

    /** {@return how the entries are recovered from one product per colour} */
    public Compression compression() {
        return compression;
    }

    /** {@return the number of colours}: the derivative products one sparse Jacobian or Hessian costs */
    public int colours() {
        return colours;
    }

    /**
     * {@return the colour of column {@code index}} (of row {@code index} for
     * {@link Compression#ROWS}), or -1 when it has no stored entry and takes part in no product
     *
     * @param index the column (the row for {@link Compression#ROWS})
     */
    public int colourOf(int index) {
        return colour[Objects.checkIndex(index, colour.length)];
    }

    /** {@return the stored entries as a matrix of 1s}, for printing and comparing */
    public SparseMatrix toMatrix() {
        double[] ones = new double[columnIndex.length];
        Arrays.fill(ones, 1);
        return SparseMatrix.of(this, ones);
    }

    /** Equal when the size, the stored entries, the compression and the colouring are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SparsityPattern p && p.rows == rows && p.columns == columns
                && p.compression == compression && Arrays.equals(p.rowStart, rowStart)
                && Arrays.equals(p.columnIndex, columnIndex) && Arrays.equals(p.colour, colour);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, columns, compression, Arrays.hashCode(columnIndex), Arrays.hashCode(colour));
    }

    @Override
    public String toString() {
        return "SparsityPattern(" + rows + " × " + columns + ", " + nonZeros() + " stored, " + colours
                + (colours == 1 ? " colour, " : " colours, ") + compression + ")";
    }
}
