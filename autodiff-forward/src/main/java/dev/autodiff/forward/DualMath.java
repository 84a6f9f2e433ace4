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
     * {@return {@code t · d}}, a chain-rule product: exactly zero when either factor is exactly zero
     * even if the other is not finite, the chain rule's one rule for a zero factor as
     * {@code Partials.times} states it, and so in every part of nested duals (a part that is 0
     * times one that is infinite contributes 0, as in the compiled second-order sweeps). A null
     * {@code d} is a partial the rule table knows to be zero everywhere.
     */
    static Dual scale(Dual t, @Nullable Dual d) {
        return d == null || t.isZero() || d.isZero() ? Dual.ZERO : strongTimes(t, d);
    }

    /** {@return {@code t · d}}, a chain-rule product; see {@link #scale(Dual, Dual)} */
    static Dual scale(Dual t, double d) {
        if (t.isZero() || d == 0) {
            return Dual.ZERO;
        }
        if (t.tag == 0) {
            return Dual.constant(Partials.times(t.real, d));
        }
        return t.isChunk() ? ChunkMath.map(t, s -> scale(s, d)) : Dual.make(t.tag, scale(t.primal(), d), scale(t.tangent(), d));
    }

    /** {@return {@code a · b} by the product rule on the parts of the newer tag, every product with the zero-factor rule} */
    private static Dual strongTimes(Dual a, Dual b) {
        if (a.tag == 0 && b.tag == 0) {
            return Dual.constant(Partials.times(a.real, b.real));
        }
        if (Dual.chunkAt(a, b)) {
            return ChunkMath.chainProduct(a, b);
        }
        long e = Math.max(a.tag, b.tag);
        Dual ap = a.primalAt(e);
        Dual bp = b.primalAt(e);
        return Dual.make(e, scale(ap, bp), sum(scale(a.tangentAt(e), bp), scale(b.tangentAt(e), ap)));
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
        if (t.isChunk()) {
            return ChunkMath.map(t, s -> chain(s, code, operand, a, b, partial));
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
            Rules.applyFirst(code, x.real, 0, p, q);
            if (x.isChunk()) {
                return ChunkMath.scaled(x, Dual.constant(q.value), q.da);
            }
            return Dual.make(x.tag, Dual.constant(q.value), scale(x.tangent(), q.da));
        }
        int m = x.order;
        double[] s = new double[2 * (m + 1)];
        s[0] = x.real;
        s[1] = 1;
        TaylorRules.apply(code, p, null, s, 0, -1, m + 1, m, new TaylorRules.Scratch(m));
        // δ = x - x₀ with its real part exactly 0: subtracting x₀ would make it NaN where x₀ is infinite
        // Σ c_k·δ^k, each term a chain-rule product: a coefficient that is 0 (or a part of δ^k that
        // is) contributes 0 even where the other is infinite or NaN
        Dual delta = withoutReal(x);
        Dual r = Dual.constant(s[m + 1]);
        Dual power = Dual.ONE;
        for (int k = 1; k <= m; k++) {
            power = scale(power, delta);
            r = sum(r, scale(power, s[m + 1 + k]));
        }
        return r;
    }

    /**
     * {@return {@code x} with its real part replaced by 0}: its perturbations alone. Recurses along
     * the primal chain, whose length is the nesting depth.
     */
    static Dual withoutReal(Dual x) {
        if (x.tag == 0) {
            return Dual.ZERO;
        }
        return x.isChunk() ? ChunkMath.withPrimal(x, withoutReal(x.primal())) : Dual.make(x.tag, withoutReal(x.primal()), x.tangent());
    }

    /** {@return binary primitive {@code op} (DIV, POW, ATAN2, HYPOT, …) applied to {@code a} and {@code b}} */
    static Dual binary(Primitive op, Dual a, Dual b) {
        int code = op.ordinal();
        if (a.tag == 0 && b.tag == 0) {
            return Dual.constant(Rules.value(code, a.real, b.real, 0));
        }
        long e = Math.max(a.tag, b.tag);
        boolean chunk = Dual.chunkAt(a, b);
        Dual ap = a.primalAt(e);
        Dual bp = b.primalAt(e);
        if (ap.tag == 0 && bp.tag == 0) {
            // one perturbation level: the first partials of the shared rule table
            Partials q = new Partials();
            Rules.applyFirst(code, ap.real, bp.real, 0, q);
            Dual v = Dual.constant(q.value);
            return chunk ? ChunkMath.chain(e, a, b, v, code, ap.real, bp.real, q.da, q.db)
                    : Dual.make(e, v, sum(chain(a.tangentAt(e), code, 0, ap.real, bp.real, q.da),
                            chain(b.tangentAt(e), code, 1, ap.real, bp.real, q.db)));
        }
        // nested: the partials as duals of the primal parts, from the generic rule table
        Dual v = binary(op, ap, bp);
        ScalarRules.Pair<Dual> d = ScalarRules.partials(op, ap, bp, 0, null, v);
        return chunk ? ChunkMath.chain(e, a, b, v, d.da(), d.db())
                : Dual.make(e, v, sum(scale(a.tangentAt(e), d.da()), scale(b.tangentAt(e), d.db())));
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
        if (p.tag == 0) {
            // one perturbation level: the numeric derivative
            Dual v = Dual.constant(op.value(p.real));
            double d = op.derivative(p.real);
            return x.isChunk() ? ChunkMath.scaled(x, v, d) : Dual.make(x.tag, v, scale(x.tangent(), d));
        }
        Dual v = custom(op, p);
        Dual d = ScalarRules.partial(op, p);
        return x.isChunk() ? ChunkMath.scaled(x, v, d) : Dual.make(x.tag, v, scale(x.tangent(), d));
    }
}
