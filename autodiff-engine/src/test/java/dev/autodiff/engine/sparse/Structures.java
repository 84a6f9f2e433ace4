package dev.autodiff.engine.sparse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Symmetric patterns built from a rule, and a brute-force check that a colouring is a star colouring. */
final class Structures {
    private Structures() {}

    /** Whether (i, j) is stored. */
    interface Rule {
        boolean stored(int i, int j);
    }

    /** {@return the n × n pattern of the entries {@code rule} stores} */
    static Csr of(int n, Rule rule) {
        int[] start = new int[n + 1];
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (rule.stored(i, j)) {
                    cols.add(j);
                }
            }
            start[i + 1] = cols.size();
        }
        return new Csr(n, n, start, cols.stream().mapToInt(Integer::intValue).toArray());
    }

    /** {@return a random symmetric pattern with the diagonal and about {@code density·n²} off-diagonal entries} */
    static Csr random(int n, double density, Random rnd) {
        boolean[][] a = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = true;
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i] = rnd.nextDouble() < density;
            }
        }
        return of(n, (i, j) -> a[i][j]);
    }

    /**
     * {@return null when {@code colour} is a star colouring of the adjacency graph of {@code h}
     * (adjacent vertices differ, every path on four vertices has three colours), else the first
     * violation}; enumerates every path, so for small graphs only
     */
    static String starViolation(Csr h, int[] colour) {
        int n = h.rows();
        for (int v = 0; v < n; v++) {
            if (h.length(v) > 0 && colour[v] < 0) {
                return "vertex " + v + " has entries but no colour";
            }
            for (int w : neighbours(h, v)) {
                if (colour[v] == colour[w]) {
                    return "adjacent " + v + " and " + w + " share colour " + colour[v];
                }
                for (int x : neighbours(h, w)) {
                    if (x == v) {
                        continue;
                    }
                    for (int y : neighbours(h, x)) {
                        if (y != v && y != w && colour[v] == colour[x] && colour[w] == colour[y]) {
                            return "path " + v + "-" + w + "-" + x + "-" + y + " has two colours";
                        }
                    }
                }
            }
        }
        return null;
    }

    static int[] neighbours(Csr h, int v) {
        List<Integer> out = new ArrayList<>();
        for (int k = h.rowStart()[v]; k < h.rowStart()[v + 1]; k++) {
            if (h.column()[k] != v) {
                out.add(h.column()[k]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@return a random symmetric matrix with exactly the pattern {@code h}, entries in [1, 2] with random sign} */
    static double[][] randomMatrix(Csr h, Random rnd) {
        int n = h.rows();
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = h.rowStart()[i]; k < h.rowStart()[i + 1]; k++) {
                int j = h.column()[k];
                if (j <= i) {
                    double x = (1 + rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
                    m[i][j] = x;
                    m[j][i] = x;
                }
            }
        }
        return m;
    }

    /** {@return {@code m·s} for each seed: the exact products a plan asks for} */
    static SeedProducts times(double[][] m) {
        return SeedProducts.each(s -> {
            double[] r = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < s.length; j++) {
                    r[i] += m[i][j] * s[j];
                }
            }
            return r;
        });
    }
}
