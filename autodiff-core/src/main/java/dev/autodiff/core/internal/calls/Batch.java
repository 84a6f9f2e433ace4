package dev.autodiff.core.internal.calls;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Applies one compiled function at many points in parallel; results keep the points' order. */
public final class Batch {
    /** The most workers a {@link ForkJoinPool} accepts. */
    private static final int MAX_WORKERS = 0x7fff;

    private Batch() {}

    /**
     * {@return {@code f} applied to every point, computed by {@code threads} workers}
     *
     * <p>Every row is checked before any work starts, so a wrong one is named by its index. A
     * failure inside a worker reaches the caller as it was thrown, not wrapped in the pool's copy.
     *
     * @param variables the names of the values each point lists, for messages
     * @param threads 1 for the calling thread alone, or more for a dedicated pool of that size; no
     *     more workers start than there are points (nor than the 32767 a pool can have)
     */
    public static double[][] map(double[][] points, List<String> variables, int threads, Function<double[], double[]> f) {
        Objects.requireNonNull(points, "expected an array of points, got null");
        if (threads < 1) {
            throw new IllegalArgumentException("expected at least 1 thread, got " + threads);
        }
        for (int i = 0; i < points.length; i++) {
            if (points[i] == null || points[i].length != variables.size()) {
                String expected = "expected a point of " + variables.size() + " values (" + String.join(", ", variables)
                        + ") in row " + i + ", got ";
                if (points[i] == null) {
                    throw new NullPointerException(expected + "null");
                }
                throw new IllegalArgumentException(expected + points[i].length);
            }
        }
        double[][] out = new double[points.length][];
        int workers = Math.min(threads, Math.min(points.length, MAX_WORKERS));
        if (workers <= 1) {
            for (int i = 0; i < points.length; i++) {
                out[i] = f.apply(points[i]);
            }
            return out;
        }
        // ForkJoinTask.get would rethrow a worker's exception as a new one wrapping it; keep the first as thrown
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ForkJoinPool pool = new ForkJoinPool(workers);
        try {
            pool.submit(() -> IntStream.range(0, points.length).parallel().forEach(i -> {
                if (failure.get() != null) {
                    return;
                }
                try {
                    out[i] = f.apply(points[i]);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            })).join();
        } finally {
            pool.shutdown();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return out;
    }
}
