package dev.autodiff.core;

import java.util.Objects;

/**
 * The one check of compressed-sparse-row arrays, shared by {@link SparseMatrix} and
 * {@link SparsityPattern} so that both accept exactly the same structures.
 */
final class Csr {
    private Csr() {}

    /**
     * Checks that {@code rowStart} and {@code columnIndex} describe a {@code rows × columns}
     * structure: {@code rows + 1} non-decreasing offsets from 0, and in each row strictly increasing
     * columns inside {@code [0, columns)}.
     *
     * @throws IllegalArgumentException saying which row or entry breaks the structure
     */
    static void check(int rows, int columns, int[] rowStart, int[] columnIndex) {
        Objects.requireNonNull(rowStart, "expected row offsets, got null");
        Objects.requireNonNull(columnIndex, "expected column indices, got null");
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("expected a non-negative size, got " + rows + " × " + columns);
        }
        if (rowStart.length != rows + 1 || rowStart[0] != 0) {
            throw new IllegalArgumentException("expected " + (rows + 1) + " row offsets starting at 0, got "
                    + rowStart.length + (rowStart.length > 0 ? " starting at " + rowStart[0] : ""));
        }
        if (columnIndex.length != rowStart[rows]) {
            throw new IllegalArgumentException("expected " + rowStart[rows] + " column indices, got " + columnIndex.length);
        }
        for (int i = 0; i < rows; i++) {
            if (rowStart[i + 1] < rowStart[i]) {
                throw new IllegalArgumentException("row offsets decrease at row " + i);
            }
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int c = columnIndex[k];
                if (c < 0 || c >= columns || (k > rowStart[i] && c <= columnIndex[k - 1])) {
                    throw new IllegalArgumentException("expected increasing columns in [0, " + columns + ") in row " + i
                            + ", got " + c + " at entry " + k);
                }
            }
        }
    }
}
