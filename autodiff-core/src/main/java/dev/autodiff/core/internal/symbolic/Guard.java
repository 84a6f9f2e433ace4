package dev.autodiff.core.internal.symbolic;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where an adjoint of the symbolic reverse pass is switched on: a chain of links, each a condition
 * that a branch ({@code ifElse}), a {@code max}, a {@code min} or an {@code abs} puts on the part of
 * the graph below it. A node's adjoint is computed as if its guard were open; wherever the guard is
 * closed the true adjoint is 0, and every contribution that leaves the guarded part of the graph is
 * wrapped in {@code ifElse(link, contribution, 0)} for each link it leaves, so that a NaN or an
 * infinity inside a branch not taken never reaches a derivative: the symbolic form of the chain
 * rule's strong zero. Where differently guarded parts of the graph meet, the node's guard is the
 * disjunction of theirs ({@link #any}), so that what lies below is still switched off where all of
 * them are.
 *
 * <p>Guards are immutable and shared: a node reached through one gated edge extends its parent's
 * guard by one link. Chains are cut at {@link #MAX_DEPTH} links by folding them into one condition,
 * so comparing guards costs a bounded number of steps.
 */
final class Guard {
    static final int MAX_DEPTH = 16;

    final @Nullable Guard parent;
    /** The condition of the last link. */
    final Sym cond;
    /** True: open where {@link #cond} is non-zero; false: open where the boolean {@link #cond} is 0. */
    final boolean polarity;
    final int depth;
    private @Nullable Sym open;

    private Guard(@Nullable Guard parent, Sym cond, boolean polarity, @Nullable Sym open) {
        this.parent = parent;
        this.cond = cond;
        this.polarity = polarity;
        this.depth = parent == null ? 1 : parent.depth + 1;
        this.open = open;
    }

    /** {@return guard {@code g} (null: always open) narrowed by the link {@code cond} of {@code polarity}} */
    static Guard extend(@Nullable Guard g, Sym cond, boolean polarity) {
        if (g != null && g.depth >= MAX_DEPTH) {
            Sym all = g.open().ifElse(link(cond, polarity), Sym.ZERO);
            return new Guard(null, all, true, all);
        }
        return new Guard(g, cond, polarity, null);
    }

    /** {@return a guard open where any of {@code guards} (each narrower than {@code prefix}) is} */
    static Guard any(@Nullable Guard prefix, List<Guard> guards) {
        Sym or = guards.get(0).open();
        for (int i = 1; i < guards.size(); i++) {
            or = or.ifElse(Sym.ONE, guards.get(i).open());
        }
        // each guard's condition already includes the prefix's, so the disjunction is the whole condition
        return new Guard(prefix, or, true, or);
    }

    private static Sym link(Sym cond, boolean polarity) {
        return polarity ? cond : Sym.ONE.minus(cond);
    }

    /** {@return an expression that is non-zero exactly where the whole chain is open} */
    Sym open() {
        if (open != null) {
            return open;
        }
        // the links from the nearest computed one down to this one, then their conjunctions in order
        List<Guard> pending = new ArrayList<>();
        Guard g = this;
        while (g != null && g.open == null) {
            pending.add(g);
            g = g.parent;
        }
        Sym above = g == null ? null : g.open;
        for (int i = pending.size() - 1; i >= 0; i--) {
            Guard h = pending.get(i);
            Sym l = link(h.cond, h.polarity);
            h.open = above == null ? l : above.ifElse(l, Sym.ZERO);
            above = h.open;
        }
        return java.util.Objects.requireNonNull(open);
    }

    /** {@return {@code x} where guard {@code g} is open (null: everywhere), exactly 0 elsewhere}, link by link */
    static Sym wrap(Sym x, @Nullable Guard g) {
        for (Guard h = g; h != null; h = h.parent) {
            x = h.wrapLast(x);
        }
        return x;
    }

    /** {@return {@code x} where the last link is open, exactly 0 elsewhere} (valid where the parent is open) */
    Sym wrapLast(Sym x) {
        return polarity ? cond.ifElse(x, Sym.ZERO) : cond.ifElse(Sym.ZERO, x);
    }

    /** {@return the longest guard that both {@code a} and {@code b} extend; null when either is} */
    static @Nullable Guard common(@Nullable Guard a, @Nullable Guard b) {
        while (a != null && b != null && a != b) {
            if (a.depth >= b.depth) {
                a = a.parent;
            } else {
                b = b.parent;
            }
        }
        return a == b ? a : null;
    }
}
