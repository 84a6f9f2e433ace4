package dev.autodiff.cli;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Constant;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.graph.Traversal;
import dev.autodiff.forward.Forward;
import java.io.PrintStream;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Prints Taylor-mode derivatives f, f', …, f^(n) with respect to one variable, the others held fixed. */
final class Taylor {
    private Taylor() {}

    static void print(Expr expr, List<Variable> vars, double[] point, Options options, PrintStream out) {
        String name = options.wrt().orElseThrow();
        int k = vars.indexOf(Expr.variable(name));
        if (k < 0) {
            throw new UsageException("--wrt " + name + " is not among the variables given with --at");
        }
        Variable x = vars.get(k);
        Map<Variable, Double> fixed = new java.util.HashMap<>();
        for (int j = 0; j < vars.size(); j++) {
            if (j != k) {
                fixed.put(vars.get(j), point[j]);
            }
        }
        double[] d = Forward.derivatives(bind(expr, fixed), x, point[k], options.derivatives());
        out.println("derivatives with respect to " + name + " (Taylor mode)");
        for (int order = 0; order < d.length; order++) {
            out.println("  f" + primes(order) + " = " + Format.number(d[order]));
        }
    }

    private static String primes(int order) {
        return order == 0 ? "" : order <= 3 ? "'".repeat(order) : "^(" + order + ")";
    }

    /** {@return {@code expr} with the given variables replaced by constants} rebuilt bottom-up, each node once. */
    static Expr bind(Expr expr, Map<Variable, Double> fixed) {
        IdentityHashMap<Expr, Expr> rebuilt = new IdentityHashMap<>();
        for (Expr e : Traversal.postOrder(List.of(expr))) {
            Expr r;
            if (e instanceof Variable v && fixed.containsKey(v)) {
                r = Constant.of(fixed.get(v));
            } else if (e instanceof Unary u) {
                r = Unary.of(u.op(), rebuilt.get(u.operand()));
            } else if (e instanceof Binary b) {
                r = Binary.of(b.op(), rebuilt.get(b.left()), rebuilt.get(b.right()));
            } else if (e instanceof Call c) {
                r = c.operation().invoke(rebuilt.get(c.argument()));
            } else {
                r = e;
            }
            rebuilt.put(e, r);
        }
        return rebuilt.get(expr);
    }
}
