package dev.autodiff.engine.sparse;

/**
 * Greedy distance-2 colouring of the columns of a Jacobian pattern in its bipartite graph (rows and
 * columns as vertices, an edge per stored entry): two columns that share a row differ in colour, so
 * the product with the sum of one colour's unit vectors holds each of their entries alone (Curtis,
 * Powell and Reid 1974; Gebremedhin, Manne and Pothen 2005, §3). The same on the transpose colours
 * rows. Columns are visited {@linkplain Ordering largest first} by their number of entries, the
 * bipartite degree, which costs nothing to compute; the degree in the column intersection graph
 * would cost as much as the colouring itself.
 */
final class ColumnColouring {
    private ColumnColouring() {}

    /**
     * {@return the colour of each column of {@code pattern}}, from 0, or -1 for an empty column
     *
     * @param transposed {@code pattern.transpose()}: row j lists the rows of column j
     */
    static int[] colour(Csr pattern, Csr transposed) {
        int n = pattern.columns();
        int[] degree = new int[n];
        for (int j = 0; j < n; j++) {
            degree[j] = transposed.length(j) == 0 ? -1 : transposed.length(j);
        }
        int[] colour = new int[n];
        java.util.Arrays.fill(colour, -1);
        int[] forbidden = new int[n + 1];
        int[] rowStart = pattern.rowStart();
        int[] column = pattern.column();
        int[] colStart = transposed.rowStart();
        int[] rowOf = transposed.column();
        int[] order = Ordering.largestFirst(degree);
        if (lowerBound(pattern) == order.length) {
            // a row meets every non-empty column, so all differ: what the greedy pass would give, in
            // O(n) instead of its O(Σ row lengths²), which a dense Jacobian would make O(m·n²)
            for (int k = 0; k < order.length; k++) {
                colour[order[k]] = k;
            }
            return colour;
        }
        for (int j : order) {
            int stamp = j + 1;
            for (int k = colStart[j]; k < colStart[j + 1]; k++) {
                int r = rowOf[k];
                for (int q = rowStart[r]; q < rowStart[r + 1]; q++) {
                    int c = colour[column[q]];
                    if (c >= 0) {
                        forbidden[c] = stamp;
                    }
                }
            }
            int c = 0;
            while (forbidden[c] == stamp) {
                c++;
            }
            colour[j] = c;
        }
        return colour;
    }

    /** {@return the number of colours in {@code colour}: its largest plus one} */
    static int count(int[] colour) {
        int max = -1;
        for (int c : colour) {
            max = Math.max(max, c);
        }
        return max + 1;
    }

    /** {@return the longest row of {@code pattern}: no colouring of its columns needs fewer colours} */
    static int lowerBound(Csr pattern) {
        int max = 0;
        for (int i = 0; i < pattern.rows(); i++) {
            max = Math.max(max, pattern.length(i));
        }
        return max;
    }
}
