package dev.autodiff.engine.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern.Compression;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Distance-2 colourings of Jacobian patterns: valid (no two columns of a colour share a row), exact
 * recovery from exact products, the cheaper side chosen, and the Curtis–Powell–Reid count on bands.
 */
class ColumnColouringTest {

    private static Csr random(int m, int n, double density, Random rnd) {
        int[] start = new int[m + 1];
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                if (rnd.nextDouble() < density) {
                    cols.add(j);
                }
            }
            start[i + 1] = cols.size();
        }
        return new Csr(m, n, start, cols.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void assertStructurallyOrthogonal(Csr j, int[] colour) {
        for (int r = 0; r < j.rows(); r++) {
            for (int a = j.rowStart()[r]; a < j.rowStart()[r + 1]; a++) {
                assertTrue(colour[j.column()[a]] >= 0);
                for (int b = a + 1; b < j.rowStart()[r + 1]; b++) {
                    assertTrue(colour[j.column()[a]] != colour[j.column()[b]],
                            "columns " + j.column()[a] + " and " + j.column()[b] + " share row " + r + " and a colour");
                }
            }
        }
    }

    @Test
    void randomPatternsAreColouredValidlyAndRecoveredExactly() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            int m = 1 + rnd.nextInt(30);
            int n = 1 + rnd.nextInt(30);
            Csr j = random(m, n, rnd.nextDouble() * 0.4, rnd);
            assertStructurallyOrthogonal(j, ColumnColouring.colour(j, j.transpose()));
            assertStructurallyOrthogonal(j.transpose(), ColumnColouring.colour(j.transpose(), j));
            double[][] a = new double[m][n];
            for (int r = 0; r < m; r++) {
                for (int k = j.rowStart()[r]; k < j.rowStart()[r + 1]; k++) {
                    a[r][j.column()[k]] = 1 + rnd.nextDouble();
                }
            }
            for (boolean rowsAllowed : new boolean[] {false, true}) {
                JacobianPlan plan = JacobianPlan.of(j, rowsAllowed);
                SparseMatrix got = plan.jacobian(times(a), transposeTimes(a));
                for (int r = 0; r < m; r++) {
                    assertArrayEquals(a[r], got.toDense()[r], "trial " + trial + ", row " + r);
                }
                int columns = ColumnColouring.count(ColumnColouring.colour(j, j.transpose()));
                int rows = ColumnColouring.count(ColumnColouring.colour(j.transpose(), j));
                int expected = rowsAllowed ? Math.min(rows, columns) : columns;
                assertEquals(expected, plan.pattern().colours(), "trial " + trial);
                assertEquals(rowsAllowed && rows < columns ? Compression.ROWS : Compression.COLUMNS,
                        plan.pattern().compression(), "trial " + trial);
            }
        }
    }

    @Test
    void aBandOfHalfBandwidthBNeedsTwoBPlusOneColumnColours() {
        // a row of the band holds 2b + 1 columns, which must all differ, and j mod (2b + 1) suffices
        for (int b = 0; b <= 5; b++) {
            int bw = b;
            Csr j = Structures.of(1000, (r, c) -> Math.abs(r - c) <= bw);
            assertEquals(2 * b + 1, ColumnColouring.count(ColumnColouring.colour(j, j.transpose())), "b = " + b);
        }
    }

    private static SeedProducts times(double[][] a) {
        return SeedProducts.each(s -> {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                for (int k = 0; k < s.length; k++) {
                    r[i] += a[i][k] * s[k];
                }
            }
            return r;
        });
    }

    private static SeedProducts transposeTimes(double[][] a) {
        return SeedProducts.each(s -> {
            double[] r = new double[a.length == 0 ? 0 : a[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int k = 0; k < r.length; k++) {
                    r[k] += s[i] * a[i][k];
                }
            }
            return r;
        });
    }
}
