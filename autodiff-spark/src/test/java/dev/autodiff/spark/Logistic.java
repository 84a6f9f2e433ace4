package dev.autodiff.spark;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A logistic-regression record function and random records for it, as arrays and as a Dataset. */
final class Logistic {
    static final List<Variable> W = Expr.variables("w", 3);
    static final Variable X1 = Expr.variable("x1");
    static final Variable X2 = Expr.variable("x2");
    static final Variable Y = Expr.variable("y");
    static final List<Variable> DATA = List.of(X1, X2, Y);
    /** The negative log-likelihood of one record: softplus(z) − y·z, z = w₀x₁ + w₁x₂ + w₂. */
    static final Expr NLL;

    static {
        Expr z = W.get(0).times(X1).plus(W.get(1).times(X2)).plus(W.get(2));
        NLL = z.softplus().minus(Y.times(z));
    }

    static final StructType SCHEMA = new StructType()
            .add("x1", DataTypes.DoubleType)
            .add("x2", DataTypes.DoubleType)
            .add("y", DataTypes.DoubleType);

    private Logistic() {}

    /** {@return n records (x1, x2, y) with y drawn from the model with weights (1.5, −2, 0.5)} */
    static double[][] records(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int r = 0; r < n; r++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            double p = 1 / (1 + Math.exp(-(1.5 * x1 - 2 * x2 + 0.5)));
            rows[r] = new double[] {x1, x2, random.nextDouble() < p ? 1 : 0};
        }
        return rows;
    }

    /** {@return {@code rows} as a Dataset with the columns x1, x2, y in {@code partitions} contiguous slices} */
    static Dataset<Row> dataset(double[][] rows, int partitions) {
        List<Row> list = new ArrayList<>(rows.length);
        for (double[] r : rows) {
            list.add(RowFactory.create(r[0], r[1], r[2]));
        }
        return LocalSpark.session().createDataFrame(LocalSpark.context().parallelize(list, partitions), SCHEMA);
    }
}
