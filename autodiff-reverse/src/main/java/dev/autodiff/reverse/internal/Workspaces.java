package dev.autodiff.reverse.internal;

import dev.autodiff.core.internal.Program;

/**
 * One {@link Workspace} per thread for one compiled function.
 *
 * <p>The compiled function holds this object but no mutable state shared between threads: each
 * thread sees its own workspace. A call that re-enters the same function on the same thread (say,
 * from inside a custom operation) finds the workspace busy and works in a fresh one instead.
 *
 * <p>Programs larger than {@link #CACHED_NODES} nodes do not keep a workspace per thread: a
 * thread-local value outlives the function that made it until the thread's map happens to purge it,
 * which for a workspace of millions of nodes would hold tens of megabytes per thread after the
 * function is gone. They keep one spare workspace in the function itself instead, taken by one call
 * at a time (others allocate): its memory goes with the function. Allocating and zeroing it per
 * call cost more than the loop kernels' sweeps over it (Rosenbrock at 9·10⁵ nodes: about 1.5 ms
 * against a value of 0.1 ms).
 */
final class Workspaces {
    /**
     * Programs up to this many nodes keep one workspace per thread: at most about 8 MB for a
     * gradient (4 doubles a node), which is what a 10⁴-variable Rosenbrock needs; allocating and
     * zeroing that per call cost about a tenth of its gradient.
     */
    static final int CACHED_NODES = 1 << 18;

    private final Program program;
    private final ThreadLocal<Workspace> perThread;
    /** The spare workspace of a large program, or null while a call holds it. */
    private final java.util.concurrent.atomic.AtomicReference<Workspace> spare = new java.util.concurrent.atomic.AtomicReference<>();

    Workspaces(Program program) {
        this.program = program;
        this.perThread = ThreadLocal.withInitial(() -> new Workspace(program));
    }

    /** {@return a workspace for the calling thread, marked busy until {@link #release}} */
    Workspace acquire() {
        if (program.size > CACHED_NODES) {
            Workspace w = spare.getAndSet(null);
            return w != null ? w : new Workspace(program);
        }
        Workspace w = perThread.get();
        if (w.busy) {
            w = new Workspace(program);
        }
        w.busy = true;
        return w;
    }

    /** Marks {@code w} free again. */
    void release(Workspace w) {
        w.busy = false;
        if (program.size > CACHED_NODES) {
            spare.set(w);
        }
    }

    /** {@return the calling thread's workspace}, for tests that check it is reused and does not grow */
    Workspace current() {
        return perThread.get();
    }
}
