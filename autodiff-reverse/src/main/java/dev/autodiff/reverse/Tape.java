package dev.autodiff.reverse;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
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
 * scalars belong to one thread. Closing a tape makes its scalars unusable.
 *
 * <p><b>Nesting.</b> {@link #openNested()} opens a tape inside this one, for a gradient inside a
 * gradient. Each scalar of the nested tape also carries its value, and its local partial
 * derivatives, as scalars of the enclosing tape (a nested representation), so
 * {@link #trackedGradient} returns a gradient the enclosing tape can differentiate again. Scalars of
 * the enclosing tape used in the nested one enter it as leaves. The two tapes never share nodes.
 * {@link #derivativeOf} and {@link #gradientOf} do all of this in one call:
 *
 * <pre>{@code
 * // d/dx [x · d/dy (x·y)] = d/dx [x²] = 2x
 * double d = Reverse.derivative(x -> x.times(x.tape().derivativeOf(y -> x.times(y), 3.0)), 5.0);  // 10
 * }</pre>
 *
 * <p>Nesting goes one level deep: the partials of the nested tape are differentiated with the
 * second partial derivatives of the rule table, and a third level would need third derivatives,
 * which the table does not hold; {@link #openNested()} on a nested tape throws.
 */
public final class Tape implements AutoCloseable {
    private final @Nullable Tape parent;
    private final Recording recording = new Recording();
    private final Partials partials = new Partials();
    // Nested tapes only: per node, its value and local partials as scalars of the parent tape.
    private final List<Tracked> outerValue = new ArrayList<>();
    private final List<@Nullable Tracked> outerDa = new ArrayList<>();
    private final List<@Nullable Tracked> outerDb = new ArrayList<>();
    private boolean closed;

    private Tape(@Nullable Tape parent) {
        this.parent = parent;
    }

    /** {@return a new top-level tape}; close it, best with try-with-resources */
    public static Tape open() {
        return new Tape(null);
    }

    /**
     * {@return a new tape nested in this one}, whose gradients are scalars of this tape
     *
     * @throws UnsupportedOperationException when this tape is itself nested
     */
    public Tape openNested() {
        checkOpen();
        if (parent != null) {
            throw new UnsupportedOperationException("tapes nest one level deep: differentiating a nested tape's "
                    + "gradient again would need third derivatives, which the rule table does not hold");
        }
        return new Tape(this);
    }

    /** {@return whether this tape is nested in another} */
    public boolean isNested() {
        return parent != null;
    }

    /** {@return the number of nodes recorded so far} */
    public int size() {
        return recording.size();
    }

    /**
     * {@return a new independent variable with value {@code value}}
     *
     * @param value the value
     */
    public Tracked variable(double value) {
        checkOpen();
        return leaf(value, parent == null ? null : parent.constant(value));
    }

    /**
     * {@return a new variable of this nested tape whose value is {@code value}, a scalar of the
     * enclosing tape}, so that derivatives taken here depend on it there
     *
     * @param value the value
     * @throws IllegalArgumentException when {@code value} is not a scalar of the enclosing tape
     */
    public Tracked variable(Tracked value) {
        checkOpen();
        Objects.requireNonNull(value, "expected a scalar of the enclosing tape, got null");
        if (parent == null || value.tape() != parent) {
            throw new IllegalArgumentException("a variable given as a scalar needs a nested tape and a scalar of "
                    + "the tape it is nested in; use variable(double) otherwise");
        }
        return leaf(value.value(), value);
    }

    /**
     * {@return the constant {@code value} on this tape}
     *
     * @param value the value
     */
    public Tracked constant(double value) {
        checkOpen();
        return leaf(value, parent == null ? null : parent.constant(value));
    }

    /**
     * {@return the gradient of {@code output} with respect to {@code inputs}}, by one backward sweep
     *
     * @param output the result to differentiate, recorded on this tape
     * @param inputs the variables to differentiate with respect to, recorded on this tape
     * @throws IllegalArgumentException when a scalar is not of this tape
     */
    public double[] gradient(Tracked output, Tracked... inputs) {
        checkOpen();
        Tracked out = adopt(Objects.requireNonNull(output, "expected an output scalar, got null"));
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
     * @param output the result to differentiate, recorded on this tape
     * @param inputs the variables to differentiate with respect to, recorded on this tape
     * @throws IllegalStateException when this tape is not nested
     */
    public Tracked[] trackedGradient(Tracked output, Tracked... inputs) {
        checkOpen();
        if (parent == null) {
            throw new IllegalStateException("a tracked gradient needs a nested tape (openNested()); use gradient");
        }
        Tracked out = adopt(Objects.requireNonNull(output, "expected an output scalar, got null"));
        checkInputs(inputs);
        // The backward sweep of this tape, recorded on the parent: adjoints are parent scalars.
        Tracked[] adj = new Tracked[out.index() + 1];
        adj[out.index()] = parent.constant(1);
        for (int i = out.index(); i >= 0; i--) {
            Tracked g = adj[i];
            int l = recording.left(i);
            if (g == null || l < 0) {
                continue;
            }
            adj[l] = accumulate(adj[l], g.times(Objects.requireNonNull(outerDa.get(i))));
            int r = recording.right(i);
            if (r >= 0) {
                adj[r] = accumulate(adj[r], g.times(Objects.requireNonNull(outerDb.get(i))));
            }
        }
        Tracked[] result = new Tracked[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            int i = inputs[k].index();
            Tracked a = i < adj.length ? adj[i] : null;
            result[k] = a != null ? a : parent.constant(0);
        }
        return result;
    }

    /**
     * {@return {@code f'(at)} as a scalar of this tape}, computed on a nested tape; {@code f} may use
     * scalars of this tape, and the result depends on them as it should
     *
     * @param f the function to differentiate
     * @param at the point
     */
    public Tracked derivativeOf(UnaryOperator<Tracked> f, double at) {
        return derivativeOf(f, constant(at));
    }

    /**
     * {@return {@code f'(at)} as a scalar of this tape}, for a point that is itself a scalar of this tape
     *
     * @param f the function to differentiate
     * @param at the point
     */
    public Tracked derivativeOf(UnaryOperator<Tracked> f, Tracked at) {
        Objects.requireNonNull(f, "expected a function, got null");
        try (Tape inner = openNested()) {
            Tracked x = inner.variable(at);
            return inner.trackedGradient(f.apply(x), x)[0];
        }
    }

    /**
     * {@return ∇f(at) as scalars of this tape}, computed on a nested tape; see {@link #derivativeOf}
     *
     * @param f the function to differentiate
     * @param at the point
     */
    public Tracked[] gradientOf(Function<Tracked[], Tracked> f, double... at) {
        Objects.requireNonNull(at, "expected a point, got null");
        Tracked[] p = new Tracked[at.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = constant(at[k]);
        }
        return gradientOf(f, p);
    }

    /**
     * {@return ∇f(at) as scalars of this tape}, for a point whose coordinates are scalars of this tape
     *
     * @param f the function to differentiate
     * @param at the point
     */
    public Tracked[] gradientOf(Function<Tracked[], Tracked> f, Tracked... at) {
        Objects.requireNonNull(f, "expected a function, got null");
        Objects.requireNonNull(at, "expected a point, got null");
        try (Tape inner = openNested()) {
            Tracked[] xs = new Tracked[at.length];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = inner.variable(at[k]);
            }
            return inner.trackedGradient(f.apply(xs.clone()), xs);
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

    /** {@return the tape an operation on {@code a} and {@code b} records on: the innermost} */
    static Tape common(Tape a, Tape b) {
        if (a == b || b.parent == a) {
            return b;
        }
        if (a.parent == b) {
            return a;
        }
        throw new IllegalArgumentException("an operation mixes scalars of unrelated tapes (" + a + ", " + b
                + "); a scalar mixes only with its own tape and the tape that tape is nested in");
    }

    /** Records primitive {@code p} of {@code a} and (for a binary primitive) {@code b}, with parameter {@code param}. */
    Tracked record(Primitive p, Tracked a, @Nullable Tracked b, double param) {
        checkOpen();
        Tracked x = adopt(a);
        Tracked y = b == null ? null : adopt(b);
        Rules.apply(p.ordinal(), x.value(), y == null ? 0 : y.value(), param, partials);
        Partials q = partials;
        int i = recording.append(q.value, x.index(), y == null ? -1 : y.index(), q.da, q.db);
        if (parent != null) {
            // Copy what is needed before the parent records (it has its own scratch, but keep it plain).
            double da = q.da;
            double db = q.db;
            double daa = q.secondAA();
            double dab = q.secondAB();
            double dbb = q.secondBB();
            Tracked xo = outerValue.get(x.index());
            Tracked yo = y == null ? null : outerValue.get(y.index());
            outerValue.add(parent.record(p, xo, yo, param));
            outerDa.add(parent.partial(da, xo, daa, yo, dab));
            outerDb.add(yo == null ? null : parent.partial(db, xo, dab, yo, dbb));
        }
        return new Tracked(this, i, q.value);
    }

    /** Records custom operation {@code op} of {@code a}; a nested tape needs its second derivative. */
    Tracked record(CustomOperation op, Tracked a) {
        checkOpen();
        Tracked x = adopt(a);
        double v = op.value(x.value());
        double d = op.derivative(x.value());
        int i = recording.append(v, x.index(), -1, d, 0);
        if (parent != null) {
            Tracked xo = outerValue.get(x.index());
            outerValue.add(parent.record(op, xo));
            outerDa.add(parent.partial(d, xo, op.secondDerivative(x.value()), null, 0));
            outerDb.add(null);
        }
        return new Tracked(this, i, v);
    }

    /** Records a node with value {@code v} whose partials with respect to {@code a} and {@code b} are given. */
    private Tracked partial(double v, Tracked a, double da, @Nullable Tracked b, double db) {
        int i = recording.append(v, a.index(), b == null ? -1 : b.index(), da, b == null ? 0 : db);
        return new Tracked(this, i, v);
    }

    private Tracked leaf(double value, @Nullable Tracked outer) {
        int i = recording.append(value, -1, -1, 0, 0);
        if (parent != null) {
            outerValue.add(Objects.requireNonNull(outer));
            outerDa.add(null);
            outerDb.add(null);
        }
        return new Tracked(this, i, value);
    }

    /** {@return {@code t} as a scalar of this tape}: itself, or a scalar of the parent entering as a leaf */
    private Tracked adopt(Tracked t) {
        t.tape().checkOpen();
        if (t.tape() == this) {
            return t;
        }
        if (t.tape() == parent) {
            return leaf(t.value(), t);
        }
        throw new IllegalArgumentException("expected a scalar of " + this + " or of the tape it is nested in, got one of "
                + t.tape());
    }

    private void checkInputs(Tracked[] inputs) {
        Objects.requireNonNull(inputs, "expected input scalars, got null");
        for (int k = 0; k < inputs.length; k++) {
            Objects.requireNonNull(inputs[k], "expected input scalars without nulls, got null at index " + k);
            if (inputs[k].tape() != this) {
                throw new IllegalArgumentException("input " + k + " is a scalar of " + inputs[k].tape()
                        + ", not of this " + this);
            }
        }
    }

    private static Tracked accumulate(@Nullable Tracked sum, Tracked term) {
        return sum == null ? term : sum.plus(term);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this tape is closed; use its scalars inside its scope");
        }
    }
}
