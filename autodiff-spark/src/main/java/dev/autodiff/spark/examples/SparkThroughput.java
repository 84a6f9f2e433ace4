package dev.autodiff.spark.examples;

import dev.autodiff.core.Differentiable;
import dev.autodiff.spark.RecordFunction;
import dev.autodiff.spark.SparkSum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Measures the logistic negative log-likelihood's value and gradient over N records (default 10⁶):
 * records per second of a {@link SparkSum} on Spark against {@code sumOver} on one machine (one
 * thread, and the records split in halves over two threads, the most two cores can give), and the
 * fixed cost of a Spark job, from a sum over as many empty partitions. Prints a Markdown table.
 * Each figure is the median of {@code repetitions} calls after warm-up calls. Not a test: run it by
 * hand, on a machine with nothing else running, as
 *
 * <pre>
 * java -cp "autodiff-spark-shaded.jar:$SPARK_HOME/jars/*" dev.autodiff.spark.examples.SparkThroughput [records] [partitions] [repetitions]
 * </pre>
 */
public final class SparkThroughput {
    private static final int WARM_UP = 5;

    private SparkThroughput() {}

    /**
     * Runs the measurement and prints the table.
     *
     * @param args optionally the number of records, of partitions, and of timed calls
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        SparkConf conf = new SparkConf().setAppName("autodiff Spark throughput");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[2]").set("spark.ui.enabled", "false");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        RecordFunction nll = SparkLogisticRegression.negativeLogLikelihood();
        double[] theta = {0.3, -0.2, 0.1, 0.05, 0.4};
        double[] g = new double[theta.length];
        List<String[]> table = new ArrayList<>();
        try {
            String master = spark.sparkContext().master();
            try (SparkSum f = SparkSum.of(nll, SparkLogisticRegression.dataFrame(spark, n, partitions, 2024)).persist()) {
                double gradient = median(repetitions, () -> f.valueAndGradient(theta, g));
                double hessian = median(Math.max(3, repetitions / 3), () -> f.hessian(theta)[0][0]);
                table.add(row("SparkSum on " + master + ", " + partitions + " partitions", n, gradient, hessian));
            }
            double[][] rows = SparkLogisticRegression.records(n, 2024);
            Differentiable one = nll.sumOver(rows);
            table.add(row("sumOver, one thread", n, median(repetitions, () -> one.valueAndGradient(theta, g)),
                    median(Math.max(3, repetitions / 3), () -> one.hessian(theta)[0][0])));
            Differentiable[] halves = {nll.sumOver(Arrays.copyOfRange(rows, 0, n / 2)),
                nll.sumOver(Arrays.copyOfRange(rows, n / 2, n))};
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                table.add(row("sumOver, two halves on two threads", n,
                        median(repetitions, () -> inParallel(pool, halves, h -> h.valueAndGradient(theta, new double[5]))),
                        median(Math.max(3, repetitions / 3), () -> inParallel(pool, halves, h -> h.hessian(theta)[0][0]))));
            } finally {
                pool.shutdown();
            }
            System.out.println("| objective over " + String.format(Locale.ROOT, "%,d", n)
                    + " records | value + gradient | records/s | Hessian | records/s |");
            System.out.println("|---|---|---|---|---|");
            for (String[] r : table) {
                System.out.println("| " + String.join(" | ", r) + " |");
            }
            System.out.println();
            System.out.println("| empty partitions | value + gradient job | Hessian job |");
            System.out.println("|---|---|---|");
            for (int p : new int[] {2, 8, 32, 128}) {
                try (SparkSum empty = SparkSum.of(nll, empty(spark, p))) {
                    System.out.printf(Locale.ROOT, "| %d | %.1f ms | %.1f ms |%n", p,
                            1e3 * median(repetitions, () -> empty.valueAndGradient(theta, g)),
                            1e3 * median(repetitions, () -> empty.hessian(theta)[0][0]));
                }
            }
        } finally {
            spark.stop();
        }
    }

    private static String[] row(String what, int n, double gradientSeconds, double hessianSeconds) {
        return new String[] {what, ms(gradientSeconds), rate(n / gradientSeconds), ms(hessianSeconds),
            rate(n / hessianSeconds)};
    }

    private static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.1f ms", 1e3 * seconds);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.2f·10⁶", perSecond / 1e6);
    }

    /** {@return the median time in seconds of {@code repetitions} calls, after {@value #WARM_UP} untimed ones} */
    private static double median(int repetitions, DoubleSupplier call) {
        double sink = 0;
        for (int i = 0; i < WARM_UP; i++) {
            sink += call.getAsDouble();
        }
        double[] times = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            sink += call.getAsDouble();
            times[i] = (System.nanoTime() - t0) / 1e9;
        }
        if (sink == 42.125) {
            System.out.print("");   // keeps the results alive
        }
        Arrays.sort(times);
        return times[repetitions / 2];
    }

    private interface Part {
        double run(Differentiable half);
    }

    private static double inParallel(ExecutorService pool, Differentiable[] halves, Part part) {
        try {
            List<Future<Double>> futures = new ArrayList<>();
            for (Differentiable h : halves) {
                futures.add(pool.submit(() -> part.run(h)));
            }
            double s = 0;
            for (Future<Double> f : futures) {
                s += f.get();
            }
            return s;
        } catch (Exception e) {
            throw new IllegalStateException("a worker failed: " + e.getMessage(), e);
        }
    }

    private static Dataset<Row> empty(SparkSession spark, int partitions) {
        StructType schema = new StructType();
        for (var c : SparkLogisticRegression.columns()) {
            schema = schema.add(c.name(), DataTypes.DoubleType);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(jsc.parallelize(List.<Row>of(), partitions), schema);
    }
}
