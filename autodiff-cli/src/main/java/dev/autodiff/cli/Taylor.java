package dev.autodiff.cli;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import java.io.PrintStream;
import java.util.LinkedHashMap;
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
        Map<Variable, Double> others = new LinkedHashMap<>();
        for (int j = 0; j < vars.size(); j++) {
            if (j != k) {
                others.put(vars.get(j), point[j]);
            }
        }
        // past order 170 the derivatives stay finite where their true values are (Forward.derivatives)
        double[] d = Forward.derivatives(expr, x, others, point[k], options.derivatives());
        out.println("derivatives with respect to " + name + " (Taylor mode)");
        for (int order = 0; order < d.length; order++) {
            out.println("  f" + primes(order) + " = " + Format.number(d[order]));
        }
    }

    private static String primes(int order) {
        return order == 0 ? "" : order <= 3 ? "'".repeat(order) : "^(" + order + ")";
    }
}
