/**
 * Data-parallel objectives on Apache Spark: the value, gradient and Hessian of a per-record
 * function summed over a {@code Dataset<Row>}, evaluated where the data lives.
 *
 * <p>{@link dev.autodiff.spark.RecordFunction} is an expression over variables and data parameters
 * that travels to executors as a small text payload (its mode, names and printed expression) and
 * is compiled once per executor JVM. {@link dev.autodiff.spark.SparkSum} is the
 * {@link dev.autodiff.core.Differentiable} Σ_r e(θ; r) over a Dataset whose columns are named after
 * the parameters: each partition sums its records in chunks with {@code sumOver}, and
 * {@code treeAggregate} adds the partitions' results exactly, so a call gives the same bits every
 * time for the same partitioning. Optimizers take it as they take any compiled function. Every type
 * is null-marked.
 */
@NullMarked
package dev.autodiff.spark;

import org.jspecify.annotations.NullMarked;
