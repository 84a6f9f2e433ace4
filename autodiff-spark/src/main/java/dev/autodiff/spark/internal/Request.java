package dev.autodiff.spark.internal;

import dev.autodiff.core.Differentiable;
import java.io.Serializable;

/**
 * One evaluation of a sum over records: what to compute, at which point (and along which
 * direction), and where each number lies in the accumulator. Every path of the Spark sum — the
 * chunk fold on the executors and the reading of the result on the driver — takes its layout from
 * here.
 *
 * <p>Layouts, for n variables: {@link Kind#VALUE} and {@link Kind#DIRECTIONAL} one sum;
 * {@link Kind#GRADIENT} the value then n partials; {@link Kind#HESSIAN_VECTOR} n components;
 * {@link Kind#HESSIAN} the upper triangle row by row, n(n+1)/2 sums; {@link Kind#SECOND_ORDER} the
 * value, n partials, then the upper triangle.
 *
 * @param kind what to compute
 * @param point the point, one value per variable
 * @param direction the direction for {@link Kind#DIRECTIONAL} and {@link Kind#HESSIAN_VECTOR}, else empty
 */
public record Request(Kind kind, double[] point, double[] direction) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What a request computes per chunk. */
    public enum Kind {
        /** f */
        VALUE,
        /** f and ∇f, from one sweep per record in reverse mode */
        GRADIENT,
        /** ∇f·v */
        DIRECTIONAL,
        /** H·v */
        HESSIAN_VECTOR,
        /** H */
        HESSIAN,
        /** f, ∇f and H */
        SECOND_ORDER
    }

    /** {@return the number of sums the accumulator holds} */
    public int size() {
        int n = point.length;
        int triangle = n * (n + 1) / 2;
        return switch (kind) {
            case VALUE, DIRECTIONAL -> 1;
            case GRADIENT -> 1 + n;
            case HESSIAN_VECTOR -> n;
            case HESSIAN -> triangle;
            case SECOND_ORDER -> 1 + n + triangle;
        };
    }

    /** {@return a zero accumulator for this request} */
    public ExactSums zero() {
        return new ExactSums(size());
    }

    /**
     * Adds the results of {@code chunkSum}, the sum over one chunk of records, to {@code into}.
     *
     * @param chunkSum the function summed over the chunk's records
     * @param into the accumulator, laid out for this request
     */
    public void accumulate(Differentiable chunkSum, ExactSums into) {
        int n = point.length;
        switch (kind) {
            case VALUE -> into.add(0, chunkSum.value(point));
            case DIRECTIONAL -> into.add(0, chunkSum.directional(point, direction));
            case HESSIAN_VECTOR -> into.add(0, chunkSum.hessianVector(point, direction));
            case GRADIENT -> {
                double[] g = new double[n];
                into.add(0, chunkSum.valueAndGradient(point, g));
                into.add(1, g);
            }
            case HESSIAN -> addUpperTriangle(chunkSum.hessian(point), into, 0);
            case SECOND_ORDER -> {
                double[] g = new double[n];
                into.add(0, chunkSum.valueAndGradient(point, g));
                into.add(1, g);
                addUpperTriangle(chunkSum.hessian(point), into, 1 + n);
            }
        }
    }

    // The Hessian of a sum of records is symmetric, and so is every chunk's: half the sums suffice.
    private static void addUpperTriangle(double[][] h, ExactSums into, int first) {
        int k = first;
        for (int i = 0; i < h.length; i++) {
            for (int j = i; j < h.length; j++) {
                into.add(k++, h[i][j]);
            }
        }
    }

    /**
     * {@return the symmetric matrix whose upper triangle is read, row by row, from {@code sums}
     * starting at {@code first}}
     *
     * @param sums the accumulator
     * @param first the index of the (0, 0) entry
     * @param n the matrix's order
     */
    public static double[][] symmetric(double[] sums, int first, int n) {
        double[][] h = new double[n][n];
        int k = first;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                h[i][j] = sums[k];
                h[j][i] = sums[k];
                k++;
            }
        }
        return h;
    }
}
