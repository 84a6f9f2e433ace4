/**
 * Runnable examples of {@code dev.autodiff.spark}: logistic regression on a DataFrame fitted by
 * L-BFGS on exact gradients ({@link dev.autodiff.spark.examples.SparkLogisticRegression}), and the
 * throughput of a Spark sum against {@code sumOver} on one machine
 * ({@link dev.autodiff.spark.examples.SparkThroughput}). They are in the shaded jar, for
 * {@code spark-submit}.
 */
@NullMarked
package dev.autodiff.spark.examples;

import org.jspecify.annotations.NullMarked;
