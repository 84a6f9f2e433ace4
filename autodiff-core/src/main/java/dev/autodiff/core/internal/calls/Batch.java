package dev.autodiff.core.internal.calls;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Applies one compiled function at many points in parallel; results keep the points' order. */
public final class Batch {
    private Batch() {}

    /**
     * {@return {@code f} applied to every point, computed by {@code threads} workers}
     *
     * @param threads 1 for the calling thread alone, or more for a dedicated pool of that size
     */
    public static double[][] map(double[][] points, int threads, Function<double[], double[]> f) {
        Objects.requireNonNull(points, "expected an array of points, got null");
        if (threads < 1) {
            throw new IllegalArgumentException("expected at least 1 thread, got " + threads);
        }
        double[][] out = new double[points.length][];
        if (threads == 1) {
            for (int i = 0; i < points.length; i++) {
                out[i] = f.apply(points[i]);
            }
            return out;
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> IntStream.range(0, points.length).parallel().forEach(i -> out[i] = f.apply(points[i]))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
        return out;
    }
}
