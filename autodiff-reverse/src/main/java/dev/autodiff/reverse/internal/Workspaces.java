package dev.autodiff.reverse.internal;

import dev.autodiff.core.internal.Program;

/**
 * One {@link Workspace} per thread for one compiled function.
 *
 * <p>The compiled function holds this object but no mutable state shared between threads: each
 * thread sees its own workspace. A call that re-enters the same function on the same thread (say,
 * from inside a custom operation) finds the workspace busy and works in a fresh one instead.
 */
final class Workspaces {
    private final Program program;
    private final ThreadLocal<Workspace> perThread;

    Workspaces(Program program) {
        this.program = program;
        this.perThread = ThreadLocal.withInitial(() -> new Workspace(program));
    }

    /** {@return a workspace for the calling thread, marked busy until {@link #release}} */
    Workspace acquire() {
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
