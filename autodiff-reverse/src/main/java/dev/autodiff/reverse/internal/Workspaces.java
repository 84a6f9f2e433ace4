package dev.autodiff.reverse.internal;

import dev.autodiff.core.internal.Program;

/**
 * One {@link Workspace} per thread for one compiled function.
 *
 * <p>The compiled function holds this object but no mutable state shared between threads: each
 * thread sees its own workspace. A call that re-enters the same function on the same thread (say,
 * from inside a custom operation) finds the workspace busy and works in a fresh one instead.
 *
 * <p>Programs larger than {@link #CACHED_NODES} nodes get a fresh workspace per call instead: its
 * allocation costs no more than the sweeps that fill it, and a thread-local value outlives the
 * function that made it until the thread's map happens to purge it, which for a workspace of
 * millions of nodes would hold tens of megabytes per thread after the function is gone.
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

    Workspaces(Program program) {
        this.program = program;
        this.perThread = ThreadLocal.withInitial(() -> new Workspace(program));
    }

    /** {@return a workspace for the calling thread, marked busy until {@link #release}} */
    Workspace acquire() {
        if (program.size > CACHED_NODES) {
            return new Workspace(program);
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
    }

    /** {@return the calling thread's workspace}, for tests that check it is reused and does not grow */
    Workspace current() {
        return perThread.get();
    }
}
