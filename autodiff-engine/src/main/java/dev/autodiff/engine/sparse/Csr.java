package dev.autodiff.engine.sparse;

/**
 * A sparsity structure in compressed sparse row form: row i's columns, increasing, are
 * {@code column[rowStart[i]] … column[rowStart[i+1]-1]}. The arrays are owned by whoever built it
 * and never modified.
 */
record Csr(int rows, int columns, int[] rowStart, int[] column) {

    /** {@return the number of stored entries} */
    int nonZeros() {
        return column.length;
    }

    /** {@return the number of entries in row {@code i}} */
    int length(int i) {
        return rowStart[i + 1] - rowStart[i];
    }

    /** {@return the transposed structure}, its rows the columns of this one, in two counting passes */
    Csr transpose() {
        int[] start = new int[columns + 1];
        for (int c : column) {
            start[c + 1]++;
        }
        for (int j = 0; j < columns; j++) {
            start[j + 1] += start[j];
        }
        int[] next = java.util.Arrays.copyOf(start, columns);
        int[] rowOf = new int[column.length];
        for (int i = 0; i < rows; i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                rowOf[next[column[k]]++] = i; // rows arrive in increasing order, so each row stays sorted
            }
        }
        return new Csr(columns, rows, start, rowOf);
    }
}
