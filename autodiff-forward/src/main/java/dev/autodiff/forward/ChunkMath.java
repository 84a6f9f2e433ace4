package dev.autodiff.forward;

import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Arithmetic on chunk duals: a tag standing for k perturbations {@code ε₁ … ε_k} with
 * {@code εᵢ·εⱼ = 0}, whose duals carry k tangents (see {@link Dual}'s chunks). Each operation
 * computes tangent j by the formula {@link Dual} and {@link DualMath} use for a single perturbation,
 * with the same zero rules ({@link Partials#times}, and a sum that skips an exact zero), so tangent
 * j is the one an evaluation perturbing variable j alone gives, and a tangent that is exactly zero
 * behaves as no perturbation.
 *
 * <p>Tangents are plain numbers ({@code double[]}, the fast case of a function of a plain point)
 * while no tangent or partial derivative carries an older perturbation, and duals otherwise; a
 * chunk whose tangents are all exactly zero is dropped, as a single zero tangent is.
 */
final class ChunkMath {
    private ChunkMath() {}

    /** {@return the number of perturbations of {@code x}'s chunk tag} */
    static int width(Dual x) {
        double[] p = x.partials;
        return p != null ? p.length : tangentsOf(x).length;
    }

    /** {@return tangent j of chunk dual {@code x}}, an exact zero as the shared {@code ZERO} */
    static Dual component(Dual x, int j) {
        double[] p = x.partials;
        return p != null ? (p[j] == 0 ? Dual.ZERO : Dual.constant(p[j])) : tangentsOf(x)[j];
    }

    /** {@return {@code p + Σ t[j]·ε_j}}, or {@code p} when every tangent is exactly zero */
    static Dual make(long e, Dual p, double[] t) {
        for (double v : t) {
            if (v != 0) {
                return Dual.chunk(e, p, t);
            }
        }
        return p;
    }

    /** {@return {@code p + Σ t[j]·ε_j}}, as plain numbers when all are, or {@code p} when all are exactly zero */
    static Dual make(long e, Dual p, Dual[] t) {
        boolean zero = true;
        boolean plain = true;
        for (int j = 0; j < t.length; j++) {
            if (t[j].isZero()) {
                t[j] = Dual.ZERO;
            } else {
                zero = false;
                plain &= t[j].tag == 0;
            }
        }
        if (zero) {
            return p;
        }
        if (!plain) {
            return Dual.chunk(e, p, t);
        }
        double[] r = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            r[j] = t[j].real;
        }
        return Dual.chunk(e, p, r);
    }

    /** {@return {@code a + b}}, the newer of their tags a chunk */
    static Dual plus(Dual a, Dual b) {
        long e = Math.max(a.tag, b.tag);
        Dual p = a.primalAt(e).plus(b.primalAt(e));
        if (a.tag != b.tag) {
            // one side is not perturbed at e: the tangents are the other's, unchanged (a running
            // sum that meets the chunk's variables once keeps its tangents through every later term)
            Dual c = a.tag == e ? a : b;
            double[] q = c.partials;
            return q != null ? Dual.chunk(e, p, q) : Dual.chunk(e, p, tangentsOf(c));
        }
        int k = width(a);
        if (plain(a, e) && plain(b, e)) {
            double[] t = new double[k];
            for (int j = 0; j < k; j++) {
                t[j] = sum(plain(a, e, j), plain(b, e, j));
            }
            return make(e, p, t);
        }
        Dual[] t = new Dual[k];
        for (int j = 0; j < k; j++) {
            t[j] = DualMath.sum(componentAt(a, e, j), componentAt(b, e, j));
        }
        return make(e, p, t);
    }

    /** {@return {@code a · b}} by the product rule on each tangent, the newer of their tags a chunk */
    static Dual times(Dual a, Dual b) {
        long e = Math.max(a.tag, b.tag);
        int k = width(a.tag == e ? a : b);
        Dual ap = a.primalAt(e);
        Dual bp = b.primalAt(e);
        if (ap.tag == 0 && bp.tag == 0 && plain(a, e) && plain(b, e)) {
            double[] t = new double[k];
            for (int j = 0; j < k; j++) {
                t[j] = sum(Partials.times(plain(a, e, j), bp.real), Partials.times(plain(b, e, j), ap.real));
            }
            return make(e, ap.times(bp), t);
        }
        return productRule(a, b, ap.times(bp));
    }

    /**
     * {@return {@code a · b}} as a chain-rule product ({@link DualMath#scale(Dual, Dual)}), the newer
     * of their tags a chunk: the product rule on each tangent with the zero-factor rule in every
     * part, the primal's product included
     */
    static Dual chainProduct(Dual a, Dual b) {
        long e = Math.max(a.tag, b.tag);
        return productRule(a, b, DualMath.scale(a.primalAt(e), b.primalAt(e)));
    }

    /** {@return {@code primal + Σ (a'ⱼ·b₀ + b'ⱼ·a₀)·ε_j}} at the newer tag of {@code a} and {@code b}, a chunk, each product a chain-rule one */
    private static Dual productRule(Dual a, Dual b, Dual primal) {
        long e = Math.max(a.tag, b.tag);
        int k = width(a.tag == e ? a : b);
        Dual ap = a.primalAt(e);
        Dual bp = b.primalAt(e);
        Dual[] t = new Dual[k];
        for (int j = 0; j < k; j++) {
            t[j] = DualMath.sum(DualMath.scale(componentAt(a, e, j), bp), DualMath.scale(componentAt(b, e, j), ap));
        }
        return make(e, primal, t);
    }

    /** {@return chunk dual {@code x} with its primal replaced by {@code p}}, its tangents as they are */
    static Dual withPrimal(Dual x, Dual p) {
        double[] q = x.partials;
        return q != null ? Dual.chunk(x.tag, p, q) : Dual.chunk(x.tag, p, tangentsOf(x));
    }

    /** {@return {@code x · c}} for chunk dual {@code x} */
    static Dual times(Dual x, double c) {
        return scaled(x, x.primal().times(c), c);
    }

    /** {@return {@code x / c}} for chunk dual {@code x}; a zero tangent stays zero even when c is 0 */
    static Dual div(Dual x, double c) {
        Dual p = x.primal().div(c);
        double[] q = x.partials;
        if (q != null) {
            double[] t = new double[q.length];
            for (int j = 0; j < t.length; j++) {
                t[j] = q[j] == 0 ? 0 : q[j] / c;
            }
            return make(x.tag, p, t);
        }
        Dual[] s = tangentsOf(x);
        Dual[] t = new Dual[s.length];
        for (int j = 0; j < t.length; j++) {
            t[j] = s[j].isZero() ? Dual.ZERO : s[j].div(c);
        }
        return make(x.tag, p, t);
    }

    /** {@return {@code -x}} for chunk dual {@code x} */
    static Dual negate(Dual x) {
        Dual p = x.primal().unaryMinus();
        double[] q = x.partials;
        if (q != null) {
            double[] t = new double[q.length];
            for (int j = 0; j < t.length; j++) {
                t[j] = -q[j];
            }
            return make(x.tag, p, t);
        }
        return make(x.tag, p, map(tangentsOf(x), Dual::unaryMinus));
    }

    /** {@return {@code v + Σ tⱼ·d·ε_j}} for chunk dual {@code x = x₀ + Σ tⱼ·ε_j}: the chain rule with a plain partial {@code d} */
    static Dual scaled(Dual x, Dual v, double d) {
        double[] q = x.partials;
        if (q != null) {
            double[] t = new double[q.length];
            for (int j = 0; j < t.length; j++) {
                t[j] = Partials.times(q[j], d);
            }
            return make(x.tag, v, t);
        }
        return make(x.tag, v, map(tangentsOf(x), s -> DualMath.scale(s, d)));
    }

    /** {@return {@code v + Σ tⱼ·d·ε_j}}, as {@link #scaled(Dual, Dual, double)} with a partial that is a dual (null: zero) */
    static Dual scaled(Dual x, Dual v, @Nullable Dual d) {
        int k = width(x);
        Dual[] t = new Dual[k];
        for (int j = 0; j < k; j++) {
            t[j] = DualMath.scale(component(x, j), d);
        }
        return make(x.tag, v, t);
    }

    /**
     * {@return {@code v + Σ (a'ⱼ·da + b'ⱼ·db)·ε_j}} at the newer tag {@code e} of {@code a} and
     * {@code b}, a chunk: the chain rule of binary primitive {@code code} at plain operands
     * {@code (x, y)} with plain partials, each product formed as {@link DualMath#chain} forms it
     * (the rule table's overflow-safe product where a partial is not finite)
     */
    static Dual chain(long e, Dual a, Dual b, Dual v, int code, double x, double y, double da, double db) {
        int k = width(a.tag == e ? a : b);
        if (plain(a, e) && plain(b, e)) {
            double[] t = new double[k];
            for (int j = 0; j < k; j++) {
                t[j] = sum(product(code, 0, plain(a, e, j), x, y, da), product(code, 1, plain(b, e, j), x, y, db));
            }
            return make(e, v, t);
        }
        Dual[] t = new Dual[k];
        for (int j = 0; j < k; j++) {
            t[j] = DualMath.sum(DualMath.chain(componentAt(a, e, j), code, 0, x, y, da),
                    DualMath.chain(componentAt(b, e, j), code, 1, x, y, db));
        }
        return make(e, v, t);
    }

    private static double product(int code, int operand, double weight, double x, double y, double partial) {
        return Math.abs(partial) <= Double.MAX_VALUE ? Partials.times(weight, partial)
                : Rules.chain(code, operand, weight, x, y, 0, partial);
    }

    /** {@return the chain rule of a binary primitive as {@link #chain(long, Dual, Dual, Dual, double, double)}, with partials that are duals (null: zero)} */
    static Dual chain(long e, Dual a, Dual b, Dual v, @Nullable Dual da, @Nullable Dual db) {
        int k = width(a.tag == e ? a : b);
        Dual[] t = new Dual[k];
        for (int j = 0; j < k; j++) {
            t[j] = DualMath.sum(DualMath.scale(componentAt(a, e, j), da), DualMath.scale(componentAt(b, e, j), db));
        }
        return make(e, v, t);
    }

    /** {@return chunk dual {@code x} with {@code f} applied to its primal and to each tangent} */
    static Dual map(Dual x, UnaryOperator<Dual> f) {
        int k = width(x);
        Dual[] t = new Dual[k];
        for (int j = 0; j < k; j++) {
            t[j] = f.apply(component(x, j));
        }
        return make(x.tag, f.apply(x.primal()), t);
    }

    private static Dual[] map(Dual[] s, UnaryOperator<Dual> f) {
        Dual[] t = new Dual[s.length];
        for (int j = 0; j < t.length; j++) {
            t[j] = f.apply(s[j]);
        }
        return t;
    }

    /** {@return {@code s + t}, skipping an exact zero as {@link DualMath#sum} does} */
    private static double sum(double s, double t) {
        return s == 0 ? t : t == 0 ? s : s + t;
    }

    /** {@return whether {@code x}'s tangents at chunk tag {@code e} are plain numbers (or absent: all zero)} */
    private static boolean plain(Dual x, long e) {
        return x.tag != e || x.partials != null;
    }

    /** {@return tangent j of {@code x} at chunk tag {@code e}, plain by {@link #plain(Dual, long)}} */
    private static double plain(Dual x, long e, int j) {
        double[] p = x.partials;
        return x.tag == e && p != null ? p[j] : 0;
    }

    private static Dual componentAt(Dual x, long e, int j) {
        return x.tag == e ? component(x, j) : Dual.ZERO;
    }

    private static Dual[] tangentsOf(Dual x) {
        Dual[] t = x.tangents;
        if (t == null) {
            throw new IllegalStateException("internal: expected a chunk dual, got " + x);
        }
        return t;
    }
}
