package dev.autodiff.forward;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import dev.autodiff.core.internal.rules.ScalarRules;
import dev.autodiff.core.internal.rules.TaylorRules;
import org.jspecify.annotations.Nullable;

/**
 * The functions of {@link Dual} that read the rule tables: unary primitives, binary ones and custom
 * operations.
 */
final class DualMath {
    private DualMath() {}

    /** {@return {@code s + t}}, skipping exactly-zero terms (they carry no perturbation) */
    static Dual sum(Dual s, Dual t) {
        return s.isZero() ? t : t.isZero() ? s : s.plus(t);
    }

    /**
     * {@return {@code t · d}}, exactly zero when either factor is exactly zero even if the other is
     * not finite: the chain rule's one rule for a zero factor, as {@code Partials.times} states it.
     * A null {@code d} is a partial the rule table knows to be zero everywhere.
     */
    static Dual scale(Dual t, @Nullable Dual d) {
        return d == null || t.isZero() || d.isZero() ? Dual.ZERO : t.times(d);
    }

    /** {@return {@code t · d}}, exactly zero when either factor is; see {@link #scale(Dual, Dual)} */
    static Dual scale(Dual t, double d) {
        return t.isZero() || d == 0 ? Dual.ZERO : t.times(d);
    }

    /**
     * {@return {@code t · partial}} for operand {@code operand} (0 or 1) of binary primitive
     * {@code code} at plain operands {@code (a, b)}: {@link #scale(Dual, double)} where the partial is
     * finite, and where it is not the rule table's overflow-safe product ({@link Rules#chain}, as the
     * compiled modes form it): the quotient's {@code -a/b²} overflows where {@code -(t·(a/b))/b} does
     * not for a small tangent. That product is linear in t, so it is applied to each number in t.
     */
    static Dual chain(Dual t, int code, int operand, double a, double b, double partial) {
        if (Math.abs(partial) <= Double.MAX_VALUE || t.isZero()) {
            return scale(t, partial);
        }
        if (t.tag == 0) {
            return Dual.constant(Rules.chain(code, operand, t.real, a, b, 0, partial));
        }
        return Dual.make(t.tag, chain(t.primal(), code, operand, a, b, partial), chain(t.tangent(), code, operand, a, b, partial));
    }

    /**
     * {@return unary primitive {@code op} (with parameter {@code p}) applied to {@code x}}: the rule
     * table for one perturbation level, the Taylor table {@code Σ f^(k)(x₀)/k!·δ^k} for more
     */
    static Dual unary(Primitive op, Dual x, double p) {
        int code = op.ordinal();
        if (x.tag == 0) {
            return Dual.constant(Rules.value(code, x.real, 0, p));
        }
        if (x.order == 1) {
            // x = x₀ + t·ε with a plain x₀: f(x) = f(x₀) + f'(x₀)·t·ε, even when t has older tags
            Partials q = new Partials();
            Rules.apply(code, x.real, 0, p, q);
            return Dual.make(x.tag, Dual.constant(q.value), scale(x.tangent(), q.da));
        }
        int m = x.order;
        double[] s = new double[2 * (m + 1)];
        s[0] = x.real;
        s[1] = 1;
        TaylorRules.apply(code, p, null, s, 0, -1, m + 1, m, new TaylorRules.Scratch(m));
        Dual delta = x.minus(x.real);
        Dual r = Dual.constant(s[m + 1 + m]);
        for (int k = m - 1; k >= 0; k--) {
            r = r.times(delta).plus(s[m + 1 + k]);
        }
        return r;
    }

    /** {@return binary primitive {@code op} (DIV, POW, ATAN2, HYPOT, …) applied to {@code a} and {@code b}} */
    static Dual binary(Primitive op, Dual a, Dual b) {
        int code = op.ordinal();
        if (a.tag == 0 && b.tag == 0) {
            return Dual.constant(Rules.value(code, a.real, b.real, 0));
        }
        long e = Math.max(a.tag, b.tag);
        Dual ap = a.primalAt(e);
        Dual at = a.tangentAt(e);
        Dual bp = b.primalAt(e);
        Dual bt = b.tangentAt(e);
        if (ap.tag == 0 && bp.tag == 0) {
            // one perturbation level: the first partials of the shared rule table
            Partials q = new Partials();
            Rules.apply(code, ap.real, bp.real, 0, q);
            return Dual.make(e, Dual.constant(q.value),
                    sum(chain(at, code, 0, ap.real, bp.real, q.da), chain(bt, code, 1, ap.real, bp.real, q.db)));
        }
        // nested: the partials as duals of the primal parts, from the generic rule table
        Dual v = binary(op, ap, bp);
        ScalarRules.Pair<Dual> d = ScalarRules.partials(op, ap, bp, 0, null, v);
        return Dual.make(e, v, sum(scale(at, d.da()), scale(bt, d.db())));
    }

    /**
     * {@return custom operation {@code op} applied to {@code x}}: {@code f(x₀) + f'(x₀)·t·ε}, with
     * {@code f'(x₀)} from the generic rule table, a dual itself when {@code x₀} is
     */
    static Dual custom(CustomOperation op, Dual x) {
        if (x.tag == 0) {
            return Dual.constant(op.value(x.real));
        }
        Dual p = x.primal();
        Dual t = x.tangent();
        if (p.tag == 0) {
            // one perturbation level: the numeric derivative
            return Dual.make(x.tag, Dual.constant(op.value(p.real)), scale(t, op.derivative(p.real)));
        }
        return Dual.make(x.tag, custom(op, p), scale(t, ScalarRules.partial(op, p)));
    }
}
