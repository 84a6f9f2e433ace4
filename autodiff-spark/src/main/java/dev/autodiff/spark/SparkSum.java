package dev.autodiff.spark;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.spark.internal.Chunking;
import dev.autodiff.spark.internal.ExactSums;
import dev.autodiff.spark.internal.Folds;
import dev.autodiff.spark.internal.Request;
import dev.autodiff.spark.internal.Request.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * f(θ) = Σ_r e(θ; r): a {@link RecordFunction} summed over the records of a Spark
 * {@code Dataset<Row>}, evaluated where the data lives. Each call of value, gradient, directional
 * derivative, Hessian or Hessian-vector product is one Spark job: every partition cuts its records
 * into chunks of {@link #chunkRows()} rows, sums the record function over each chunk with
 * {@code sumOver}, and adds the chunks' results; {@code treeAggregate} of depth {@link #depth()}
 * adds the partitions'. What travels to the executors is the function's text payload, compiled once
 * per executor JVM, and the point.
 *
 * <pre>{@code
 * Dataset<Row> data = spark.read().parquet("records.parquet");          // columns x1, x2, y
 * try (SparkSum f = SparkSum.of(nll, data).persist()) {                 // records kept in executor memory
 *     double[] g = new double[3];
 *     double v = f.valueAndGradient(theta, g);                           // one job
 *     double[][] h = f.hessian(theta);
 * }
 * }</pre>
 *
 * <p>Columns: each parameter reads the column of exactly its name, of any numeric type (cast to
 * double; a long beyond 2⁵³ rounds); other columns are ignored. A missing or non-numeric column is
 * an {@link IllegalArgumentException} naming it; a null in a record fails the job with one naming
 * its column.
 *
 * <p>Determinism: chunks and partitions are added exactly (fixed-point accumulators, rounded once at
 * the end), so the order in which Spark merges partial results — which {@code treeAggregate} does
 * not fix — cannot change a bit. For the same partitioning (the same records in the same order in
 * each partition) and chunk size, every call gives the same bits, whatever the depth or the
 * number of executors. Against {@code sumOver} of all records on one machine, which adds the
 * records in one sequence, results agree to rounding: within (c + N)·u·Σ_r |e_r| for chunks of c
 * of N records, u = 2⁻⁵³.
 *
 * <p>Like every {@link Differentiable} it is immutable and may be called from several threads
 * (each call is a separate Spark job). {@link #close()} releases what {@link #persist()} cached.
 */
public final class SparkSum implements Differentiable, AutoCloseable {
    /** Records per chunk unless {@link #withChunkRows} says otherwise. */
    public static final int DEFAULT_CHUNK_ROWS = 4096;
    /** The depth of {@code treeAggregate} unless {@link #withDepth} says otherwise, as Spark's own default. */
    public static final int DEFAULT_DEPTH = 2;

    private final RecordFunction function;
    private final JavaRDD<Row> rows;
    private final int chunkRows;
    private final int depth;
    private final JavaRDD<double[][]> chunks;
    private final boolean persisted;

    private SparkSum(RecordFunction function, JavaRDD<Row> rows, int chunkRows, int depth, boolean persist) {
        this.function = function;
        this.rows = rows;
        this.chunkRows = chunkRows;
        this.depth = depth;
        JavaRDD<double[][]> c = rows.mapPartitions(new Chunking(Columns.names(function.parameters()), chunkRows));
        this.chunks = persist ? c.persist(StorageLevel.MEMORY_ONLY()) : c;
        this.persisted = persist;
    }

    /**
     * {@return the sum of {@code function} over the records of {@code data}}, in chunks of
     * {@value #DEFAULT_CHUNK_ROWS} records and aggregated at depth {@value #DEFAULT_DEPTH}
     *
     * @param function the function of one record
     * @param data the records: one numeric column named after each parameter
     * @throws IllegalArgumentException naming the parameters that have no column, or whose column
     *     is not numeric or not unique
     */
    public static SparkSum of(RecordFunction function, Dataset<Row> data) {
        Objects.requireNonNull(function, "expected a record function, got null");
        Objects.requireNonNull(data, "expected a Dataset, got null");
        List<String> names = Columns.names(function.parameters());
        Columns.check(data.schema(), names);
        List<Column> columns = new ArrayList<>(names.size());
        for (String name : names) {
            columns.add(data.col(Columns.quoted(name)).cast(DataTypes.DoubleType));
        }
        JavaRDD<Row> rows = data.select(columns.toArray(new Column[0])).javaRDD();
        return new SparkSum(function, rows, DEFAULT_CHUNK_ROWS, DEFAULT_DEPTH, false);
    }

    /**
     * {@return this sum, with {@code rows} records per chunk}: each chunk is one {@code sumOver}
     * call, and the memory a partition holds at once while it is read
     *
     * @param rows the records per chunk, at least 1
     * @throws IllegalArgumentException for fewer than 1
     */
    public SparkSum withChunkRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("expected at least 1 record per chunk, got " + rows);
        }
        return new SparkSum(function, this.rows, rows, depth, persisted);
    }

    /**
     * {@return this sum, aggregated by {@code treeAggregate} of depth {@code depth}}
     *
     * @param depth the depth of the aggregation tree, at least 1 (1: partitions merge on the driver)
     * @throws IllegalArgumentException for less than 1
     */
    public SparkSum withDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("expected a treeAggregate depth of at least 1, got " + depth);
        }
        return new SparkSum(function, rows, chunkRows, depth, persisted);
    }

    /**
     * {@return this sum over chunks kept in executor memory}, read from the Dataset at the first call
     * and reused by every later one, as an optimizer's iterations want; {@link #close()} releases them.
     * {@link #withChunkRows} and {@link #withDepth} of a persisted sum keep chunks of their own: close
     * each.
     */
    public SparkSum persist() {
        return new SparkSum(function, rows, chunkRows, depth, true);
    }

    /** Releases the chunks {@link #persist()} kept, if any; the sum stays usable and reads the Dataset again. */
    @Override
    public void close() {
        if (persisted) {
            chunks.unpersist(false);
        }
    }

    /** {@return the function of one record} */
    public RecordFunction function() {
        return function;
    }

    /** {@return the records per chunk} */
    public int chunkRows() {
        return chunkRows;
    }

    /** {@return the depth of the aggregation tree} */
    public int depth() {
        return depth;
    }

    /** {@return the number of the Dataset's partitions} */
    public int partitions() {
        return rows.getNumPartitions();
    }

    /** {@return the number of records, counted by a Spark job} */
    public long count() {
        return Jobs.run("counting the records", () -> rows.count());
    }

    @Override
    public List<Variable> variables() {
        return function.variables();
    }

    @Override
    public double value(double... point) {
        return run(Kind.VALUE, point)[0];
    }

    @Override
    public double[] gradient(double... point) {
        double[] g = new double[arity()];
        valueAndGradient(point, g);
        return g;
    }

    @Override
    public double valueAndGradient(double[] point, double[] gradientOut) {
        Columns.checkLength(gradientOut, arity(), "gradient array", variables());
        double[] sums = run(Kind.GRADIENT, point);
        System.arraycopy(sums, 1, gradientOut, 0, arity());
        return sums[0];
    }

    @Override
    public double directional(double[] point, double[] direction) {
        return run(Kind.DIRECTIONAL, point, direction)[0];
    }

    @Override
    public double[][] hessian(double... point) {
        return Request.symmetric(run(Kind.HESSIAN, point), 0, arity());
    }

    @Override
    public double[] hessianVector(double[] point, double[] direction) {
        return run(Kind.HESSIAN_VECTOR, point, direction);
    }

    /**
     * {@return f, ∇f and the Hessian at {@code point}, from one Spark job}, as a Newton step wants
     *
     * @param point one value per variable, in the order of {@link #variables()}
     */
    public SecondOrder secondOrder(double... point) {
        int n = arity();
        double[] sums = run(Kind.SECOND_ORDER, point);
        double[] g = new double[n];
        System.arraycopy(sums, 1, g, 0, n);
        return new SecondOrder(sums[0], g, Request.symmetric(sums, 1 + n, n));
    }

    /**
     * The value, gradient and Hessian of a sum at one point.
     *
     * @param value f(θ)
     * @param gradient ∇f(θ), one partial per variable
     * @param hessian the Hessian, symmetric, n rows of n
     */
    public record SecondOrder(double value, double[] gradient, double[][] hessian) {}

    private double[] run(Kind kind, double[] point) {
        Columns.checkLength(point, arity(), "point", variables());
        return run(new Request(kind, point.clone(), new double[0]));
    }

    private double[] run(Kind kind, double[] point, double[] direction) {
        Columns.checkLength(point, arity(), "point", variables());
        Columns.checkLength(direction, arity(), "direction", variables());
        return run(new Request(kind, point.clone(), direction.clone()));
    }

    private double[] run(Request request) {
        Kind kind = request.kind();
        ExactSums sums = Jobs.run("computing " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                () -> chunks.treeAggregate(request.zero(), new Folds.ChunkFold(function.payload(), request),
                        new Folds.Merge(), depth));
        return sums.toArray();
    }

    @Override
    public String toString() {
        return "the sum over a Spark Dataset (" + partitions() + " partitions, chunks of " + chunkRows
                + " records, treeAggregate depth " + depth + (persisted ? ", persisted" : "") + ") of " + function;
    }
}
