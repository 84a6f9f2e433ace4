package dev.autodiff.engine.sparse;

import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import java.util.Arrays;

/**
 * How a compiled function computes its sparse Hessian: the pattern read off its program
 * ({@link Patterns#hessian}), a {@linkplain StarColouring star colouring} of it, and for every
 * stored entry the Hessian-vector product and element it is read from (direct recovery,
 * Gebremedhin, Manne and Pothen, SIAM Review 2005, §4.3). Built once per compiled function, then
 * immutable and safe to share between threads; each {@link #hessian} call costs
 * {@code pattern().colours()} products and memory for the entries, never n × n.
 */
public final class HessianPlan {
    private final SparsityPattern pattern;
    private final Recovery recovery;

    private HessianPlan(SparsityPattern pattern, Recovery recovery) {
        this.pattern = pattern;
        this.recovery = recovery;
    }

    /** {@return the plan for the Hessian of output 0 of {@code graph}} */
    public static HessianPlan of(ProgramGraph graph) {
        return of(Patterns.hessian(graph));
    }

    /** {@return the plan for a symmetric pattern {@code h}} */
    static HessianPlan of(Csr h) {
        int[] colour = StarColouring.colour(h);
        int colours = ColumnColouring.count(colour);
        int nnz = h.nonZeros();
        int[] entryColour = new int[nnz];
        int[] entryElement = new int[nnz];
        boolean[] unique = uniqueNeighbours(h, colour, colours);
        int[] start = h.rowStart();
        int[] column = h.column();
        for (int i = 0; i < h.rows(); i++) {
            for (int k = start[i]; k < start[i + 1]; k++) {
                int j = column[k];
                if (j == i) {
                    entryColour[k] = colour[i];
                    entryElement[k] = i;
                } else if (j > i) {
                    // both triangles from the same product, so the result is exactly symmetric
                    int mirror = Arrays.binarySearch(column, start[j], start[j + 1], i);
                    int c;
                    int e;
                    if (unique[k]) {
                        c = colour[j];
                        e = i;
                    } else if (unique[mirror]) {
                        c = colour[i];
                        e = j;
                    } else {
                        throw new IllegalStateException("not a star colouring: entry (" + i + ", " + j
                                + ") is shared in both of its products");
                    }
                    entryColour[k] = entryColour[mirror] = c;
                    entryElement[k] = entryElement[mirror] = e;
                }
            }
        }
        SparsityPattern pattern = SparsityPattern.ofCsr(h.rows(), h.columns(), start, column,
                SparsityPattern.Compression.STAR, colour);
        return new HessianPlan(pattern, new Recovery(colours, colour, entryColour, entryElement));
    }

    /**
     * {@return for each entry (i, j), whether j is i's only neighbour of j's colour}: then
     * {@code (H·s_colour(j))_i} is that entry alone
     */
    private static boolean[] uniqueNeighbours(Csr h, int[] colour, int colours) {
        int[] start = h.rowStart();
        int[] column = h.column();
        boolean[] unique = new boolean[h.nonZeros()];
        int[] stamp = new int[colours];
        int[] count = new int[colours];
        for (int i = 0; i < h.rows(); i++) {
            for (int k = start[i]; k < start[i + 1]; k++) {
                int c = colour[column[k]];
                if (stamp[c] != i + 1) {
                    stamp[c] = i + 1;
                    count[c] = 0;
                }
                count[c]++;
            }
            for (int k = start[i]; k < start[i + 1]; k++) {
                unique[k] = count[colour[column[k]]] == 1;
            }
        }
        return unique;
    }

    /** {@return the pattern, its star colouring and compression} */
    public SparsityPattern pattern() {
        return pattern;
    }

    /**
     * {@return the sparse Hessian from one Hessian-vector product per colour}
     *
     * @param hessianTimes computes {@code H(point)·s} for each seed s, at the point of this call
     */
    public SparseMatrix hessian(SeedProducts hessianTimes) {
        double[] values = recovery.values(hessianTimes);
        return SparseMatrix.of(pattern, values);
    }
}
