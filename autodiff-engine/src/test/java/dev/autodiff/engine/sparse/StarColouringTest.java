package dev.autodiff.engine.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.autodiff.core.SparseMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Star colourings: valid on random graphs (checked by enumerating every path on four vertices),
 * with the colour counts theory gives on structured patterns, and direct recovery that reproduces a
 * random matrix of the pattern exactly.
 */
class StarColouringTest {

    private static int colours(Csr h) {
        int[] colour = StarColouring.colour(h);
        assertNull(Structures.starViolation(h, colour));
        return ColumnColouring.count(colour);
    }

    @Test
    void randomPatternsGetValidStarColouringsAndExactRecovery() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(40);
            Csr h = Structures.random(n, rnd.nextDouble() * 0.3, rnd);
            int[] colour = StarColouring.colour(h);
            assertNull(Structures.starViolation(h, colour), "trial " + trial);
            double[][] m = Structures.randomMatrix(h, rnd);
            // every entry is read alone from one exact product: recovery is exact to the bit
            SparseMatrix got = HessianPlan.of(h).hessian(Structures.times(m));
            for (int i = 0; i < n; i++) {
                assertArrayEquals(m[i], got.toDense()[i], "trial " + trial + ", row " + i);
            }
        }
    }

    @Test
    void tridiagonalNeedsThreeColours() {
        // a path's star chromatic number is 3 from 4 vertices on: two colours would make the path
        // itself a two-coloured path on four vertices
        assertEquals(3, colours(Structures.of(500, (i, j) -> Math.abs(i - j) <= 1)));
        assertEquals(2, colours(Structures.of(3, (i, j) -> Math.abs(i - j) <= 1)));
    }

    @Test
    void bandOfHalfBandwidthBNeedsTwoBPlusOneColours() {
        // upper bound: j mod (2b + 1) is a distance-2 colouring, hence a star colouring, of the band;
        // lower bound: an exhaustive backtracking search finds no star colouring with 2b colours for
        // b = 1, 2, 3 once n ≥ 3b + 3 (the clique bound alone gives only b + 1)
        for (int b = 1; b <= 6; b++) {
            int bw = b;
            assertEquals(2 * b + 1, colours(Structures.of(400, (i, j) -> Math.abs(i - j) <= bw)), "b = " + b);
        }
    }

    @Test
    void arrowheadNeedsTwoColoursWhereverItsHubIs() {
        // a star graph: the hub alone in one colour, every leaf in the other; each hub entry is read
        // from a leaf's row, where the hub is the only neighbour of its colour
        for (int hub : new int[] {0, 250, 499}) {
            assertEquals(2, colours(Structures.of(500, (i, j) -> i == j || i == hub || j == hub)), "hub " + hub);
        }
    }

    @Test
    void aLargeArrowheadIsColouredWithoutScanningItsHubPerLeaf() {
        // 2·10⁵ leaves: scanning the hub's neighbours for each leaf would take 4·10¹⁰ steps
        int n = 200_001;
        int[] start = new int[n + 1];
        int[] cols = new int[3 * n - 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0) {
                for (int j = 0; j < n; j++) {
                    cols[k++] = j;
                }
            } else {
                cols[k++] = 0;
                cols[k++] = i;
            }
            start[i + 1] = k;
        }
        int[] colour = StarColouring.colour(new Csr(n, n, start, cols));
        assertEquals(2, ColumnColouring.count(colour));
        for (int i = 1; i < n; i++) {
            assertEquals(colour[1], colour[i]);
        }
    }

    @Test
    void borderedTridiagonalNeedsFourColours() {
        // the border's index is adjacent to all others, so it has a colour of its own, and the rest
        // is a path, which needs 3
        int n = 500;
        assertEquals(4, colours(Structures.of(n, (i, j) -> Math.abs(i - j) <= 1 || i == n - 1 || j == n - 1)));
    }

    @Test
    void blockDiagonalNeedsTheBlockSize() {
        // each dense block is a clique of k vertices, which needs k colours, and blocks do not interact
        for (int k : new int[] {1, 2, 5, 10}) {
            int size = k;
            assertEquals(k, colours(Structures.of(500, (i, j) -> i / size == j / size)), "block " + k);
        }
    }

    @Test
    void aDiagonalNeedsOneColourAndAnEmptyPatternNone() {
        assertEquals(1, colours(Structures.of(100, (i, j) -> i == j)));
        Csr empty = Structures.of(5, (i, j) -> false);
        int[] colour = StarColouring.colour(empty);
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1}, colour);
        assertEquals(0, ColumnColouring.count(colour));
        assertEquals(0, HessianPlan.of(empty).hessian(s -> {
            throw new AssertionError("no product is needed");
        }).nonZeros());
    }
}
