package dev.autodiff.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The scratch arrays of one compiled function's calls (reverse mode's workspaces, forward mode's dual
 * arrays), reused so that a call allocates nothing the size of the program.
 *
 * <p>The function holds this object but no mutable state shared between threads: each thread sees
 * its own scratch object. A call that re-enters the same function on the same thread (say, from
 * inside a custom operation) finds it busy and works in a fresh one instead.
 *
 * <p>Programs larger than {@link #CACHED_NODES} nodes do not keep an object per thread: a
 * thread-local value outlives the function that made it until the thread's map happens to purge it,
 * which for millions of nodes would hold tens of megabytes per thread after the function is gone.
 * They keep one spare in the function itself instead, taken by one call at a time (others
 * allocate): its memory goes with the function. Allocating and zeroing it per call cost more than
 * the loop kernels' sweeps over it (Rosenbrock at 9·10⁵ nodes: about 1.5 ms against a value of
 * 0.1 ms).
 *
 * @param <T> the scratch object
 */
public final class Scratch<T> {
    /**
     * Programs up to this many nodes keep one scratch object per thread: at most about 8 MB for a
     * reverse-mode gradient (4 doubles a node), which is what a 10⁴-variable Rosenbrock needs;
     * allocating and zeroing that per call cost about a tenth of its gradient.
     */
    public static final int CACHED_NODES = 1 << 18;

    /** A thread's scratch object and whether a call of that thread holds it. */
    private static final class Slot<T> {
        final T value;
        boolean busy;

        Slot(T value) {
            this.value = value;
        }
    }

    private final int nodes;
    private final Supplier<T> fresh;
    private final ThreadLocal<Slot<T>> perThread;
    /** The spare of a large program, or null while a call holds it. */
    private final AtomicReference<T> spare = new AtomicReference<>();

    /** Scratch objects made by {@code fresh} for a program of {@code nodes} nodes. */
    public Scratch(int nodes, Supplier<T> fresh) {
        this.nodes = nodes;
        this.fresh = fresh;
        this.perThread = ThreadLocal.withInitial(() -> new Slot<>(fresh.get()));
    }

    /** {@return a scratch object for the calling thread, held until {@link #release}} */
    public T acquire() {
        if (nodes > CACHED_NODES) {
            T t = spare.getAndSet(null);
            return t != null ? t : fresh.get();
        }
        Slot<T> slot = perThread.get();
        if (slot.busy) {
            return fresh.get();
        }
        slot.busy = true;
        return slot.value;
    }

    /** Gives {@code t}, from {@link #acquire} on this thread, back. */
    public void release(T t) {
        if (nodes > CACHED_NODES) {
            spare.set(t);
            return;
        }
        Slot<T> slot = perThread.get();
        if (slot.value == t) {
            slot.busy = false;
        }
    }

    /** {@return the calling thread's scratch object}, for tests that check it is reused and does not grow */
    public T current() {
        return perThread.get().value;
    }
}
