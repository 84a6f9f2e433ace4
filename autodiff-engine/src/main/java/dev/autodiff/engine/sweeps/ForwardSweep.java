package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;

/**
 * The interpreter's forward sweep: each node's value, and its local partials from the rule table,
 * stored as the tape the other sweeps read. One loop over nodes {@code [from, to)}, every earlier
 * node's value in place.
 */
public final class ForwardSweep {
    private ForwardSweep() {}

    /** Values alone, into {@code value}. */
    public static void values(Program p, double[] value, int from, int to) {
        for (int i = from; i < to; i++) {
            value[i] = p.valueOf(i, value);
        }
    }

    /**
     * Values and first partials into the workspace, with the second partials and their scales when
     * {@code second} (whose arrays must exist).
     *
     * @throws UnsupportedOperationException when {@code second} and a custom operation has no second
     *     derivative
     */
    public static void partials(Program p, Workspace w, int from, int to, boolean second) {
        double[] value = w.value;
        double[] da = w.da;
        double[] db = w.db;
        Partials q = w.partials;
        for (int i = from; i < to; i++) {
            if (!p.isOperation(i)) {
                // a constant: no operands, so no sweep reads its partials
                value[i] = p.param[i];
                continue;
            }
            p.local(i, value, q, second);
            value[i] = q.value;
            da[i] = q.da;
            db[i] = q.db;
            if (second) {
                w.scale[i] = q.scale;
                w.daa[i] = q.daa;
                w.dab[i] = q.dab;
                w.dbb[i] = q.dbb;
            }
        }
    }
}
