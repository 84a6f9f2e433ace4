package dev.autodiff.reverse;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import dev.autodiff.core.internal.rules.ScalarRules;
import dev.autodiff.reverse.internal.Recording;
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
 *
 * <p><b>Cost.</b> On a top-level tape, arithmetic and the functions of its own scalars record as
 * little as the chain rule lets them. A scalar is a node of the tape times a scale: an operation of
 * one operand, or of one operand and a plain number ({@code x.times(100)}, {@code x.sin()}),
 * multiplies its operand's scale by its partial (from the rule table) and records nothing; an
 * operation of two scalars records one node, with the operands' scales times its partials as the
 * partials of its two edges, or none where both are one node ({@code x.times(x)}). Chained
 * Rosenbrock's nine operations a term record three nodes. This is the product the backward sweep
 * would have formed through the nodes not recorded, formed earlier, so a gradient agrees with the
 * compiled one's to rounding, not to the bit. Where folding could change more than the rounding, a
 * node is recorded as before: a partial that is not finite (for the overflow-safe products), and a
 * folded product that is not a normal number. A zero partial passes exactly nothing back, so its
 * operand is left out: the backward sweep multiplies without testing for zeros. Each operation
 * allocates nothing but the {@code Tracked} handle, which the JIT removes where it does not escape.
 * Gradients are therefore taken with respect to variables and constants ({@link #variable},
 * {@link #constant}), not intermediate results, which need not be nodes.
 * The arrays come from a spare the thread keeps (cleared, at the size of
 * the largest tape it recorded, up to about 10⁶ nodes) and go back to it when the tape closes, so
 * closing tapes matters for speed as well as for safety; a tape never closed only costs the next
 * one its arrays. Nested tapes take a slower general path.
 */
public final class Tape implements AutoCloseable {
    static final int ADD = Primitive.ADD.ordinal();
    static final int SUB = Primitive.SUB.ordinal();
    static final int MUL = Primitive.MUL.ordinal();
    static final int DIV = Primitive.DIV.ordinal();
    static final int NEG = Primitive.NEG.ordinal();
    static final int POW_CONST = Primitive.POW_CONST.ordinal();
    static final int POLYGAMMA = Primitive.POLYGAMMA.ordinal();
    private static final int[] NOTHING = {};

    private final @Nullable Tape parent;
    private final Thread owner;
    // Borrowed from the thread's spare and given back by close(); never touched once closed.
    private final Recording recording = Recording.borrow();
    private final Partials partials = new Partials();
    // Nested tapes only: each node's value and partials as scalars of the parent tape.
    private final @Nullable OuterImage image;
    // The owner while this tape is top-level and open, else null: one comparison with the current
    // thread decides whether an operation on its own scalars takes the fast path.
    private @Nullable Thread fastOwner;
    private boolean closed;
    private int sizeAtClose;

    private Tape(@Nullable Tape parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
        this.image = parent == null ? null : new OuterImage();
        this.fastOwner = parent == null ? owner : null;
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
        return closed ? sizeAtClose : recording.size();
    }

    /**
     * {@return a new independent variable with value {@code value}}
     *
     * @param value its value
     */
    public Tracked variable(double value) {
        if (fast()) {
            return new Tracked(this, recording.appendLeaf(), 1, value, false, true);
        }
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
     * {@return new independent variables with the given values, in order}: {@code variable} for
     * each, recorded in one go on a top-level tape
     *
     * <pre>{@code
     * Tracked[] x = tape.variables(point);
     * double[] g = tape.gradient(f(x), x);
     * }</pre>
     *
     * @param values their values
     */
    public Tracked[] variables(double... values) {
        Objects.requireNonNull(values, "expected values, got null");
        Tracked[] xs = new Tracked[values.length];
        if (fast()) {
            int first = recording.appendLeaves(values.length);
            for (int k = 0; k < xs.length; k++) {
                xs[k] = new Tracked(this, first + k, 1, values[k], false, true);
            }
            return xs;
        }
        checkOpen();
        int[] marks = allMarks();
        try {
            for (int k = 0; k < xs.length; k++) {
                xs[k] = variable(values[k]);
            }
        } catch (RuntimeException | Error e) {
            rollback(marks);
            throw e;
        }
        return xs;
    }

    /**
     * {@return a new variable of this nested tape whose value is {@code value}, a scalar of a tape
     * this one is nested in}, so that derivatives taken here depend on it there
     *
     * @param value its value, a scalar of an enclosing tape
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
            return leaf(value.value, false, parent.adopt(value));
        } catch (RuntimeException | Error e) {
            rollback(marks);
            throw e;
        }
    }

    /**
     * {@return the constant {@code value} on this tape}
     *
     * @param value the number
     */
    public Tracked constant(double value) {
        if (fast()) {
            return new Tracked(this, recording.appendLeaf(), 1, value, true, true);
        }
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
     * @param output the scalar differentiated
     * @param inputs the scalars it is differentiated by
     * @throws IllegalArgumentException when a scalar is not of this tape, or an input is not a
     *     variable or a constant (an intermediate result is folded into the operations that use it)
     */
    public double[] gradient(Tracked output, Tracked... inputs) {
        checkOpen();
        Tracked out = own(Objects.requireNonNull(output, "expected an output scalar, got null"), -1);
        checkInputs(inputs);
        int o = out.node;
        double[] adj = adjoints(out);
        double[] g = new double[inputs.length];
        for (int k = 0; k < g.length; k++) {
            // the sweep's array holds stale values past the output: later nodes do not influence it
            int i = inputs[k].node;
            g[k] = i <= o ? adj[i] : 0;
        }
        return g;
    }

    /**
     * {@return the gradient of {@code output} with respect to the {@code count} consecutive nodes
     * from {@code first}}, as {@link #gradient} gives it for the scalars of those nodes: for
     * {@link Reverse#gradient}, whose inputs are the variables it recorded in one go, so that they
     * need no check one by one
     */
    double[] gradientOfNodes(Tracked output, int first, int count) {
        checkOpen();
        Tracked out = own(Objects.requireNonNull(output, "expected an output scalar, got null"), -1);
        int o = out.node;
        double[] adj = adjoints(out);
        double[] g = new double[count];
        // the sweep's array holds stale values past the output, whose nodes do not influence it: 0
        System.arraycopy(adj, first, g, 0, Math.max(0, Math.min(count, o + 1 - first)));
        return g;
    }

    /**
     * {@return the gradient of {@code output} with respect to {@code inputs}, as scalars of the
     * enclosing tape}, which can differentiate it again
     *
     * @param output the scalar differentiated
     * @param inputs the scalars it is differentiated by
     * @throws IllegalStateException when this tape is not nested
     * @throws IllegalArgumentException when a scalar is not of this tape, or an input is not a
     *     variable or a constant of it
     */
    public Tracked[] trackedGradient(Tracked output, Tracked... inputs) {
        checkOpen();
        Tape outer = parent;
        if (outer == null) {
            throw new IllegalStateException("a tracked gradient needs a nested tape (openNested()); use gradient");
        }
        Tracked out = own(Objects.requireNonNull(output, "expected an output scalar, got null"), -1);
        checkInputs(inputs);
        OuterImage img = Objects.requireNonNull(image);
        int[] marks = outer.allMarks();
        try {
            // The backward sweep of this tape, recorded on the parent: adjoints are parent scalars.
            // a nested tape's scalars are all nodes of scale 1: it folds nothing
            Tracked[] adj = new Tracked[out.node + 1];
            adj[out.node] = outer.constant(1);
            for (int i = out.node; i >= 0; i--) {
                Tracked g = adj[i];
                int l = recording.left(i);
                if (g == null || l < 0) {
                    continue;
                }
                adj[l] = accumulate(adj[l], times(g, img.da(i)));
                int r = recording.right(i);
                if (r >= 0) {
                    adj[r] = accumulate(adj[r], times(g, img.db(i)));
                }
            }
            Tracked[] result = new Tracked[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                int i = inputs[k].node;
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
     *
     * @param f the function, over scalars of the nested tape
     * @param at the point
     */
    public Tracked derivativeOf(UnaryOperator<Tracked> f, double at) {
        Objects.requireNonNull(f, "expected a function, got null");
        return gradientOf(v -> f.apply(v[0]), at)[0];
    }

    /**
     * {@return {@code f'(at)} as a scalar of this tape}, for a point that is itself a scalar of this tape
     *
     * @param f the function, over scalars of the nested tape
     * @param at the point, a scalar of this tape
     */
    public Tracked derivativeOf(UnaryOperator<Tracked> f, Tracked at) {
        Objects.requireNonNull(f, "expected a function, got null");
        return gradientOf(v -> f.apply(v[0]), at)[0];
    }

    /**
     * {@return ∇f(at) as scalars of this tape}, computed on a nested tape; see {@link #derivativeOf}
     *
     * @param f the function, over scalars of the nested tape
     * @param at the point
     */
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

    /**
     * {@return ∇f(at) as scalars of this tape}, for a point whose coordinates are scalars of this tape
     *
     * @param f the function, over scalars of the nested tape
     * @param at the point, scalars of this tape
     */
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

    /**
     * Closes this tape: its scalars can no longer be used, and its arrays go back to the thread for
     * the next tape (when closed by the thread that opened it). Closing again does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        fastOwner = null;
        sizeAtClose = recording.size();
        if (Thread.currentThread() == owner) {
            recording.giveBack();
        }
    }

    @Override
    public String toString() {
        return (parent == null ? "Tape" : "nested Tape") + "(" + size() + " nodes" + (closed ? ", closed)" : ")");
    }

    /** {@return the arrays this tape records into}, for tests of their reuse */
    Recording recording() {
        return recording;
    }

    // ---- the fast path of a top-level tape, used by Tracked ----

    /**
     * {@return whether operations on this tape's own scalars may take the fast path}: a top-level
     * tape, open, on the thread that opened it (the general path throws otherwise)
     */
    boolean fast() {
        return fastOwner == Thread.currentThread();
    }

    /**
     * {@return the scratch partials for a rule the JIT cannot fold}: a function or a quotient, whose
     * rule is a call, for which a fresh {@link Partials} would be allocated per operation
     */
    Partials scratch() {
        return partials;
    }

    /**
     * {@return binary primitive {@code code} of {@code a} and {@code b}, scalars of this fast tape,
     * recorded}, with {@code q} as the rule's scratch: a fresh one for the arithmetic the rule table
     * inlines (the JIT then keeps its fields in registers), {@link #scratch()} otherwise. Finite
     * partials are folded into the operands' scales ({@link #joined}); a partial that is not finite
     * makes a node of its own, as the rule table's overflow-safe product needs ({@link #fastNode}).
     */
    Tracked fastBinary(int code, Tracked a, Tracked b, Partials q) {
        Rules.applyFirst(code, a.value, b.value, 0, q);
        return fastBinaryApplied(code, a, b, q);
    }

    /** {@link #fastBinary} once the rule has filled {@code q}: for + − ×, which apply their rule themselves */
    Tracked fastBinaryApplied(int code, Tracked a, Tracked b, Partials q) {
        return twoOperands(code, a, b, 0, q.da, q.db, q.value);
    }

    /**
     * {@return primitive {@code code} at {@code (a, b, third)} of value {@code value} and partials
     * {@code da}, {@code db}, on a top-level tape}: folded into the operands' scales ({@link #joined})
     * where both partials are finite, else a node of its own, as the rule table's overflow-safe
     * product needs ({@link #fastNode}). The fast path and the general one ({@link #record}) alike.
     */
    private Tracked twoOperands(int code, Tracked a, Tracked b, double third, double da, double db, double value) {
        boolean constant = a.constant & b.constant;
        if (finite(da) && finite(db)) {
            return joined(a, da, b, db, value, constant, unitPartials(code));
        }
        int l = nodeOf(a);
        int i = fastNode(code, l, b == a ? l : nodeOf(b), a.value, b.value, third, da, db);
        return new Tracked(this, i, 1, value, constant, false);
    }

    /** {@return binary primitive {@code code} of {@code a}, a scalar of this fast tape, and the number {@code c}}; {@code q} as for fastBinary */
    Tracked fastNumber(int code, Tracked a, double c, Partials q) {
        Rules.applyFirst(code, a.value, c, 0, q);
        return fastOneOperand(code, a, c, 0, q);
    }

    /** {@return unary primitive {@code code} with parameter {@code p} of {@code a}, a scalar of this fast tape}; {@code q} as for fastBinary */
    Tracked fastUnary(int code, Tracked a, double p, Partials q) {
        Rules.applyFirst(code, a.value, 0, p, q);
        return fastOneOperand(code, a, 0, p, q);
    }

    /** {@link #oneOperand} once the rule has filled {@code q} */
    private Tracked fastOneOperand(int code, Tracked a, double b, double third, Partials q) {
        return oneOperand(code, a, b, third, q.da, q.value);
    }

    /**
     * {@return primitive {@code code} at {@code (a, b, third)} of value {@code value} and partial
     * {@code d}, with {@code a} its only operand on a top-level tape}: folded ({@link #scaledBy})
     * where its partial is finite, else a node of its own as {@link #twoOperands} makes one. The
     * fast path and the general one ({@link #record}) alike.
     */
    private Tracked oneOperand(int code, Tracked a, double b, double third, double d, double value) {
        if (finite(d)) {
            return scaledBy(a, d, value, a.constant, unitPartials(code));
        }
        return new Tracked(this, fastNode(code, nodeOf(a), -1, a.value, b, third, d, 0), 1, value, a.constant, false);
    }

    /**
     * {@return the scalar {@code value}, whose derivative is {@code d}·d(a)}, for a finite partial
     * {@code d}, recording nothing: {@code a}'s scale times {@code d}, the product the backward sweep
     * would form through a node of this operation, formed now. A zero partial passes nothing back
     * (the sweep's zero-factor rule): no node. A product that is not a normal number (it overflowed,
     * or underflowed to lose bits) could differ from the sweep's, which multiplies the adjoint first:
     * then {@code a} is made a node ({@link #nodeOf}) of which this is {@code d} times; unless
     * {@code d} is ±1 ({@link #exact}), whose product is the sweep's whatever the scale.
     *
     * @param unit whether the operation's partials are ±1 by its rule ({@link #unitPartials})
     */
    private Tracked scaledBy(Tracked a, double d, double value, boolean constant, boolean unit) {
        int n = d == 0 ? -1 : a.node;
        double p = n < 0 ? 0 : d * a.scale;
        if (n >= 0 && !exact(unit, d) && !Partials.normal(p)) {
            n = nodeOf(a);
            p = d;
        }
        return new Tracked(this, n, p, value, constant, false);
    }

    /**
     * {@return the scalar {@code value}, whose derivative is {@code da}·d(a) + {@code db}·d(b)}, for
     * finite partials: one node of the two operands' nodes, their scales times the partials folded
     * into the edges ({@link #scaledBy} for each, recording nothing), or no node where only one
     * operand passes anything back, or both are one node and the two products add to a normal number.
     *
     * @param unit whether the operation's partials are ±1 by its rule ({@link #unitPartials})
     */
    private Tracked joined(Tracked a, double da, Tracked b, double db, double value, boolean constant, boolean unit) {
        int l = da == 0 ? -1 : a.node;
        double pl = l < 0 ? 0 : da * a.scale;
        boolean leftMade = false;
        if (l >= 0 && !exact(unit, da) && !Partials.normal(pl)) {
            l = nodeOf(a);
            pl = da;
            leftMade = true;
        }
        int r = db == 0 ? -1 : b.node;
        double pr = r < 0 ? 0 : db * b.scale;
        if (r >= 0 && !exact(unit, db) && !Partials.normal(pr)) {
            r = b == a && leftMade ? l : nodeOf(b); // y·y: one node of y
            pr = db;
        }
        int n;
        double p;
        if (l < 0 || r < 0 || (l == r && Partials.normal(pl + pr))) {
            // one node passes back, or one node twice (x·x) whose two products add to a normal number
            n = l < 0 ? r : l;
            p = l < 0 ? pr : r < 0 ? pl : pl + pr;
        } else {
            // both partials are nonzero here (a scale of a node is never 0): no edge to drop
            n = recording.appendWhole(l, r, pl, pr);
            p = 1;
        }
        // one allocation and one append, which keep this small enough for the JIT to inline it into
        // the user's loop (-XX:+PrintInlining), where the scalar then needs no object
        return new Tracked(this, n, p, value, constant, false);
    }

    /**
     * {@return the node of {@code t}, a scalar of this tape}: its own where its scale is 1, else a new
     * node of one edge to it (a leaf, to the backward sweep, where it has none)
     */
    int nodeOf(Tracked t) {
        return t.scale == 1 && t.node >= 0 ? t.node : recording.appendUnary(t.node, t.scale);
    }

    /** {@return ∂t/∂(node i) of every node i up to {@code t}'s node}, by one backward sweep; see {@link Recording#adjoints} */
    private double[] adjoints(Tracked t) {
        return recording.adjoints(t.node, t.scale);
    }

    private static boolean finite(double d) {
        return Math.abs(d) <= Double.MAX_VALUE;
    }

    /**
     * {@return whether partial {@code d} of an operation whose partials are ±1 by its rule
     * ({@code unit}) is ±1}, so that its product with a scale is exact: the sweep's
     * {@code (w·d)·scale} and the folded {@code w·(d·scale)} are then one number for every adjoint w,
     * and the product needs no normal check. Tested before {@link Partials#normal}: on the fast path the
     * operation's code, hence {@code unit}, is a constant in the inlined code, so for + − and
     * negation the JIT drops the normal check (5 of the 12 on the path of a term of chained
     * Rosenbrock, and 2 in branches it does not take), and for the others this costs nothing.
     * (Asked of every partial, the test grew the compiled loop of chained Rosenbrock threefold;
     * asked after the normal check, it came too late: the JIT compiles a normal check never seen to
     * fail as a trap.)
     */
    private static boolean exact(boolean unit, double d) {
        return unit && Math.abs(d) == 1;
    }

    /**
     * {@return whether the partials of primitive {@code code} are ±1 by its rule}: + − and negation.
     * A filter for the JIT only, not a second copy of the rules: {@link #exact} still reads the
     * partial's value, so a primitive missing here only keeps its check. The rule table's own record
     * of constant partials ({@code PartialForms}) is a lookup the JIT cannot fold on the fast path.
     */
    private static boolean unitPartials(int code) {
        return code == ADD || code == SUB || code == NEG;
    }

    /**
     * {@return node {@code l} (and {@code r}, or -1) with partials {@code da}, {@code db}, appended
     * to this top-level tape}: with its zero partials dropped ({@link Recording#append}), or, where
     * a partial is not finite, whole and set apart for the overflow-safe products of the primitive
     * {@code code} at {@code (a, b, third)}. Where the code is a constant of the arithmetic, the
     * test folds away.
     */
    private int fastNode(int code, int l, int r, double a, double b, double third, double da, double db) {
        if (plain(code, da, db)) {
            return r < 0 ? recording.appendUnary(l, da) : recording.append(l, r, da, db);
        }
        return apart(code, l, r, a, b, third, da, db);
    }

    /**
     * {@return whether the plain products of partials {@code da}, {@code db} of primitive
     * {@code code} are its chain rule's}: they are finite, or the primitive's overflow-safe product
     * is the zero-factor one ({@link #zeroFactorChain}); otherwise the node is set apart
     */
    private static boolean plain(int code, double da, double db) {
        return zeroFactorChain(code) || (finite(da) && finite(db));
    }

    /** {@return node {@code l}, {@code r} as {@link #fastNode} appends one that is not {@link #plain}}: whole, and set apart */
    private int apart(int code, int l, int r, double a, double b, double third, double da, double db) {
        int i = recording.appendWhole(l, r, da, db);
        recording.setApart(i, code, a, b, third);
        return i;
    }

    /**
     * {@return node {@code l} (and {@code r}, or -1) of primitive {@code code} at {@code (a, b,
     * third)} with partials {@code da}, {@code db}, appended}: on a top-level tape as
     * {@link #fastNode} appends it; on a nested tape whole, since {@link #trackedGradient} follows
     * every edge whatever its numeric partial, and set apart where a partial is zero or not finite,
     * so that the one backward loop sees only nonzero finite partials (or those of the arithmetic,
     * {@link #zeroFactorChain}, whose plain product is the zero-factor one).
     */
    private int node(int code, int l, int r, double a, double b, double third, double da, double db) {
        if (image == null) {
            return fastNode(code, l, r, a, b, third, da, db);
        }
        int i = recording.appendWhole(l, r, da, db);
        if (!plain(code, da, db) || da == 0 || (r >= 0 && db == 0)) {
            recording.setApart(i, code, a, b, third);
        }
        return i;
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
            double third = c == null ? param : c.value;
            Rules.applyFirst(p.ordinal(), x.value, y == null ? 0 : y.value, third, partials);
            double v = partials.value;
            double da = partials.da;
            double db = partials.db;
            boolean constant = x.constant && (y == null || y.constant);
            OuterImage img = image;
            if (img == null) {
                // a top-level tape, for what its fast path does not take (a branch): folded as
                // there, by the same methods
                return y == null ? oneOperand(p.ordinal(), x, 0, third, da, v) : twoOperands(p.ordinal(), x, y, third, da, db, v);
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
            Tracked dao = structural(d.da());
            Tracked dbo = structural(d.db());
            // a nested tape's scalars are its nodes, each of scale 1: it folds nothing
            int i = node(p.ordinal(), x.node, y == null ? -1 : y.node, x.value, y == null ? 0 : y.value, third, da, db);
            img.add(vo, dao, dbo);
            return new Tracked(this, i, 1, v, constant, false);
        } catch (RuntimeException | Error e) {
            rollback(marks);
            throw e;
        }
    }

    /**
     * {@return whether the rule table's overflow-safe product ({@code Rules.chain}) of primitive
     * {@code code} is the zero-factor product ({@code Partials.times}) at every partial}, so that a
     * partial that is not finite needs no overflow-safe product: true of the arithmetic the fast
     * path inlines (the quotient, whose {@code -a/b²} overflows, is not among them).
     * {@code TapeFastPathTest} holds this against the rule table.
     */
    static boolean zeroFactorChain(int code) {
        return code == ADD || code == SUB || code == MUL || code == NEG || code == POW_CONST;
    }

    /** Records custom operation {@code op} of {@code a}. */
    Tracked record(CustomOperation op, Tracked a) {
        checkOpen();
        int[] marks = marks();
        try {
            Tracked x = adopt(a);
            double v = op.value(x.value);
            double d = op.derivative(x.value);
            OuterImage img = image;
            // a custom operation has no entry in the rule table: its partial takes the plain
            // zero-factor product whatever its size, as an arithmetic node's does
            int code = NEG;
            if (img == null) {
                return oneOperand(code, x, 0, 0, d, v);
            }
            Tracked xo = outer(x);
            Tracked vo = xo.apply(op);
            Tracked dao = structural(ScalarRules.partial(op, xo));
            int i = node(code, x.node, -1, x.value, 0, 0, d, 0);
            img.add(vo, dao, null);
            return new Tracked(this, i, 1, v, x.constant, false);
        } catch (RuntimeException | Error e) {
            rollback(marks);
            throw e;
        }
    }

    /** {@return the comparison {@code p} of {@code a} and {@code b}: a constant 1 or 0 on the innermost of their tapes} */
    Tracked compare(Primitive p, Tracked a, Tracked b) {
        a.tape().checkOpen();
        b.tape().checkOpen();
        return constant(Rules.value(p.ordinal(), a.value, b.value, 0));
    }

    private Tracked leaf(double value, boolean constant, @Nullable Tracked outer) {
        int i = recording.appendLeaf();
        if (image != null) {
            image.add(Objects.requireNonNull(outer), null, null);
        }
        return new Tracked(this, i, 1, value, constant, true);
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
        return leaf(t.value, t.constant, parent.adopt(t));
    }

    /**
     * {@return {@code t}, a scalar that must be of this tape}, which the caller has checked is open:
     * the output ({@code input} -1) or an input
     */
    private Tracked own(Tracked t, int input) {
        if (t.tape != this) {
            t.tape.checkOpen();
            throw new IllegalArgumentException((input < 0 ? "the output" : "input " + input) + " is a scalar of "
                    + t.tape + ", not of this " + this);
        }
        return t;
    }

    private Tracked outer(Tracked t) {
        return Objects.requireNonNull(image).value(t.node);
    }

    /** {@return {@code t}, or null when it is a constant zero: a structural zero the backward sweep skips} */
    private static @Nullable Tracked structural(@Nullable Tracked t) {
        return t == null || (t.value == 0 && t.constant) ? null : t;
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
            if (inputs[k] == null) {
                throw new NullPointerException("expected input scalars without nulls, got null at index " + k);
            }
            if (!own(inputs[k], k).leaf) {
                throw new IllegalArgumentException("input " + k + " is the result of an operation, not a variable or a "
                        + "constant of this tape: gradients are taken with respect to variables and constants (a "
                        + "top-level tape folds an operation's partial into the operations that use it)");
            }
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

    /**
     * Forgets what this tape and the tapes it is nested in recorded since {@code marks} were taken;
     * a tape closed meanwhile (by the function that failed) has given its arrays back and is left alone.
     */
    private void rollback(int[] marks) {
        Tape t = this;
        for (int m : marks) {
            Tape u = Objects.requireNonNull(t);
            if (!u.closed) {
                u.recording.truncate(m);
                if (u.image != null) {
                    u.image.truncate(m);
                }
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
        for (Tape t = this; t != null; t = t.parent) {
            if (t.closed) {
                throw new IllegalStateException(t == this ? "this tape is closed; use its scalars inside its scope"
                        : "a tape this one is nested in is closed; close nested tapes first");
            }
        }
    }
}
