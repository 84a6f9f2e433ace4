package dev.autodiff.core.internal.symbolic;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Constant;
import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.graph.Traversal;
import dev.autodiff.core.internal.rules.ScalarRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reverse mode on expressions: one backward pass over the graph, in reverse post-order, that gives
 * every node its adjoint as an expression (built through {@link Sym}, so only exact simplifications
 * are made) from the partials of the generic rule table {@link ScalarRules}.
 *
 * <p>Each node is visited once and each edge contributes one product, so the derivative of a graph
 * of n distinct nodes has O(n) distinct nodes and shares them: the adjoint of a node used twice is
 * one sum, used by everything below it. Nodes that do not depend on the variables get no adjoint
 * and edges with a constant-zero partial no term (structural zeros are never built).
 *
 * <p>Partials that are steps ({@code ifElse} branches, {@code max}, {@code min}, {@code abs}) gate
 * the part of the graph below them with a {@link Guard}, so that a branch not taken contributes
 * exactly 0 even where its own derivative is NaN or infinite, as the compiled modes' strong zero has
 * it; where differently gated contributions meet, each is wrapped in its own {@code ifElse}, and
 * two contributions from both sides of one condition become one {@code ifElse(c, t, f)}.
 */
public final class Differentiator {
    private Differentiator() {}

    /** One term of an adjoint, valid where its guard is open. */
    private static final class Term {
        final @Nullable Guard guard;
        final Sym value;
        @Nullable Term next;

        Term(@Nullable Guard guard, Sym value) {
            this.guard = guard;
            this.value = value;
        }
    }

    /** {@return ∂root/∂v for each of {@code variables}, as expressions, by one backward pass} */
    public static List<Expr> gradient(Expr root, List<Variable> variables) {
        Objects.requireNonNull(root, "expected an expression, got null");
        Objects.requireNonNull(variables, "expected a list of variables, got null");
        Map<Variable, Integer> index = new HashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            index.putIfAbsent(Objects.requireNonNull(variables.get(i), "expected variables without nulls, got null at " + i), i);
        }
        return new Differentiator.Pass(root, index).run(variables);
    }

    /** The state of one backward pass. */
    private static final class Pass {
        private final Traversal.Order order;
        private final List<Expr> nodes;
        private final Map<Variable, Integer> index;
        private final int[] flags;
        private final boolean[] active;
        private final Sym[] syms;
        private final Term[] head;
        private final Term[] tail;
        private final Sym[] results;

        Pass(Expr root, Map<Variable, Integer> index) {
            this.order = Traversal.order(List.of(root));
            this.nodes = order.nodes;
            this.index = index;
            int n = nodes.size();
            flags = new int[n];
            active = new boolean[n];
            syms = new Sym[n];
            head = new Term[n];
            tail = new Term[n];
            results = new Sym[index.size() == 0 ? 0 : java.util.Collections.max(index.values()) + 1];
            for (int k = 0; k < n; k++) {
                classify(k);
            }
        }

        /** Sets what is known of node k's values and whether it depends on a variable, from its operands'. */
        private void classify(int k) {
            Expr e = nodes.get(k);
            if (e instanceof Constant c) {
                flags[k] = Sym.constantFlags(c.value());
            } else if (e instanceof Variable v) {
                active[k] = index.containsKey(v);
            } else if (e instanceof Unary u) {
                flags[k] = Sym.flagsOf(u.op(), flags[op(k, 0)], 0, 0);
                active[k] = active[op(k, 0)];
            } else if (e instanceof Binary b) {
                flags[k] = Sym.flagsOf(b.op(), flags[op(k, 0)], flags[op(k, 1)], 0);
                // comparisons have derivative 0: nothing flows through them
                active[k] = !b.op().isComparison() && (active[op(k, 0)] || active[op(k, 1)]);
            } else if (e instanceof Call) {
                flags[k] = flags[op(k, 0)] & Sym.STEP;
                active[k] = active[op(k, 0)];
            } else {
                flags[k] = Sym.flagsOf(null, flags[op(k, 1)], flags[op(k, 2)], flags[op(k, 0)]);
                active[k] = active[op(k, 1)] || active[op(k, 2)];
            }
        }

        private int op(int k, int which) {
            return order.operand(k, which);
        }

        /** {@return node k as a symbol}, knowing the symbols of a negation's operand */
        private Sym sym(int k) {
            Sym s = syms[k];
            if (s == null) {
                Expr e = nodes.get(k);
                Sym[] parts = e instanceof Unary u && u.op() == Primitive.NEG ? new Sym[] {sym(op(k, 0))} : null;
                s = new Sym(e, flags[k], parts);
                syms[k] = s;
            }
            return s;
        }

        List<Expr> run(List<Variable> variables) {
            int rootAt = nodes.size() - 1;
            if (active[rootAt]) {
                add(rootAt, null, Sym.ONE);
            }
            for (int k = rootAt; k >= 0; k--) {
                if (head[k] != null) {
                    visit(k);
                }
            }
            List<Expr> out = new ArrayList<>(variables.size());
            for (Variable v : variables) {
                Sym r = results[index.get(v)];
                out.add(r == null ? Constant.of(0) : r.expr);
            }
            return out;
        }

        private void add(int k, @Nullable Guard guard, Sym value) {
            Term t = new Term(guard, value);
            if (head[k] == null) {
                head[k] = t;
            } else {
                Objects.requireNonNull(tail[k]).next = t;
            }
            tail[k] = t;
        }

        /** Sums node k's adjoint and passes it to its operands. */
        private void visit(int k) {
            Term terms = Objects.requireNonNull(head[k]);
            head[k] = null;
            tail[k] = null;
            Expr e = nodes.get(k);
            Adjoint adj = combine(terms, !(e instanceof Variable));
            if (e instanceof Variable v) {
                int i = index.get(v);
                Sym value = Guard.wrap(adj.value, adj.exact);
                results[i] = results[i] == null ? value : results[i].plus(value);
            } else if (e instanceof Unary u) {
                push(k, 0, adj, ScalarRules.partials(u.op(), sym(op(k, 0)), null, 0, null, sym(k)).da());
            } else if (e instanceof Binary b) {
                if (b.op() == Primitive.POW && b.right() instanceof Constant p) {
                    push(k, 0, adj, ScalarRules.partials(Primitive.POW_CONST, sym(op(k, 0)), null, p.value(), null, sym(k)).da());
                } else if (b.op().hasConstantOrder()) {
                    // polygamma(n, x): the constant order is the rule's parameter, x its one operand
                    double n = ((Constant) b.left()).value();
                    push(k, 1, adj, ScalarRules.partials(b.op(), sym(op(k, 1)), null, n, null, sym(k)).da());
                } else {
                    ScalarRules.Pair<Sym> d = ScalarRules.partials(b.op(), sym(op(k, 0)), sym(op(k, 1)), 0, null, sym(k));
                    push(k, 0, adj, d.da());
                    push(k, 1, adj, d.db());
                }
            } else if (e instanceof Call c) {
                CustomOperation operation = c.operation();
                if (!operation.hasSymbolicDerivative()) {
                    throw new UnsupportedOperationException("custom operation " + operation.name() + " has no derivative "
                            + "as an expression, so expressions calling it cannot be differentiated symbolically; supply one "
                            + "with withSymbolicDerivative");
                }
                push(k, 0, adj, ScalarRules.partial(operation, sym(op(k, 0))));
            } else if (e instanceof IfElse) {
                ScalarRules.Pair<Sym> d = ScalarRules.partials(Primitive.IF_ELSE, sym(op(k, 1)), sym(op(k, 2)), 0,
                        sym(op(k, 0)), sym(k));
                push(k, 1, adj, d.da());
                push(k, 2, adj, d.db());
            }
        }

        /**
         * Passes {@code adj · partial} to operand {@code which} of node k; a partial that is a step
         * gates the operand's part of the graph instead of (or besides) multiplying.
         */
        private void push(int k, int which, Adjoint adj, @Nullable Sym partial) {
            int o = op(k, which);
            if (!active[o] || partial == null || partial.isZero()) {
                return;
            }
            Guard guard = adj.guard;
            Sym factor = partial;
            if (partial.has(Sym.STEP) && !partial.isConstant()) {
                Sym negated = partial.negationOf();
                Sym[] parts = partial.ifElseParts();
                if (negated != null) {
                    guard = Guard.extend(guard, negated, false);
                    factor = Sym.ONE;
                } else if (partial.has(Sym.BOOL)) {
                    guard = Guard.extend(guard, partial, true);
                    factor = Sym.ONE;
                } else if (parts != null && parts[0].has(Sym.BOOL) && (parts[1].isZero() || parts[2].isZero())) {
                    boolean whenTrue = parts[2].isZero();
                    guard = Guard.extend(guard, parts[0], whenTrue);
                    factor = whenTrue ? parts[1] : parts[2];
                } else {
                    guard = Guard.extend(guard, partial, true);
                }
            }
            add(o, guard, adj.value.times(factor));
        }

        /**
         * A node's adjoint: its value is the true adjoint where {@code exact} is open; the true
         * adjoint is 0 wherever {@code guard} (which {@code exact} contains) is closed, so the
         * products below it are valid where {@code guard} is open.
         */
        private record Adjoint(@Nullable Guard guard, @Nullable Guard exact, Sym value) {}

        /**
         * {@return the sum of {@code terms}}, with the guard they share, or each wrapped in its own;
         * the guard for the node's operands is built only when {@code below} says they need one
         */
        private static Adjoint combine(Term terms, boolean below) {
            boolean same = true;
            for (Term t = terms.next; t != null; t = t.next) {
                same &= t.guard == terms.guard;
            }
            if (same) {
                Sym sum = null;
                for (Term t = terms; t != null; t = t.next) {
                    sum = sum == null ? t.value : sum.plus(t.value);
                }
                return new Adjoint(terms.guard, terms.guard, Objects.requireNonNull(sum));
            }
            Guard prefix = terms.guard;
            for (Term t = terms.next; t != null; t = t.next) {
                prefix = Guard.common(prefix, t.guard);
            }
            // Each term is wrapped in the links of its guard below the prefix, innermost first; the
            // terms whose last link is a boolean condition are grouped by it, both polarities into
            // one ifElse(c, whenTrue, whenFalse).
            Map<Sym, Sym[]> groups = new IdentityHashMap<>();
            Map<Sym, Integer> slots = new IdentityHashMap<>();
            List<@Nullable Sym> parts = new ArrayList<>();
            List<Guard> distinct = new ArrayList<>();
            java.util.Set<Guard> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            boolean open = false;
            for (Term t = terms; t != null; t = t.next) {
                Guard g = t.guard;
                if (g == prefix) {
                    open = true;
                    parts.add(t.value);
                    continue;
                }
                Guard top = Objects.requireNonNull(g);
                if (seen.add(top)) {
                    distinct.add(top);
                }
                Sym value = t.value;
                boolean oneLink = top.parent == prefix;
                while (top.parent != prefix) {
                    value = top.wrapLast(value);
                    top = Objects.requireNonNull(top.parent);
                }
                if (top.cond.has(Sym.BOOL)) {
                    Sym[] sides = groups.get(top.cond);
                    if (sides == null) {
                        // both sides' sums, and (as 1 or null) whether a side has a term guarded by that link alone
                        sides = new Sym[4];
                        groups.put(top.cond, sides);
                        slots.put(top.cond, parts.size());
                        parts.add(null); // the group's ifElse goes here
                    }
                    int side = top.polarity ? 0 : 1;
                    sides[side] = sides[side] == null ? value : sides[side].plus(value);
                    if (oneLink) {
                        sides[2 + side] = Sym.ONE;
                    }
                } else {
                    parts.add(top.wrapLast(value));
                }
            }
            boolean complementary = false;
            for (Map.Entry<Sym, Sym[]> g : groups.entrySet()) {
                Sym[] sides = g.getValue();
                Sym whenTrue = sides[0] == null ? Sym.ZERO : sides[0];
                Sym whenFalse = sides[1] == null ? Sym.ZERO : sides[1];
                parts.set(slots.get(g.getKey()), g.getKey().ifElse(whenTrue, whenFalse));
                // open on both sides of c with nothing more: the node's guard is the prefix's
                complementary |= sides[2] != null && sides[3] != null;
            }
            Sym sum = null;
            for (Sym p : parts) {
                Sym q = Objects.requireNonNull(p);
                sum = sum == null ? q : sum.plus(q);
            }
            Guard guard = open || !below || (complementary && distinct.size() == 2) ? prefix : Guard.any(prefix, distinct);
            return new Adjoint(guard, prefix, Objects.requireNonNull(sum));
        }
    }
}
