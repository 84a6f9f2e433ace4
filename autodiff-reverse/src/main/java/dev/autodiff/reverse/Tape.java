package dev.autodiff.reverse;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import dev.autodiff.core.internal.rules.ScalarRules;
import dev.autodiff.reverse.internal.Recording;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A scope that records arithmetic on {@link Tracked} scalars, for code that builds no expression;
 * its {@link #gradient} is one backward sweep over what was recorded.
 *
 * <pre>{@code
 * try (Tape tape = Tape.open()) {
 *     Tracked x = tape.variable(2), y = tape.variable(3);
 *     Tracked f = x.times(y).plus(x.sin());        // Kotlin: x * y + sin(x)
 *     double[] g = tape.gradient(f, x, y);         // {y + cos x, x}
 * }
 * }</pre>
 *
 * <p>There is no global tape: each scope opens its own, and scalars know their tape. A tape and its
 * scalars belong to the thread that opened it: using them from another thread throws
 * {@link IllegalStateException}. Closing a tape makes its scalars unusable. An operation that
 * throws (a custom operation's rule, a missing derivative) leaves every tape as it was before it.
 *
 * <p><b>Nesting, to any depth.</b> {@link #openNested()} opens a tape inside this one, for a
 * gradient inside a gradient. Each scalar of the nested tape also carries its value, and its local
 * partial derivatives, as scalars of the enclosing tape (the partials come from the generic rule
 * table, so they are recorded there like any other arithmetic), so {@link #trackedGradient} returns
 * a gradient the enclosing tape can differentiate again; and since the enclosing tape may itself be
 * nested, so on to any order. Scalars of enclosing tapes used in a nested one enter it as leaves.
 * {@link #derivativeOf} and {@link #gradientOf} do all of this in one call:
 *
 * <pre>{@code
 * // d/dx [x · d/dy (x·y)] = d/dx [x²] = 2x
 * double d = Reverse.derivative(x -> x.tape().derivativeOf(y -> x.times(y), 3.0).times(x), 5.0);   // 10
 * // third derivative: three tapes, each differentiating the one inside it
 * double d3 = Reverse.derivative(x -> x.tape().derivativeOf(y -> y.tape().derivativeOf(Tracked::sin, y), x), 0.3);   // -cos 0.3
 * }</pre>
 *
 * <p>A tape nested k deep records about c^k operations for each of its own (c a small constant),
 * so depths of a handful are cheap. A custom operation on a tape nested k deep needs derivatives up
 * to order k + 1 ({@link CustomOperation#withDerivatives}) or a derivative expression
 * ({@link CustomOperation#withSymbolicDerivative}).
 */
public final class Tape implements AutoCloseable {
    private static final int[] NOTHING = {};

    private final @Nullable Tape parent;
    private final Thread owner;
    private final Recording recording = new Recording();
    private final Partials partials = new Partials();
    // Nested tapes only: per node, its value and local partials as scalars of the parent tape (a
    // null partial is one the rule table knows to be zero everywhere).
    private final List<Tracked> outerValue = new ArrayList<>();
    private final List<@Nullable Tracked> outerDa = new ArrayList<>();
    private final List<@Nullable Tracked> outerDb = new ArrayList<>();
    private boolean closed;

    private Tape(@Nullable Tape parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
    }

    /** {@return a new top-level tape}, belonging to the calling thread; close it, best with try-with-resources */
    public static Tape open() {
        return new Tape(null);
    }

    /** {@return a new tape nested in this one}, whose gradients are scalars of this tape */
    public Tape openNested() {
        checkOpen();
        return new Tape(this);
    }

    /** {@return whether this tape is nested in another} */
    public boolean isNested() {
        return parent != null;
    }

    /** {@return the number of tapes this one is nested in: 0 for a top-level tape} */
    public int depth() {
        int d = 0;
        for (Tape t = parent; t != null; t = t.parent) {
            d++;
        }
        return d;
    }

    /** {@return the number of nodes recorded so far} */
    public int size() {
        return recording.size();
    }

    /** {@return a new independent variable with value {@code value}} */
    public Tracked variable(double value) {
        checkOpen();
        int[] marks = marks();
        try {
            return leaf(value, false, parent == null ? null : parent.constant(value));
        } catch (RuntimeException | Error e) {
            rollback(marks);
            throw e;
        }
    }

    /**
     * {@return a new variable of this nested tape whose value is {@code value}, a scalar of a tape
     * this one is nested in}, so that derivatives taken here depend on it there
     *
     * @throws IllegalArgumentException when {@code value} is not a scalar of an enclosing tape
     */
    public Tracked variable(Tracked value) {
        checkOpen();
        Objects.requireNonNull(value, "expected a scalar of an enclosing tape, got null");
        if (parent == null || !value.tape().encloses(this)) {
            throw new IllegalArgumentException("a variable given as a scalar needs a nested tape and a scalar of "
                    + "a tape it is nested in; use variable(double) otherwise");
        }
        int[] marks = marks();
        try {
            return leaf(value.value(), false, parent.adopt(value));
        } catch (RuntimeException | Error e) {
            rollback(marks);
            throw e;
        }
    }

    /** {@return the constant {@code value} on this tape} */
    public Tracked constant(double value) {
        checkOpen();
        int[] marks = marks();
        try {
            return leaf(value, true, parent == null ? null : parent.constant(value));
        } catch (RuntimeException | Error e) {
            rollback(marks);
            throw e;
        }
    }

    /**
     * {@return the gradient of {@code output} with respect to {@code inputs}}, by one backward sweep
     *
     * @throws IllegalArgumentException when a scalar is not of this tape
     */
    public double[] gradient(Tracked output, Tracked... inputs) {
        checkOpen();
        Tracked out = own(Objects.requireNonNull(output, "expected an output scalar, got null"), "the output");
        checkInputs(inputs);
        double[] adj = recording.adjoints(out.index());
        double[] g = new double[inputs.length];
        for (int k = 0; k < g.length; k++) {
            int i = inputs[k].index();
            g[k] = i < adj.length ? adj[i] : 0;
        }
        return g;
    }

    /**
     * {@return the gradient of {@code output} with respect to {@code inputs}, as scalars of the
     * enclosing tape}, which can differentiate it again
     *
     * @throws IllegalStateException when this tape is not nested
     * @throws IllegalArgumentException when a scalar is not of this tape
     */
    public Tracked[] trackedGradient(Tracked output, Tracked... inputs) {
        checkOpen();
        Tape outer = parent;
        if (outer == null) {
            throw new IllegalStateException("a tracked gradient needs a nested tape (openNested()); use gradient");
        }
        Tracked out = own(Objects.requireNonNull(output, "expected an output scalar, got null"), "the output");
        checkInputs(inputs);
        int[] marks = outer.allMarks();
        try {
            // The backward sweep of this tape, recorded on the parent: adjoints are parent scalars.
            Tracked[] adj = new Tracked[out.index() + 1];
            adj[out.index()] = outer.constant(1);
            for (int i = out.index(); i >= 0; i--) {
                Tracked g = adj[i];
                int l = recording.left(i);
                if (g == null || l < 0) {
                    continue;
                }
                adj[l] = accumulate(adj[l], times(g, outerDa.get(i)));
                int r = recording.right(i);
                if (r >= 0) {
                    adj[r] = accumulate(adj[r], times(g, outerDb.get(i)));
                }
            }
            Tracked[] result = new Tracked[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                int i = inputs[k].index();
                Tracked a = i < adj.length ? adj[i] : null;
                result[k] = a != null ? a : outer.constant(0);
            }
            return result;
        } catch (RuntimeException | Error e) {
            outer.rollback(marks);
            throw e;
        }
    }

    /**
     * {@return {@code f'(at)} as a scalar of this tape}, computed on a nested tape; {@code f} may use
     * scalars of this tape, and the result depends on them as it should
     */
    public Tracked derivativeOf(UnaryOperator<Tracked> f, double at) {
        Objects.requireNonNull(f, "expected a function, got null");
        return gradientOf(v -> f.apply(v[0]), at)[0];
    }

    /** {@return {@code f'(at)} as a scalar of this tape}, for a point that is itself a scalar of this tape */
    public Tracked derivativeOf(UnaryOperator<Tracked> f, Tracked at) {
        Objects.requireNonNull(f, "expected a function, got null");
        return gradientOf(v -> f.apply(v[0]), at)[0];
    }

    /** {@return ∇f(at) as scalars of this tape}, computed on a nested tape; see {@link #derivativeOf} */
    public Tracked[] gradientOf(Function<Tracked[], Tracked> f, double... at) {
        Objects.requireNonNull(at, "expected a point, got null");
        checkOpen();
        int[] marks = allMarks();
        try {
            Tracked[] p = new Tracked[at.length];
            for (int k = 0; k < p.length; k++) {
                p[k] = constant(at[k]);
            }
            return gradientOf(f, p);
        } catch (RuntimeException | Error e) {
            rollback(marks);
            throw e;
        }
    }

    /** {@return ∇f(at) as scalars of this tape}, for a point whose coordinates are scalars of this tape */
    public Tracked[] gradientOf(Function<Tracked[], Tracked> f, Tracked... at) {
        Objects.requireNonNull(f, "expected a function, got null");
        Objects.requireNonNull(at, "expected a point, got null");
        checkOpen();
        int[] marks = allMarks();
        try (Tape inner = openNested()) {
            Tracked[] xs = new Tracked[at.length];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = inner.variable(Objects.requireNonNull(at[k], "expected a point without nulls, got null at " + k));
            }
            Tracked y = Objects.requireNonNull(f.apply(xs.clone()), "expected the function to return a scalar, got null");
            return inner.trackedGradient(y, xs);
        } catch (RuntimeException | Error e) {
            // what f recorded here, through the nested tape or directly, is undone with it
            rollback(marks);
            throw e;
        }
    }

    /** Closes this tape: its scalars can no longer be used. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return (parent == null ? "Tape" : "nested Tape") + "(" + recording.size() + " nodes" + (closed ? ", closed)" : ")");
    }

    // ---- recording, used by Tracked ----

    /** {@return whether this tape is {@code t} or one of the tapes {@code t} is nested in} */
    boolean encloses(Tape t) {
        for (Tape u = t; u != null; u = u.parent) {
            if (u == this) {
                return true;
            }
        }
        return false;
    }

    /** {@return the tape an operation on scalars of {@code a} and {@code b} records on: the innermost} */
    static Tape common(Tape a, Tape b) {
        if (a.encloses(b)) {
            return b;
        }
        if (b.encloses(a)) {
            return a;
        }
        throw new IllegalArgumentException("an operation mixes scalars of unrelated tapes (" + a + ", " + b
                + "); a scalar mixes only with scalars of its own tape and of the tapes it is nested in");
    }

    /**
     * Records primitive {@code p} of {@code a} and (for a binary primitive) {@code b}, with
     * parameter {@code param} (the exponent of POW_CONST) or the condition of IF_ELSE.
     */
    Tracked record(Primitive p, Tracked a, @Nullable Tracked b, double param, @Nullable Tracked condition) {
        checkOpen();
        int[] marks = marks();
        try {
            Tracked x = adopt(a);
            Tracked y = b == null ? null : adopt(b);
            Tracked c = condition == null ? null : adopt(condition);
            double third = c == null ? param : c.value();
            Rules.apply(p.ordinal(), x.value(), y == null ? 0 : y.value(), third, partials);
            double v = partials.value;
            double da = partials.da;
            double db = partials.db;
            boolean constant = isConstant(x) && (y == null || isConstant(y));
            if (parent == null) {
                int i = recording.append(v, x.index(), y == null ? -1 : y.index(), da, db, constant);
                noteUnbounded(i, p, x, y, third);
                return new Tracked(this, i, v);
            }
            // The node's value and partials as scalars of the parent, all computed before this tape
            // changes; the partials come from the generic table, so the parent can differentiate them.
            Tracked xo = outer(x);
            Tracked yo = y == null ? null : outer(y);
            Tracked co = c == null ? null : outer(c);
            Tracked vo = p == Primitive.IF_ELSE ? Objects.requireNonNull(co).ifElse(xo, Objects.requireNonNull(yo))
                    : p == Primitive.POW_CONST ? xo.pow(param)
                    : p == Primitive.POLYGAMMA ? xo.polygamma((int) param)
                    : yo == null ? xo.apply(p) : xo.apply(p, yo);
            ScalarRules.Pair<Tracked> d = ScalarRules.partials(p, xo, yo, param, co, vo);
            int i = recording.append(v, x.index(), y == null ? -1 : y.index(), da, db, constant);
            noteUnbounded(i, p, x, y, third);
            outerValue.add(vo);
            outerDa.add(structural(d.da()));
            outerDb.add(structural(d.db()));
            return new Tracked(this, i, v);
        } catch (RuntimeException | Error e) {
            rollback(marks);
            throw e;
        }
    }

    /**
     * Notes node {@code i} for the overflow-safe products of the backward sweep when a partial is not
     * finite (the quotient's -a/b² near b = 0); two comparisons otherwise.
     */
    private void noteUnbounded(int i, Primitive p, Tracked x, @Nullable Tracked y, double third) {
        if (!(Math.abs(partials.da) <= Double.MAX_VALUE) || !(Math.abs(partials.db) <= Double.MAX_VALUE)) {
            recording.unbounded(i, p.ordinal(), x.value(), y == null ? 0 : y.value(), third);
        }
    }

    /** Records custom operation {@code op} of {@code a}. */
    Tracked record(CustomOperation op, Tracked a) {
        checkOpen();
        int[] marks = marks();
        try {
            Tracked x = adopt(a);
            double v = op.value(x.value());
            double d = op.derivative(x.value());
            if (parent == null) {
                return new Tracked(this, recording.append(v, x.index(), -1, d, 0, isConstant(x)), v);
            }
            Tracked xo = outer(x);
            Tracked vo = xo.apply(op);
            Tracked dao = structural(ScalarRules.partial(op, xo));
            int i = recording.append(v, x.index(), -1, d, 0, isConstant(x));
            outerValue.add(vo);
            outerDa.add(dao);
            outerDb.add(null);
            return new Tracked(this, i, v);
        } catch (RuntimeException | Error e) {
            rollback(marks);
            throw e;
        }
    }

    /** {@return the comparison {@code p} of {@code a} and {@code b}: a constant 1 or 0 on the innermost of their tapes} */
    Tracked compare(Primitive p, Tracked a, Tracked b) {
        a.tape().checkOpen();
        b.tape().checkOpen();
        return constant(Rules.value(p.ordinal(), a.value(), b.value(), 0));
    }

    private Tracked leaf(double value, boolean constant, @Nullable Tracked outer) {
        int i = recording.append(value, -1, -1, 0, 0, constant);
        if (parent != null) {
            outerValue.add(Objects.requireNonNull(outer));
            outerDa.add(null);
            outerDb.add(null);
        }
        return new Tracked(this, i, value);
    }

    /** {@return {@code t} as a scalar of this tape}: itself, or a scalar of an enclosing tape entering as a leaf */
    private Tracked adopt(Tracked t) {
        Tape home = t.tape();
        home.checkOpen();
        if (home == this) {
            return t;
        }
        if (parent == null || !home.encloses(this)) {
            throw new IllegalArgumentException("expected a scalar of " + this + " or of a tape it is nested in, got one of "
                    + home);
        }
        return leaf(t.value(), home.isConstant(t), parent.adopt(t));
    }

    /** {@return {@code t}, a scalar that must be of this tape} */
    private Tracked own(Tracked t, String what) {
        t.tape().checkOpen();
        if (t.tape() != this) {
            throw new IllegalArgumentException(what + " is a scalar of " + t.tape() + ", not of this " + this);
        }
        return t;
    }

    private Tracked outer(Tracked t) {
        return outerValue.get(t.index());
    }

    private boolean isConstant(Tracked t) {
        return recording.isConstant(t.index());
    }

    /** {@return {@code t}, or null when it is a constant zero: a structural zero the backward sweep skips} */
    private static @Nullable Tracked structural(@Nullable Tracked t) {
        return t == null || (t.value() == 0 && t.tape().isConstant(t)) ? null : t;
    }

    /** {@return {@code g · d}, or null when either is a structural zero}: the chain rule's zero-factor rule */
    private static @Nullable Tracked times(Tracked g, @Nullable Tracked d) {
        return d == null || structural(g) == null ? null : g.times(d);
    }

    private static @Nullable Tracked accumulate(@Nullable Tracked sum, @Nullable Tracked term) {
        return term == null ? sum : sum == null ? term : sum.plus(term);
    }

    private void checkInputs(Tracked[] inputs) {
        Objects.requireNonNull(inputs, "expected input scalars, got null");
        for (int k = 0; k < inputs.length; k++) {
            Objects.requireNonNull(inputs[k], "expected input scalars without nulls, got null at index " + k);
            own(inputs[k], "input " + k);
        }
    }

    /**
     * {@return the sizes of the tapes an operation of one node may change}, to roll back to: none
     * for a top-level tape, which appends that node last, after everything that may fail
     */
    private int[] marks() {
        return parent == null ? NOTHING : allMarks();
    }

    /** {@return the sizes of this tape and of each tape it is nested in}, to roll back to */
    private int[] allMarks() {
        int[] m = new int[depth() + 1];
        Tape t = this;
        for (int k = 0; k < m.length; k++) {
            m[k] = Objects.requireNonNull(t).recording.size();
            t = t.parent;
        }
        return m;
    }

    /** Forgets what this tape and the tapes it is nested in recorded since {@code marks} were taken. */
    private void rollback(int[] marks) {
        Tape t = this;
        for (int m : marks) {
            Tape u = Objects.requireNonNull(t);
            u.recording.truncate(m);
            if (u.parent != null) {
                u.outerValue.subList(m, u.outerValue.size()).clear();
                u.outerDa.subList(m, u.outerDa.size()).clear();
                u.outerDb.subList(m, u.outerDb.size()).clear();
            }
            t = u.parent;
        }
    }

    private void checkOpen() {
        Thread current = Thread.currentThread();
        if (current != owner) {
            throw new IllegalStateException("a tape belongs to the thread that opened it (" + owner.getName()
                    + "), but it was used from thread " + current.getName() + "; open one tape per thread");
        }
        if (closed) {
            throw new IllegalStateException("this tape is closed; use its scalars inside its scope");
        }
    }
}
