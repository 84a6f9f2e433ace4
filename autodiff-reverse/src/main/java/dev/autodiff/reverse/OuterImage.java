package dev.autodiff.reverse;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a nested tape keeps of each of its nodes on the tape it is nested in: the node's value and
 * its local partials as scalars there, so that the enclosing tape can differentiate a gradient taken
 * here. A null partial is a structural zero (the rule table knows it is zero everywhere), which the
 * nested backward sweep skips.
 */
final class OuterImage {
    private final List<Tracked> value = new ArrayList<>();
    private final List<@Nullable Tracked> da = new ArrayList<>();
    private final List<@Nullable Tracked> db = new ArrayList<>();

    /** Adds the next node's value and partials. */
    void add(Tracked v, @Nullable Tracked partialA, @Nullable Tracked partialB) {
        value.add(v);
        da.add(partialA);
        db.add(partialB);
    }

    /** {@return node {@code i}'s value on the enclosing tape} */
    Tracked value(int i) {
        return value.get(i);
    }

    /** {@return node {@code i}'s partial with respect to its left operand, or null for a structural zero} */
    @Nullable Tracked da(int i) {
        return da.get(i);
    }

    /** {@return node {@code i}'s partial with respect to its right operand, or null for a structural zero} */
    @Nullable Tracked db(int i) {
        return db.get(i);
    }

    /** Forgets the nodes from {@code size} on. */
    void truncate(int size) {
        value.subList(size, value.size()).clear();
        da.subList(size, da.size()).clear();
        db.subList(size, db.size()).clear();
    }
}
