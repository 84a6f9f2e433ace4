package dev.autodiff.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** How parameters find their columns: by exact name, of any numeric type; and the errors when they cannot. */
class ColumnsTest {
    private static final Variable W = Expr.variable("w");
    private static final Variable B = Expr.variable("b");
    private static final Variable A = Expr.variable("a");
    private static final Variable C = Expr.variable("c.d[0]");
    // every parameter, with its own weight: the gradient tells which column was read
    private static final Expr E = W.times(A).plus(B.times(C)).plus(W.times(B).times(A.times(C)));
    private static final RecordFunction F = RecordFunction.reverse(E, List.of(W, B), List.of(A, C));
    private static final double[] THETA = {0.5, -2};

    private static Dataset<Row> dataset(StructType schema, List<Row> rows) {
        return LocalSpark.session().createDataFrame(rows, schema);
    }

    @Test
    void everyNumericTypeIsReadAsDouble() {
        double[][] records = {{3, 7}, {-2, 5}, {1, 0}};
        Differentiable expected = F.sumOver(records);
        StructType[] schemas = {
            new StructType().add("a", DataTypes.ByteType).add("c.d[0]", DataTypes.ShortType),
            new StructType().add("a", DataTypes.IntegerType).add("c.d[0]", DataTypes.LongType),
            new StructType().add("a", DataTypes.FloatType).add("c.d[0]", DataTypes.createDecimalType(10, 2)),
        };
        for (StructType schema : schemas) {
            List<Row> rows = new ArrayList<>();
            for (double[] r : records) {
                rows.add(RowFactory.create(value(schema, 0, r[0]), value(schema, 1, r[1])));
            }
            // an extra column in front, not read, and the columns in another order than the parameters
            SparkSum f = SparkSum.of(F, dataset(schema, rows));
            assertArrayEquals(expected.gradient(THETA), f.gradient(THETA), 0.0, schema.simpleString());
        }
    }

    private static Object value(StructType schema, int column, double v) {
        return switch (schema.fields()[column].dataType().typeName()) {
            case "byte" -> (byte) v;
            case "short" -> (short) v;
            case "integer" -> (int) v;
            case "long" -> (long) v;
            case "float" -> (float) v;
            default -> new BigDecimal(v).setScale(2);
        };
    }

    @Test
    void otherColumnsAndTheirOrderDoNotMatter() {
        double[][] records = {{3, 7}, {-2, 5}};
        StructType schema = new StructType().add("label", DataTypes.StringType).add("c.d[0]", DataTypes.DoubleType)
                .add("a", DataTypes.DoubleType);
        List<Row> rows = List.of(RowFactory.create("p", 7.0, 3.0), RowFactory.create("q", 5.0, -2.0));
        assertArrayEquals(F.sumOver(records).gradient(THETA), SparkSum.of(F, dataset(schema, rows)).gradient(THETA), 0.0);
    }

    @Test
    void missingColumnsAreNamedAllAtOnce() {
        StructType schema = new StructType().add("A", DataTypes.DoubleType).add("z", DataTypes.DoubleType);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSum.of(F, dataset(schema, List.of())));
        assertEquals("the Dataset has no column for the parameters a (there is a column A; names are matched exactly), "
                + "c.d[0]; expected one numeric column named after each parameter, got the columns A, z", e.getMessage());
    }

    @Test
    void nonNumericColumnsAreRefused() {
        StructType schema = new StructType().add("a", DataTypes.StringType).add("c.d[0]", DataTypes.DoubleType);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSum.of(F, dataset(schema, List.of())));
        assertEquals("column a is of type string; expected a numeric type (byte, short, int, long, float, double or "
                + "decimal) for the parameter of that name", e.getMessage());
    }

    @Test
    void aNullInARecordFailsTheCallNamingItsColumn() {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("c.d[0]", DataTypes.DoubleType);
        List<Row> rows = List.of(RowFactory.create(1.0, 2.0), RowFactory.create(3.0, null));
        SparkSum f = SparkSum.of(F, dataset(schema, rows));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.value(THETA));
        assertTrue(e.getMessage().startsWith("column c.d[0] is null in a record"), e.getMessage());
    }

    @Test
    void pointsAndDirectionsOfTheWrongLengthAreRefusedBeforeAnyJob() {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("c.d[0]", DataTypes.DoubleType);
        SparkSum f = SparkSum.of(F, dataset(schema, List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.value(1.0));
        assertEquals("expected a point of 2 values [w, b], got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.hessianVector(THETA, new double[3]));
        assertEquals("expected a direction of 2 values [w, b], got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.valueAndGradient(THETA, new double[1]));
        assertEquals("expected a gradient array of 2 values [w, b], got 1", e.getMessage());
        assertThrows(NullPointerException.class, () -> f.gradient((double[]) null));
        assertThrows(IllegalArgumentException.class, () -> f.withChunkRows(0));
        assertThrows(IllegalArgumentException.class, () -> f.withDepth(0));
    }

    @Test
    void nanInTheDataPropagates() {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("c.d[0]", DataTypes.DoubleType);
        SparkSum f = SparkSum.of(F, dataset(schema, List.of(RowFactory.create(1.0, 2.0),
                RowFactory.create(Double.NaN, 1.0))));
        assertTrue(Double.isNaN(f.value(THETA)));
    }
}
