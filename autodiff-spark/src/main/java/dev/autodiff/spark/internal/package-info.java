/**
 * The machinery behind {@code dev.autodiff.spark}, not API: the payload that carries a record
 * function to the executors as text, the per-JVM cache that compiles it once, the chunking of a
 * partition's rows, the chunk fold and merge that {@code treeAggregate} runs, and the exact sums
 * that make the merge order irrelevant.
 */
@NullMarked
package dev.autodiff.spark.internal;

import org.jspecify.annotations.NullMarked;
