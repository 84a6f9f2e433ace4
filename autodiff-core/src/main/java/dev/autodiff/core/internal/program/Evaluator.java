package dev.autodiff.core.internal.program;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an expression at named values, once, as a program would ({@link Program#valueOnce}):
 * in the walk that finds the nodes ({@link WalkEvaluator}) where that gives the same, value and
 * errors, and by {@code valueOnce} otherwise.
 */
public final class Evaluator {
    private Evaluator() {}

    /** {@return the value of {@code e} with variables bound by name} */
    public static double value(Expr e, Map<String, ? extends Number> bindings) {
        if (bindings == null) {
            throw new NullPointerException("expected a map from variable names to values, got null");
        }
        double[] out = new double[1];
        // one walk in the common case; valueOnce where the order of evaluation could show
        return WalkEvaluator.value(e, bindings, out) ? out[0] : Program.valueOnce(e, vars -> point(vars, bindings));
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
