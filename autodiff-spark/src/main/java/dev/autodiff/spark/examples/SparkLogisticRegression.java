package dev.autodiff.spark.examples;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.spark.RecordFunction;
import dev.autodiff.spark.SparkSum;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Logistic regression on synthetic records in a Spark DataFrame, fitted by L-BFGS on our exact
 * gradients: the negative log-likelihood is a {@link RecordFunction} of five weights over the
 * columns x0 … x3 and y, summed over the DataFrame by a {@link SparkSum}. The same fit on one
 * machine, with {@code sumOver} of the same records, gives the same weights to rounding.
 *
 * <pre>
 * java -cp "autodiff-spark-shaded.jar:$SPARK_HOME/jars/*" dev.autodiff.spark.examples.SparkLogisticRegression [records] [partitions]
 * spark-submit --class dev.autodiff.spark.examples.SparkLogisticRegression autodiff-spark-shaded.jar 1000000000 2000
 * </pre>
 *
 * Without a master from spark-submit it runs on {@code local[2]}. Records default to 10⁶; the
 * one-machine comparison runs up to 2·10⁷ records.
 */
public final class SparkLogisticRegression {
    /** The number of features per record. */
    public static final int FEATURES = 4;
    /** The weights the records are drawn from: four features, then the intercept. */
    public static final double[] TRUE_WEIGHTS = {1.5, -2.0, 0.75, 0.25, 0.5};
    private static final int LARGEST_ONE_MACHINE_FIT = 20_000_000;

    private SparkLogisticRegression() {}

    /** {@return the weights w[0] … w[3] of the features and w[4], the intercept} */
    public static List<Variable> weights() {
        return Expr.variables("w", FEATURES + 1);
    }

    /** {@return the record's columns as parameters: x0 … x3, then the label y} */
    public static List<Variable> columns() {
        List<Variable> columns = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            columns.add(Expr.variable("x" + j));
        }
        columns.add(Expr.variable("y"));
        return columns;
    }

    /** {@return the negative log-likelihood of one record, softplus(z) − y·z with z = w·x + w[4]} */
    public static RecordFunction negativeLogLikelihood() {
        List<Variable> w = weights();
        List<Variable> c = columns();
        Expr z = w.get(FEATURES);
        for (int j = 0; j < FEATURES; j++) {
            z = w.get(j).times(c.get(j)).plus(z);
        }
        return RecordFunction.reverse(z.softplus().minus(c.get(FEATURES).times(z)), w, c);
    }

    /**
     * {@return record {@code index} of the synthetic data: Gaussian features, a label drawn from the
     * model with {@link #TRUE_WEIGHTS}}, a function of the index and the seed alone so that every
     * executor and the one-machine fit make the same records
     *
     * @param index the record's number
     * @param seed the data set's seed
     */
    public static double[] record(long index, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ (index * 0x9E37_79B9_7F4A_7C15L));
        double[] r = new double[FEATURES + 1];
        double z = TRUE_WEIGHTS[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            r[j] = random.nextGaussian();
            z += TRUE_WEIGHTS[j] * r[j];
        }
        r[FEATURES] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        return r;
    }

    /**
     * {@return records 0 … n−1 as rows of one array, for the one-machine fit}
     *
     * @param n the number of records
     * @param seed the data set's seed
     */
    public static double[][] records(int n, long seed) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = record(i, seed);
        }
        return rows;
    }

    /**
     * {@return records 0 … n−1 as a DataFrame with the columns x0 … x3 and y, made on the executors
     * in {@code partitions} contiguous ranges}
     *
     * @param spark the session
     * @param n the number of records
     * @param partitions the number of partitions
     * @param seed the data set's seed
     */
    public static Dataset<Row> dataFrame(SparkSession spark, long n, int partitions, long seed) {
        StructType schema = new StructType();
        for (Variable c : columns()) {
            schema = schema.add(c.name(), DataTypes.DoubleType, false);
        }
        JavaRDD<Row> rows = spark.range(0, n, 1, partitions).javaRDD().map(i -> {
            double[] r = record(i, seed);
            Object[] values = new Object[r.length];
            for (int j = 0; j < r.length; j++) {
                values[j] = r[j];
            }
            return RowFactory.create(values);
        });
        return spark.createDataFrame(rows, schema);
    }

    /**
     * {@return the maximum-likelihood weights of {@code objective}, by L-BFGS from zero}
     *
     * @param objective the negative log-likelihood of all records
     */
    public static Lbfgs.Minimum fit(Differentiable objective) {
        return Lbfgs.minimize(objective, new double[FEATURES + 1], 200, 10, 1e-10);
    }

    /**
     * Fits 10⁶ records (or {@code args[0]}) in {@code args[1]} partitions on Spark, then on one
     * machine, and prints both fits, their times and their largest relative difference.
     *
     * @param args optionally the number of records and of partitions
     */
    public static void main(String[] args) {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        SparkConf conf = new SparkConf().setAppName("autodiff logistic regression");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[2]").set("spark.ui.enabled", "false");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2 * spark.sparkContext().defaultParallelism();
        long seed = 2024;
        RecordFunction nll = negativeLogLikelihood();
        System.out.printf(Locale.ROOT, "%,d records in %d partitions on %s%n", n, partitions, spark.sparkContext().master());
        try (SparkSum objective = SparkSum.of(nll, dataFrame(spark, n, partitions, seed)).persist()) {
            long t0 = System.nanoTime();
            objective.value(new double[FEATURES + 1]);          // reads the records into executor memory
            long t1 = System.nanoTime();
            Lbfgs.Minimum onSpark = fit(objective);
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "records generated and cached in %.1f s%n", (t1 - t0) / 1e9);
            print("Spark", onSpark, (t2 - t1) / 1e9);
            if (n <= LARGEST_ONE_MACHINE_FIT) {
                double[][] rows = records((int) n, seed);
                long t3 = System.nanoTime();
                Lbfgs.Minimum oneMachine = fit(nll.sumOver(rows));
                long t4 = System.nanoTime();
                print("one machine (sumOver)", oneMachine, (t4 - t3) / 1e9);
                System.out.printf(Locale.ROOT, "largest relative difference of the weights: %.2e%n",
                        largestRelativeDifference(onSpark.point(), oneMachine.point()));
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * {@return max_i |a_i − b_i| / |b_i|}
     *
     * @param a the first vector
     * @param b the second, of the same length, whose components scale the differences
     */
    public static double largestRelativeDifference(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
        }
        return d;
    }

    private static void print(String where, Lbfgs.Minimum m, double seconds) {
        StringBuilder w = new StringBuilder();
        for (double v : m.point()) {
            w.append(String.format(Locale.ROOT, " %.6f", v));
        }
        System.out.printf(Locale.ROOT, "%-22s weights%s  NLL %.6f  %d iterations, %d evaluations, %.1f s%s%n", where,
                w, m.value(), m.iterations(), m.evaluations(), seconds, m.converged() ? "" : " (not converged)");
    }
}
