package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.SparsityPattern.Compression;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SparseMatrix} and {@link SparsityPattern}: validation with messages, the dense forms, and
 * the default sparse methods of {@link Differentiable} and {@link VectorDifferentiable} for
 * implementations that know no structure.
 */
class SparseTypesTest {

    @Test
    void csrArraysAreCheckedWithMessagesSayingWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsr(2, 2, new int[] {0, 1}, new int[] {0}, new double[] {1}));
        assertTrue(e.getMessage().contains("3 row offsets"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsr(1, 2, new int[] {0, 2}, new int[] {1, 0}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("increasing columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsr(1, 2, new int[] {0, 2}, new int[] {0, 1}, new double[] {1}));
        assertTrue(e.getMessage().contains("2 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparsityPattern.ofCsr(1, 2, new int[] {0, 1}, new int[] {0}, Compression.STAR, new int[] {0, 0}));
        assertTrue(e.getMessage().contains("square"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparsityPattern.ofCsr(2, 3, new int[] {0, 1, 1}, new int[] {0}, Compression.ROWS, new int[] {0, 0, 0}));
        assertTrue(e.getMessage().contains("2 colours (one per row)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparsityPattern.ofCsr(1, 1, new int[] {0, 1}, new int[] {0}, Compression.COLUMNS, new int[] {-2}));
        assertTrue(e.getMessage().contains("-2"), e.getMessage());
    }

    @Test
    void aPatternKnowsItsEntriesColoursAndCompression() {
        // a 3 × 3 tridiagonal pattern coloured 0, 1, 2
        int[] start = {0, 2, 5, 7};
        int[] cols = {0, 1, 0, 1, 2, 1, 2};
        SparsityPattern p = SparsityPattern.ofCsr(3, 3, start, cols, Compression.STAR, new int[] {0, 1, 2});
        assertEquals(7, p.nonZeros());
        assertEquals(3, p.colours());
        assertTrue(p.isStored(1, 2));
        assertFalse(p.isStored(0, 2));
        assertEquals(2, p.colourOf(2));
        assertEquals(1, p.columnAt(p.rowStart(1) + 1));
        assertEquals("SparsityPattern(3 × 3, 7 stored, 3 colours, STAR)", p.toString());
        start[1] = 99; // the pattern copied its arrays
        assertTrue(p.isStored(0, 1));
        assertEquals(p, SparsityPattern.ofCsr(3, 3, new int[] {0, 2, 5, 7}, cols, Compression.STAR, new int[] {0, 1, 2}));
        assertNotEquals(p, SparsityPattern.ofCsr(3, 3, new int[] {0, 2, 5, 7}, cols, Compression.COLUMNS, new int[] {0, 1, 2}));
        assertArrayEquals(new double[] {1, 1, 0}, p.toMatrix().toDense()[0]);
    }

    @Test
    void aMatrixOfAPatternHasItsEntriesAndCopiesTheValues() {
        SparsityPattern p = SparsityPattern.ofCsr(2, 3, new int[] {0, 2, 3}, new int[] {0, 2, 1}, Compression.COLUMNS,
                new int[] {0, 0, 1});
        double[] values = {1, 2, 3};
        SparseMatrix m = SparseMatrix.of(p, values);
        values[0] = 99;
        assertArrayEquals(new double[] {1, 0, 2}, m.toDense()[0]);
        assertArrayEquals(new double[] {0, 3, 0}, m.toDense()[1]);
        assertEquals(SparseMatrix.ofCsr(2, 3, new int[] {0, 2, 3}, new int[] {0, 2, 1}, new double[] {1, 2, 3}), m);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparseMatrix.of(p, new double[2]));
        assertTrue(e.getMessage().contains("3 values"), e.getMessage());
    }

    @Test
    void denseFormsStoreEveryEntryAndGiveEachIndexItsOwnColour() {
        SparsityPattern p = SparsityPattern.dense(2, 3, Compression.ROWS);
        assertEquals(6, p.nonZeros());
        assertEquals(2, p.colours());
        assertEquals(1, p.colourOf(1));
        assertEquals(0, SparsityPattern.dense(0, 4, Compression.COLUMNS).colours());
        assertEquals(-1, SparsityPattern.dense(0, 4, Compression.COLUMNS).colourOf(3));
        double[][] d = {{1, 0}, {0, 2}};
        SparseMatrix m = SparseMatrix.ofDense(d);
        assertEquals(4, m.nonZeros(), "zeros are stored too");
        assertTrue(m.isStored(0, 1));
        assertArrayEquals(d[1], m.toDense()[1]);
        assertThrows(IllegalArgumentException.class, () -> SparseMatrix.ofDense(new double[][] {{1, 2}, {3}}));
    }

    /** f(x, y) = x²·y with hand-written derivatives: an implementation outside the engine. */
    private static final class Hand implements Differentiable {
        @Override
        public List<Variable> variables() {
            return List.of(Expr.variable("x"), Expr.variable("y"));
        }

        @Override
        public double value(double... p) {
            return p[0] * p[0] * p[1];
        }

        @Override
        public double[] gradient(double... p) {
            return new double[] {2 * p[0] * p[1], p[0] * p[0]};
        }

        @Override
        public double directional(double[] p, double[] v) {
            double[] g = gradient(p);
            return g[0] * v[0] + g[1] * v[1];
        }

        @Override
        public double[][] hessian(double... p) {
            return new double[][] {{2 * p[1], 2 * p[0]}, {2 * p[0], 0}};
        }

        @Override
        public double[] hessianVector(double[] p, double[] v) {
            double[][] h = hessian(p);
            return new double[] {h[0][0] * v[0] + h[0][1] * v[1], h[1][0] * v[0] + h[1][1] * v[1]};
        }
    }

    @Test
    void defaultSparseMethodsGoThroughTheDenseOnes() {
        Differentiable f = new Hand();
        assertEquals(SparsityPattern.dense(2, 2, Compression.STAR), f.hessianSparsity());
        SparseMatrix h = f.sparseHessian(3, 5);
        assertEquals(4, h.nonZeros());
        assertArrayEquals(new double[] {10, 6}, h.toDense()[0]);
        assertArrayEquals(new double[] {6, 0}, h.toDense()[1]);
        VectorDifferentiable m = new VectorDifferentiable() {
            @Override
            public List<Variable> variables() {
                return f.variables();
            }

            @Override
            public int outputCount() {
                return 1;
            }

            @Override
            public double[] value(double... p) {
                return new double[] {f.value(p)};
            }

            @Override
            public double[][] jacobian(double... p) {
                return new double[][] {f.gradient(p)};
            }

            @Override
            public double[] jvp(double[] p, double[] v) {
                return new double[] {f.directional(p, v)};
            }

            @Override
            public double[] vjp(double[] p, double[] w) {
                double[] g = f.gradient(p);
                return new double[] {w[0] * g[0], w[0] * g[1]};
            }
        };
        assertEquals(SparsityPattern.dense(1, 2, Compression.COLUMNS), m.jacobianSparsity());
        assertArrayEquals(new double[] {30, 9}, m.sparseJacobian(3, 5).toDense()[0]);
    }
}
