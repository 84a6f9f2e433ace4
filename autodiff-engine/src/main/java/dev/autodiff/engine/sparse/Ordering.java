package dev.autodiff.engine.sparse;

/**
 * The order in which the colourings visit vertices: largest first (Welsh and Powell), by a
 * counting sort on the degree, ties in index order; vertices of degree -1 (no stored entry) are left
 * out.
 *
 * <p>Why largest first: a vertex of high degree coloured early, when few neighbours constrain it,
 * takes a colour of its own, and its many low-degree neighbours can then share colours; coloured
 * late it would forbid them nothing but would itself need a fresh colour on top of theirs. It puts
 * the hub of an arrowhead first (2 colours), and keeps a band's interior in index order, where
 * greedy colouring gives the optimal {@code 2b + 1}. Smallest last (Matula and Beck) often saves a
 * colour or two on irregular graphs but needs a bucket queue updated as vertices are removed;
 * largest first is one linear pass and reaches the theoretical counts on the structured patterns
 * that matter here (tested).
 */
final class Ordering {
    private Ordering() {}

    /** {@return the vertices with {@code degree[v] ≥ 0}, by decreasing degree, ties by index} */
    static int[] largestFirst(int[] degree) {
        int max = -1;
        int count = 0;
        for (int d : degree) {
            max = Math.max(max, d);
            if (d >= 0) {
                count++;
            }
        }
        int[] start = new int[max + 2];
        for (int d : degree) {
            if (d >= 0) {
                start[max - d + 1]++;
            }
        }
        for (int b = 0; b <= max; b++) {
            start[b + 1] += start[b];
        }
        int[] order = new int[count];
        for (int v = 0; v < degree.length; v++) {
            if (degree[v] >= 0) {
                order[start[max - degree[v]]++] = v;
            }
        }
        return order;
    }
}
