package dev.autodiff.spark.internal;

import org.apache.spark.api.java.function.Function2;

/**
 * The two functions of the Spark sum's {@code treeAggregate}: {@link ChunkFold} adds one chunk's
 * results to a partition's accumulator, {@link Merge} adds two accumulators. What they carry to the
 * executors is the payload's text and the request, nothing compiled.
 */
public final class Folds {
    private Folds() {}

    /**
     * Adds a chunk's results to an accumulator: the record function, compiled once per JVM from its
     * payload, summed over the chunk by {@code sumOver}.
     */
    public static final class ChunkFold implements Function2<ExactSums, double[][], ExactSums> {
        private static final long serialVersionUID = 1L;
        private final String payload;
        private final Request request;

        /**
         * The fold for {@code request} of the function {@code payload} describes.
         *
         * @param payload the text of a {@link Payload}
         * @param request what to compute
         */
        public ChunkFold(String payload, Request request) {
            this.payload = payload;
            this.request = request;
        }

        @Override
        public ExactSums call(ExactSums sums, double[][] chunk) {
            request.accumulate(KernelCache.get(payload).sumOver(chunk), sums);
            return sums;
        }
    }

    /** Adds two accumulators, exactly, so the order Spark merges them in cannot change the result. */
    public static final class Merge implements Function2<ExactSums, ExactSums, ExactSums> {
        private static final long serialVersionUID = 1L;

        @Override
        public ExactSums call(ExactSums a, ExactSums b) {
            return a.merge(b);
        }
    }
}
