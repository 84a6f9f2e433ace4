package dev.autodiff.core.internal.program;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an expression at named values by a program built and run once ({@link
 * Program#valueOnce}): what {@link Expr#value(Map)} does where its walk declines (a custom
 * operation, a missing binding, nodes spread too thinly). Everywhere else the walk gives the same,
 * to the bit.
 */
public final class Evaluator {
    private Evaluator() {}

    /** {@return the value of {@code e} with variables bound by name in {@code bindings}}, which is not null */
    public static double value(Expr e, Map<String, ? extends Number> bindings) {
        return Program.valueOnce(e, vars -> point(vars, bindings));
    }

    /** {@return the value of each of {@code vars} in {@code bindings}}, in their order */
    private static double[] point(List<Variable> vars, Map<String, ? extends Number> bindings) {
        double[] point = new double[vars.size()];
        for (int k = 0; k < point.length; k++) {
            Number n = bindings.get(vars.get(k).name());
            if (n == null) {
                throw new IllegalArgumentException("no value for variable " + vars.get(k).name()
                        + "; the bindings name " + bindings.keySet());
            }
            point[k] = n.doubleValue();
        }
        return point;
    }
}
