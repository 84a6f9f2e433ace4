package dev.autodiff.core.internal.graph;

import dev.autodiff.core.Expr;

/**
 * Serial numbers of expression nodes, given in order of construction, by which the maps of the
 * graph walks ({@link IdentityIntMap}) place their nodes: nodes built one after the other land in
 * neighbouring slots, so walking a large graph touches the table in order instead of at random (an
 * identity hash scatters a million nodes over tens of megabytes, a cache miss per edge).
 *
 * <p>A serial is a hash, not an identity: the counter is not atomic, so threads building nodes at
 * the same time may give two nodes the same number, which only makes them share a slot's probe
 * sequence. Maps compare keys by identity.
 */
public final class NodeSerials {
    /** Reads a node's serial number; implemented in the package of the nodes, whose field it reads. */
    public interface Reader {
        /** {@return the serial number of {@code e}} */
        int serial(Expr e);
    }

    private static volatile Reader reader;
    private static int counter;

    private NodeSerials() {}

    /** {@return the next serial number}: called by each node's constructor */
    public static int next() {
        return counter++; // a benign race: see the class comment
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
