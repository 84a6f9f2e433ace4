package dev.autodiff.engine.sparse;

import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern.Compression;
import dev.autodiff.core.SparsityPattern;

/**
 * How a compiled vector function computes its sparse Jacobian: the pattern read off its program
 * ({@link Patterns#jacobian}), a distance-2 colouring of its columns (one Jacobian-vector product per
 * colour) or of its rows (one vector-Jacobian product per colour), whichever needs fewer colours,
 * columns on a tie, and the entry each product element gives. Built once per compiled function, then
 * immutable and safe to share between threads.
 *
 * <p>A colouring of the columns needs at least as many colours as the longest row has entries, and
 * of the rows as the longest column: the one with the lower bound is computed first, and the other
 * only if its bound leaves it a chance of fewer colours: a pattern with a dense row (one output of
 * every input) never colours its columns, which would need n colours.
 */
public final class JacobianPlan {
    private final SparsityPattern pattern;
    private final Recovery recovery;

    private JacobianPlan(SparsityPattern pattern, Recovery recovery) {
        this.pattern = pattern;
        this.recovery = recovery;
    }

    /**
     * {@return the plan for the Jacobian of the outputs of {@code graph}}
     *
     * @param rowsAllowed whether a vector-Jacobian product costs about what a Jacobian-vector
     *     product does (reverse mode: one backward sweep); forward mode, where it costs a pass per
     *     chunk of inputs, passes false and always compresses columns
     */
    public static JacobianPlan of(ProgramGraph graph, boolean rowsAllowed) {
        return of(Patterns.jacobian(graph), rowsAllowed);
    }

    /** {@return the plan for the pattern {@code j}}; see {@link #of(ProgramGraph, boolean)} */
    static JacobianPlan of(Csr j, boolean rowsAllowed) {
        Csr jt = j.transpose();
        int[] byColumns = null;
        int[] byRows = null;
        int columnBound = ColumnColouring.lowerBound(j);
        int rowBound = ColumnColouring.lowerBound(jt);
        if (!rowsAllowed || columnBound <= rowBound) {
            byColumns = ColumnColouring.colour(j, jt);
            if (rowsAllowed && rowBound < ColumnColouring.count(byColumns)) {
                byRows = ColumnColouring.colour(jt, j);
            }
        } else {
            byRows = ColumnColouring.colour(jt, j);
            if (columnBound <= ColumnColouring.count(byRows)) {
                byColumns = ColumnColouring.colour(j, jt);
            }
        }
        boolean rows = byColumns == null
                || (byRows != null && ColumnColouring.count(byRows) < ColumnColouring.count(byColumns));
        int[] colour = rows ? byRows : byColumns;
        int colours = ColumnColouring.count(colour);
        int[] start = j.rowStart();
        int[] column = j.column();
        int[] entryColour = new int[j.nonZeros()];
        int[] entryElement = new int[j.nonZeros()];
        for (int r = 0; r < j.rows(); r++) {
            for (int k = start[r]; k < start[r + 1]; k++) {
                entryColour[k] = rows ? colour[r] : colour[column[k]];
                entryElement[k] = rows ? column[k] : r;
            }
        }
        SparsityPattern pattern = SparsityPattern.ofCsr(j.rows(), j.columns(), start, column,
                rows ? Compression.ROWS : Compression.COLUMNS, colour);
        return new JacobianPlan(pattern, new Recovery(colours, colour, entryColour, entryElement));
    }

    /** {@return the pattern, its colouring and compression} */
    public SparsityPattern pattern() {
        return pattern;
    }

    /**
     * {@return the sparse Jacobian from one product per colour}
     *
     * @param jvps computes {@code J(point)·s} for each seed s (m values each), used with
     *     {@link Compression#COLUMNS}
     * @param vjps computes {@code sᵀ·J(point)} for each seed s (n values each), used with
     *     {@link Compression#ROWS}
     */
    public SparseMatrix jacobian(SeedProducts jvps, SeedProducts vjps) {
        double[] values = recovery.values(pattern.compression() == Compression.ROWS ? vjps : jvps);
        return SparseMatrix.of(pattern, values);
    }
}
