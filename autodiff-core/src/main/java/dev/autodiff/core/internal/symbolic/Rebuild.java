package dev.autodiff.core.internal.symbolic;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Constant;
import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.graph.Traversal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Walks that build something new from every node of an expression, once per distinct node and in
 * post-order (no recursion): substitution, evaluation over any {@link Scalar}, and the replacement
 * of one custom operation by another.
 */
public final class Rebuild {
    private Rebuild() {}

    /**
     * {@return {@code root} with the mapped variables replaced}; a node none of whose operands
     * changed is kept as the same object, so sharing is kept and unchanged parts are not copied
     */
    public static Expr substitute(Expr root, Map<Variable, ? extends Expr> replacements) {
        Objects.requireNonNull(replacements, "expected a map from variables to expressions, got null");
        return rebuild(root, replacements, null, null);
    }

    /** {@return {@code root} with every call of {@code from} made a call of {@code to}}, sharing kept */
    public static Expr replaceOperation(Expr root, CustomOperation from, CustomOperation to) {
        return rebuild(root, Map.of(), from, to);
    }

    private static Expr rebuild(Expr root, Map<Variable, ? extends Expr> replacements,
            @Nullable CustomOperation from, @Nullable CustomOperation to) {
        Traversal.Order order = Traversal.order(List.of(root));
        List<Expr> nodes = order.nodes;
        Expr[] out = new Expr[nodes.size()];
        for (int k = 0; k < out.length; k++) {
            Expr e = nodes.get(k);
            if (e instanceof Variable v) {
                Expr r = replacements.get(v);
                if (r == null && replacements.containsKey(v)) {
                    throw new NullPointerException("expected an expression to replace " + v.name() + " with, got null");
                }
                out[k] = r != null ? r : e;
                continue;
            }
            int arity = Traversal.arity(e);
            boolean changed = e instanceof Call c && c.operation() == from;
            for (int j = 0; j < arity; j++) {
                int o = order.operand(k, j);
                changed |= out[o] != nodes.get(o);
            }
            if (!changed) {
                out[k] = e;
            } else if (e instanceof Unary u) {
                out[k] = Unary.of(u.op(), out[order.operand(k, 0)]);
            } else if (e instanceof Binary b) {
                out[k] = Binary.of(b.op(), out[order.operand(k, 0)], out[order.operand(k, 1)]);
            } else if (e instanceof Call c) {
                CustomOperation op = c.operation() == from ? Objects.requireNonNull(to) : c.operation();
                out[k] = op.invoke(out[order.operand(k, 0)]);
            } else {
                out[k] = Expr.ifElse(out[order.operand(k, 0)], out[order.operand(k, 1)], out[order.operand(k, 2)]);
            }
        }
        return out[out.length - 1];
    }

    /**
     * {@return {@code root} evaluated over scalar type {@code T}}: each node applied through the
     * {@link Scalar} core, each distinct node once, constants made by a bound value's
     * {@link Scalar#newConstant}
     *
     * @throws IllegalArgumentException naming a variable without a binding, or for no bindings at all
     */
    public static <T extends Scalar<T>> T evaluate(Expr root, Map<Variable, T> bindings) {
        Objects.requireNonNull(bindings, "expected a map from variables to values, got null");
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("expected at least one bound variable, whose type makes the constants");
        }
        T like = Objects.requireNonNull(bindings.values().iterator().next(), "expected values, got null");
        Traversal.Order order = Traversal.order(List.of(root));
        List<Expr> nodes = order.nodes;
        List<@Nullable T> values = new java.util.ArrayList<>(nodes.size());
        for (int k = 0; k < nodes.size(); k++) {
            Expr e = nodes.get(k);
            T v;
            if (e instanceof Constant c) {
                v = like.newConstant(c.value());
            } else if (e instanceof Variable x) {
                v = bindings.get(x);
                if (v == null) {
                    throw new IllegalArgumentException("no value for variable " + x.name() + "; the bindings name "
                            + bindings.keySet());
                }
            } else {
                T a = operand(values, order, k, 0);
                if (e instanceof Unary u) {
                    v = a.apply(u.op());
                } else if (e instanceof Binary b) {
                    // a constant exponent is what programs compile to POW_CONST: never a logarithm of the base
                    v = b.op() == Primitive.POW && b.right() instanceof Constant p
                            ? a.pow(p.value())
                            : a.apply(b.op(), operand(values, order, k, 1));
                } else if (e instanceof Call c) {
                    v = a.apply(c.operation());
                } else {
                    v = a.ifElse(operand(values, order, k, 1), operand(values, order, k, 2));
                }
            }
            values.add(v);
        }
        return Objects.requireNonNull(values.get(values.size() - 1));
    }

    private static <T> T operand(List<@Nullable T> values, Traversal.Order order, int k, int which) {
        return Objects.requireNonNull(values.get(order.operand(k, which)));
    }
}
