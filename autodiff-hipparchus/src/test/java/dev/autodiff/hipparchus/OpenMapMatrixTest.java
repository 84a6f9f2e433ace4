package dev.autodiff.hipparchus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.OpenMapRealMatrix;
import org.junit.jupiter.api.Test;

/** {@link HipparchusAdapters#openMapMatrix}: every entry, the shape, and products against the dense matrix. */
class OpenMapMatrixTest {

    private static SparseMatrix random(int rows, int columns, double density, Random random) {
        int[] rowStart = new int[rows + 1];
        List<Integer> cols = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                if (random.nextDouble() < density) {
                    cols.add(j);
                    // a stored entry may be 0 at a point: one in ten here
                    vals.add(random.nextInt(10) == 0 ? 0.0 : random.nextGaussian());
                }
            }
            rowStart[i + 1] = cols.size();
        }
        return SparseMatrix.ofCsr(rows, columns, rowStart, cols.stream().mapToInt(Integer::intValue).toArray(),
                vals.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void everyEntryAndTheShapeAreTheSparseMatrixs() {
        Random random = new Random(31);
        for (int[] shape : new int[][] {{1, 1}, {3, 7}, {7, 3}, {20, 20}, {1, 50}}) {
            SparseMatrix s = random(shape[0], shape[1], 0.3, random);
            OpenMapRealMatrix m = HipparchusAdapters.openMapMatrix(s);
            assertEquals(s.rows(), m.getRowDimension());
            assertEquals(s.columns(), m.getColumnDimension());
            double[][] dense = s.toDense();
            for (int i = 0; i < s.rows(); i++) {
                assertArrayEquals(dense[i], m.getRow(i), 0.0, "row " + i);
            }
            double[] v = new double[s.columns()];
            for (int j = 0; j < v.length; j++) {
                v[j] = random.nextGaussian();
            }
            // the same products in the same order: equal to the bit
            assertArrayEquals(MatrixUtils.createRealMatrix(dense).operate(v), m.operate(v), 0.0);
        }
    }

    @Test
    void emptyMatrixIsAllZeros() {
        SparseMatrix s = SparseMatrix.ofCsr(2, 3, new int[3], new int[0], new double[0]);
        OpenMapRealMatrix m = HipparchusAdapters.openMapMatrix(s);
        assertArrayEquals(new double[3], m.getRow(0), 0.0);
        assertArrayEquals(new double[3], m.getRow(1), 0.0);
    }

    @Test
    void shapesHipparchusCannotHoldAndNullThrowWithMessages() {
        IllegalArgumentException noRows = assertThrows(IllegalArgumentException.class,
                () -> HipparchusAdapters.openMapMatrix(SparseMatrix.ofCsr(0, 3, new int[1], new int[0], new double[0])));
        assertTrue(noRows.getMessage().contains("at least one row and one column") && noRows.getMessage().contains("0 × 3"),
                noRows.getMessage());
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
                () -> HipparchusAdapters.openMapMatrix(
                        SparseMatrix.ofCsr(50_000, 50_000, new int[50_001], new int[0], new double[0])));
        assertTrue(tooLarge.getMessage().contains("50000 × 50000"), tooLarge.getMessage());
        NullPointerException none = assertThrows(NullPointerException.class, () -> HipparchusAdapters.openMapMatrix(null));
        assertTrue(none.getMessage().contains("SparseMatrix"), none.getMessage());
    }
}
