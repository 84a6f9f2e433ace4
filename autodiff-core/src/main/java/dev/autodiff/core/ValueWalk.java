package dev.autodiff.core;

import dev.autodiff.core.internal.program.Evaluator;
import dev.autodiff.core.internal.program.Lowering;
import dev.autodiff.core.internal.rules.Rules;
import java.util.Arrays;
import java.util.Map;

/**
 * The evaluation behind {@link Expr#value(Map)}: it gives what a program built and run once gives
 * ({@link Evaluator}, {@code Program.valueOnce}), to the bit, in two passes over the nodes and no
 * program. Each node is lowered by the same decision ({@link Lowering}: a power's constant exponent,
 * an order, an if-else's constant condition) and evaluated by the same rule call on the same
 * arguments, as the walk knows which values come from constants alone.
 *
 * <p>The first pass finds the distinct nodes under the root, as {@link NodeWalk} does, and files
 * each by its serial. An operand is built before its users, so its serial is lower, and the nodes in
 * order of serial are an order in which each node comes after its operands: the second pass
 * evaluates them in that order, with nothing to remember of the walk (no stack of nodes half done).
 * A node's place is {@code highest - serial}, {@code highest} the root's serial, in pages of {@value
 * #PAGE} places made as nodes come: nodes built together share a page. Constants are not filed: a
 * user reads its constant operand's value from the node.
 *
 * <p>Both passes are written for the first call in a fresh JVM, where 10⁶ nodes run partly
 * interpreted and partly in code the JIT compiles meanwhile (each choice below was measured there,
 * by {@code ColdStart queries}, against the others):
 * <ul>
 *   <li>a node's work in each pass is a small method of its own ({@link #find}, {@link #evaluate}),
 *       which the JIT compiles after a few hundred nodes, rather than one large loop it compiles late;
 *   <li>the first pass goes down each node's last operand first, so that it meets every kind of node
 *       early: down a sum's left spine first it would meet a hundred thousand additions before any
 *       leaf, and the JIT, compiling meanwhile, would take that for all there is;
 *   <li>variables are bound in the second pass, in order of serial: mostly the order they were built
 *       and put in the map, so that their names and the map's entries are read in the order they lie
 *       in memory. Bound as the first pass finds them, or in a loop over a list of their own, the
 *       first call took longer;
 *   <li>the variables are bound in a sweep of their own over the pages ({@link #bindAll}, only pages
 *       the first pass counted variables on), before the other nodes are evaluated. Users mostly make
 *       their variables first, so in order of serial the first 10⁵ nodes may all be variables: met by
 *       {@link #evaluate}, they made the JIT compile it for variables alone and throw that code away
 *       at the first operation (an "unstable if" in its compilation log), and the second pass ran
 *       about 9 ms longer (72.6 against 63.4 ms, medians of 13 cold starts alternated with the build
 *       before);
 *   <li>the pages are small young arrays, not large arrays grown by copying.
 * </ul>
 * The rule table it reads is built without a lambda for the same reason (see {@code Traits}).
 *
 * <p>It declines, and {@link Evaluator} decides, where the order of evaluation could be seen: at a
 * custom operation (user code, which {@code valueOnce} calls only once every binding is checked, and
 * never in a branch a constant condition drops) and at a missing binding (so that the error is the
 * one {@code valueOnce} reports). Rules are pure, so evaluating a dropped branch's built-in
 * operations, as this walk does, shows nowhere. It declines too where the nodes are spread too
 * thinly over the serials for pages to pay (a graph built over time among many others); {@code
 * valueOnce} is linear there too.
 */
final class ValueWalk {
    private static final int PAGE_BITS = 12;
    /** Places per page: 16 KiB of node references, 32 KiB of values. */
    static final int PAGE = 1 << PAGE_BITS;
    /** Pages any walk may make, whatever the nodes found: 2²⁰ places. */
    static final int FREE_PAGES = 256;
    /** Nodes found per page, on average, past the free pages: below it the walk declines. */
    static final int NODES_PER_PAGE = 16;
    /** The pages the directory may span, 2²⁸ serials; past it the walk declines. */
    static final int MAX_PAGES = 1 << 16;

    private final long highest;
    private final Map<String, ? extends Number> bindings;
    /** Per page number, the nodes by place, or null where no node fell. */
    private Expr[][] nodePages = new Expr[16][];
    private int pagesMade;
    /** Per page number, the nodes filed there, and how many of them are variables. */
    private int[] filed = new int[16];
    private int[] variablesIn = new int[16];
    /** The highest page number with a node. */
    private int deepestPage;
    private int nodes;
    /** The operands still to find, each pushed when its user was found. */
    private Expr[] stack = new Expr[64];
    private int top;
    /** Whether the first pass met what the walk leaves to {@link Evaluator}. */
    private boolean declined;
    // the second pass: per page number the index in values and constant of its place 0, and per
    // node its value and whether it comes from constants alone; the index none holds what an absent
    // operand reads as (Lowering.NONE): 0, constant
    private int[] pageStart;
    private double[] values;
    private boolean[] constant;
    private int none;

    private ValueWalk(Expr root, Map<String, ? extends Number> bindings) {
        this.highest = Serials.READER.serial(root);
        this.bindings = bindings;
    }

    /** {@return the value of {@code e} with variables bound by name}, as {@link Expr#value(Map)} documents it */
    static double value(Expr e, Map<String, ? extends Number> bindings) {
        if (bindings == null) {
            throw new NullPointerException("expected a map from variable names to values, got null");
        }
        double[] out = new double[1];
        return value(e, bindings, out) ? out[0] : Evaluator.value(e, bindings);
    }

    /**
     * {@return whether {@code e} was evaluated with variables bound by name in {@code bindings}}, its
     * value put in {@code out[0]}; false, with nothing evaluated that could be seen, where {@link
     * Evaluator} must decide. For tests: {@link #value(Expr, Map)} is the API.
     */
    static boolean value(Expr e, Map<String, ? extends Number> bindings, double[] out) {
        if (e instanceof Constant c) {
            out[0] = c.value();
            return true;
        }
        ValueWalk walk = new ValueWalk(e, bindings);
        for (Expr node = e; node != null; node = walk.find(node)) {
            // each node found in a call of its own: see the class comment
        }
        if (walk.declined) {
            return false;
        }
        walk.number();
        if (!walk.evaluateAll()) {
            return false;
        }
        out[0] = walk.values[walk.index(0)];
        return true;
    }

    /**
     * Files {@code node} at its place if it is not there yet, pushing its operands but the last;
     * {@return the node to find next}: its last operand if it was new, else the top of the stack, or
     * null when the stack is empty or the walk declines ({@link #declined})
     */
    private Expr find(Expr node) {
        long serial;
        Expr last = null;
        Expr second = null;
        Expr third = null;
        boolean variable = false;
        if (node instanceof Binary b) {
            serial = b.serial;
            last = b.right;
            second = b.left;
        } else if (node instanceof Variable v) {
            serial = v.serial;
            variable = true;
        } else if (node instanceof Constant) {
            // not filed: its users read its value from it (operand)
            return top > 0 ? stack[--top] : null;
        } else if (node instanceof Unary u) {
            serial = u.serial;
            last = u.operand;
        } else if (node instanceof IfElse f) {
            serial = f.serial;
            last = f.whenFalse;
            second = f.whenTrue;
            third = f.condition;
        } else {
            declined = true; // a custom operation
            return null;
        }
        long place = highest - serial;
        int p = (int) (place >>> PAGE_BITS);
        Expr[] page = place >= 0 && place < (long) nodePages.length << PAGE_BITS ? nodePages[p] : null;
        if (page == null && (page = newPage(place)) == null) {
            declined = true;
            return null;
        }
        int i = (int) place & (PAGE - 1);
        if (page[i] != null) {
            return top > 0 ? stack[--top] : null;
        }
        page[i] = node;
        nodes++;
        filed[p]++;
        if (variable) {
            variablesIn[p]++;
        }
        if (second != null) {
            if (top + 2 > stack.length) {
                stack = Arrays.copyOf(stack, 2 * stack.length);
            }
            stack[top++] = second;
            if (third != null) {
                stack[top++] = third;
            }
        }
        return last != null ? last : top > 0 ? stack[--top] : null;
    }

    /** {@return a new page for {@code place}}, or null where pages do not pay for the nodes found so far */
    private Expr[] newPage(long place) {
        if (place < 0 || place >= (long) MAX_PAGES << PAGE_BITS || pagesMade >= FREE_PAGES + nodes / NODES_PER_PAGE) {
            return null;
        }
        int p = (int) (place >>> PAGE_BITS);
        if (p >= nodePages.length) {
            int length = Math.max(p + 1, 2 * nodePages.length);
            nodePages = Arrays.copyOf(nodePages, length);
            filed = Arrays.copyOf(filed, length);
            variablesIn = Arrays.copyOf(variablesIn, length);
        }
        pagesMade++;
        deepestPage = Math.max(deepestPage, p);
        return nodePages[p] = new Expr[PAGE];
    }

    /** Gives each page its first index in the second pass's arrays, in the order of evaluation. */
    private void number() {
        pageStart = new int[deepestPage + 1];
        int next = 0;
        for (int p = deepestPage; p >= 0; p--) {
            if (nodePages[p] != null) {
                pageStart[p] = next;
                next += PAGE;
            }
        }
        none = next;
        // past none, a place for each constant operand of the node being evaluated, by its number
        values = new double[none + 1 + Lowering.NONE];
        constant = new boolean[none + 1 + Lowering.NONE];
        constant[none] = true;
    }

    /**
     * Binds every variable found, then evaluates every other node, in order of serial, so each after
     * its operands; {@return false at a missing binding}, with no operation evaluated
     */
    private boolean evaluateAll() {
        for (int p = deepestPage; p >= 0; p--) {
            if (variablesIn[p] > 0 && !bindAll(p)) {
                return false;
            }
        }
        for (int p = deepestPage; p >= 0; p--) {
            Expr[] page = nodePages[p];
            // a page of variables alone is empty now: skipped, so that this loop does not start
            // on 10⁵ empty places, which the JIT would take for all there is, as evaluate did
            if (page != null && filed[p] > variablesIn[p]) {
                int at = pageStart[p];
                for (int i = PAGE - 1; i >= 0; i--) {
                    Expr node = page[i];
                    if (node != null) {
                        evaluate(node, at + i);
                    }
                }
            }
        }
        return true;
    }

    /**
     * Binds the variables filed on page {@code p}, in order of serial, and takes them off the page
     * for {@link #evaluate} never to meet; {@return false at a missing binding}
     */
    private boolean bindAll(int p) {
        Expr[] page = nodePages[p];
        int at = pageStart[p];
        int left = variablesIn[p];
        for (int i = PAGE - 1; i >= 0 && left > 0; i--) {
            if (page[i] instanceof Variable x) {
                Number n = bindings.get(x.name());
                if (n == null) {
                    return false;
                }
                values[at + i] = n.doubleValue(); // constant[at + i] stays false
                page[i] = null;
                left--;
            }
        }
        return true;
    }

    /** {@return the index in the second pass's arrays of the node at {@code place}}, which was found */
    private int index(long place) {
        return pageStart[(int) (place >>> PAGE_BITS)] + ((int) place & (PAGE - 1));
    }

    /**
     * {@return the index of operand {@code e}, number {@code k} of its user}: a constant's value is
     * put in the place past {@code none} for operand {@code k}
     */
    private int operand(Expr e, int k) {
        if (e instanceof Constant c) {
            values[none + 1 + k] = c.value();
            constant[none + 1 + k] = true;
            return none + 1 + k;
        }
        return index(highest - Serials.READER.serial(e));
    }

    /** Evaluates {@code node}, not a variable, into index {@code at}, its operands done. */
    private void evaluate(Expr node, int at) {
        double v;
        boolean c;
        if (node instanceof Binary b) {
            int l = operand(b.left, 0);
            int r = operand(b.right, 1);
            Primitive op = b.op();
            Lowering form = Lowering.of(op, constant[l], values[l], constant[r]);
            v = form.value(op, values, l, r, none, none);
            c = form.constant(constant, l, r, none, none);
        } else if (node instanceof Unary u) {
            int o = operand(u.operand, 0);
            v = Rules.value(u.op().ordinal(), values[o], 0, 0);
            c = constant[o];
        } else {
            IfElse f = (IfElse) node;
            int h0 = operand(f.condition, 0);
            int h1 = operand(f.whenTrue, 1);
            int h2 = operand(f.whenFalse, 2);
            Lowering form = Lowering.of(Primitive.IF_ELSE, constant[h0], values[h0], constant[h1]);
            v = form.value(Primitive.IF_ELSE, values, h0, h1, h2, none);
            c = form.constant(constant, h0, h1, h2, none);
        }
        values[at] = v;
        constant[at] = c;
    }
}
