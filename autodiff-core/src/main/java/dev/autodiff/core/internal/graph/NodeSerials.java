package dev.autodiff.core.internal.graph;

import dev.autodiff.core.Expr;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serial numbers of expression nodes, given in order of construction: a node's identity for the
 * graph walks' maps ({@link NodeIntMap}). Each node gets its own (an atomic counter, so nodes built
 * on several threads at once never share one; a long, so it never wraps), and an operand, built
 * before the nodes that use it, always has a smaller serial than they have. Nodes built one after
 * the other have neighbouring serials, so a map can place them side by side in a table indexed by
 * serial: walking a large graph then touches memory in order and hashes nothing.
 */
public final class NodeSerials {
    /**
     * Reads a node's serial number; implemented in the package of the nodes, whose field it reads. A
     * class, not an interface: with its one subclass loaded, a call is a direct one that even the
     * first tier of the JIT inlines, which matters for a walk's first million nodes.
     */
    public abstract static class Reader {
        /** For the one subclass. */
        protected Reader() {}

        /** {@return the serial number of {@code e}} */
        public abstract long serial(Expr e);
    }

    private static volatile Reader reader;
    private static final AtomicLong COUNTER = new AtomicLong();

    private NodeSerials() {}

    /** {@return the next serial number}: called by each node's constructor */
    public static long next() {
        return COUNTER.getAndIncrement();
    }

    /**
     * Registers the reader of the nodes' serials, once, when the nodes' package initializes it.
     *
     * @throws IllegalStateException when a reader is registered already
     */
    public static synchronized void register(Reader r) {
        if (reader != null) {
            throw new IllegalStateException("the reader of node serials is registered already");
        }
        reader = r;
    }

    /** {@return the reader of the nodes' serials} */
    static Reader reader() {
        Reader r = reader;
        if (r == null) {
            // a node reached this thread without the registration: initialising its class waits for it
            try {
                Class.forName("dev.autodiff.core.Serials", true, NodeSerials.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("expression nodes without their serials", e);
            }
            r = reader;
        }
        return r;
    }
}
