package dev.autodiff.forward.internal;

import dev.autodiff.core.internal.Program;

/**
 * Per-thread value and tangent arrays of one compiled function's directional derivatives, reused by
 * every call a thread makes, so a call allocates nothing the size of the program.
 *
 * <p>A call that re-enters the same function on the same thread (from inside a custom operation)
 * finds the arrays busy and takes fresh ones. Programs over {@link #CACHED_NODES} nodes keep one
 * spare pair in the function instead of one per thread, as a thread-local value outlives its
 * function until the thread's map purges it; a call that finds the spare taken allocates.
 */
final class DualArrays {
    /** As reverse mode's workspaces: 2 doubles a node, 4 MB at most per thread. */
    static final int CACHED_NODES = 1 << 18;

    final double[] value;
    final double[] tangent;
    private boolean busy;

    DualArrays(int size) {
        value = new double[size];
        tangent = new double[size];
    }

    /** The arrays of each thread for one program. */
    static final class PerThread {
        private final Program program;
        private final ThreadLocal<DualArrays> arrays;
        private final java.util.concurrent.atomic.AtomicReference<DualArrays> spare =
                new java.util.concurrent.atomic.AtomicReference<>();

        PerThread(Program program) {
            this.program = program;
            this.arrays = ThreadLocal.withInitial(() -> new DualArrays(program.size));
        }

        /** {@return arrays for the calling thread, busy until {@link #release}} */
        DualArrays acquire() {
            if (program.size > CACHED_NODES) {
                DualArrays a = spare.getAndSet(null);
                return a != null ? a : new DualArrays(program.size);
            }
            DualArrays a = arrays.get();
            if (a.busy) {
                a = new DualArrays(program.size);
            }
            a.busy = true;
            return a;
        }

        void release(DualArrays a) {
            a.busy = false;
            if (program.size > CACHED_NODES) {
                spare.set(a);
            }
        }
    }
}
