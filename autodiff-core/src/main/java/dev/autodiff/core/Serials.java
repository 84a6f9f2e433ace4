package dev.autodiff.core;

import dev.autodiff.core.internal.graph.NodeSerials;

/** The nodes' serial numbers ({@link NodeSerials}): given at construction, read here for the graph walks. */
final class Serials extends NodeSerials.Reader {
    /** The one reader, for the walks of this package. */
    static final Serials READER = new Serials();

    static {
        NodeSerials.register(READER);
    }

    private Serials() {}

    /** {@return the serial of a node under construction}, registering the reader on first use */
    static long next() {
        return NodeSerials.next();
    }

    @Override
    public long serial(Expr e) {
        // the kinds in order of how common they are in large graphs
        if (e instanceof Binary b) {
            return b.serial;
        } else if (e instanceof Variable v) {
            return v.serial;
        } else if (e instanceof Constant c) {
            return c.serial;
        } else if (e instanceof Unary u) {
            return u.serial;
        } else if (e instanceof Call c) {
            return c.serial;
        }
        return ((IfElse) e).serial;
    }
}
