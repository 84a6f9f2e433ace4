package dev.autodiff.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * Calls a benchmark's method until the JIT has finished compiling what it runs: JMH measures a
 * steady state, and a program compiled whole into hundreds of generated methods reaches it only
 * when HotSpot's optimising compiler has worked through all of them, one at a time, on the single
 * compiler thread a 2-core machine gets — tens of seconds, well past a few seconds of warm-up.
 *
 * <p>Compilation has settled when the JIT's accumulated compile time ({@link
 * CompilationMXBean#getTotalCompilationTime}, every compiler thread) grows by less than {@link
 * #QUIET_MILLIS} ms in each of {@link #QUIET_WINDOWS} consecutive windows of {@link #WINDOW_MILLIS}
 * ms of calls: the compiler threads idle more than 98% of the time.
 */
final class CompilationSettling {
    /** The length of one window of calls. */
    static final long WINDOW_MILLIS = 1000;
    /** The most compile time a quiet window may add. */
    static final long QUIET_MILLIS = 20;
    /** Consecutive quiet windows that mean settled. */
    static final int QUIET_WINDOWS = 2;

    /** What a warm-up did: how many calls, for how long, and whether compilation settled before the time ran out. */
    record Outcome(long calls, double seconds, boolean settled) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d calls in %.1f s, compilation %s", calls, seconds,
                    settled ? "settled" : "still running when the time ran out");
        }
    }

    private CompilationSettling() {}

    /**
     * Calls {@code call} at least {@code minCalls} times, then on until compilation has settled, for
     * at most {@code maxSeconds} in all.
     *
     * @throws IllegalStateException if the JVM does not report compile time (then nothing could tell
     *     when it settles)
     */
    static Outcome callUntilSettled(Runnable call, long minCalls, long maxSeconds) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            throw new IllegalStateException("this JVM does not report its compile time");
        }
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(maxSeconds);
        long calls = 0;
        for (; calls < minCalls && System.nanoTime() < end; calls++) {
            call.run();
        }
        int quiet = 0;
        while (quiet < QUIET_WINDOWS && System.nanoTime() < end) {
            long compiledBefore = jit.getTotalCompilationTime();
            long windowEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
            for (; System.nanoTime() < windowEnd; calls++) {
                call.run();
            }
            quiet = jit.getTotalCompilationTime() - compiledBefore < QUIET_MILLIS ? quiet + 1 : 0;
        }
        return new Outcome(calls, (System.nanoTime() - start) / 1e9, quiet >= QUIET_WINDOWS);
    }
}
