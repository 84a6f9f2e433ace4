package dev.autodiff.bench;

import java.util.List;

/**
 * The JVM flags of every benchmark fork, in one place: the {@code @Fork} annotations (for JMH run
 * directly), {@link Report}'s options, the cold-start subprocesses and the report's header read them.
 *
 * <p>A fixed, pre-touched heap: on the virtual machines these benchmarks run on, the first touch of
 * a heap page is very slow, so with default flags every benchmark that allocates (a gradient's
 * result, a hand-written gradient, Hipparchus) swung with where the heap happened to grow — our
 * gradient at n = 10⁴ measured anywhere from 5× to 120× f across three runs.
 */
public final class JvmFlags {
    /** Initial heap: the whole heap from the start, so it never grows during a measurement. */
    public static final String MIN_HEAP = "-Xms2g";
    /** Maximum heap, equal to the initial one. */
    public static final String MAX_HEAP = "-Xmx2g";
    /** Touches every heap page when the JVM starts, before any measurement. */
    public static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    /** The system property that sets the common fork-join pool's parallelism. */
    public static final String PARALLELISM_PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";
    /**
     * No worker in the common fork-join pool, for benchmarks measured on one thread: the thread that
     * submits a task runs it and every subtask it joins. Parallelism 1 would not do: a thread that
     * joins its tasks runs some of them itself, so one worker means two threads (and it is already
     * the default on a 2-core machine).
     */
    public static final String ONE_THREAD = "-D" + PARALLELISM_PROPERTY + "=0";

    /** The heap flags every fork gets. */
    public static final List<String> HEAP = List.of(MIN_HEAP, MAX_HEAP, PRE_TOUCH);

    private JvmFlags() {}
}
