package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The colour counts behind the sparse targets, read from the compiled functions' patterns: how
 * many products a sparse Hessian or Jacobian costs. Counts, not times: {@link Report} takes them
 * beside the JMH run.
 */
public final class SparseCounts {
    /** The size the counts are taken at (the n = 10⁵). */
    public static final int N = 100_000;
    /** Colours of the banded residual's Jacobian by forward mode (Jacobian-vector products). */
    public static final String RESIDUAL_FORWARD = "residualJacobianColoursForward";
    /** Colours of the banded residual's Jacobian by reverse mode (its choice of products). */
    public static final String RESIDUAL_REVERSE = "residualJacobianColoursReverse";
    /** Colours of the chained Rosenbrock's Hessian by reverse mode (Hessian-vector products). */
    public static final String ROSENBROCK_HESSIAN = "rosenbrockHessianColours";

    private SparseCounts() {}

    /** {@return the counts at n = {@value #N}, by name} */
    public static Map<String, Double> compute() {
        Map<String, Double> counts = new LinkedHashMap<>();
        Residual residual = new Residual(N);
        List<Variable> x = Expr.variables("x", N);
        List<Expr> r = residual.exprs(x);
        counts.put(RESIDUAL_FORWARD, (double) Forward.of(r, x).jacobianSparsity().colours());
        counts.put(RESIDUAL_REVERSE, (double) Reverse.of(r, x).jacobianSparsity().colours());
        Rosenbrock rosenbrock = new Rosenbrock(N);
        Variable[] v = rosenbrock.variables();
        SparsityPattern hessian = Reverse.of(rosenbrock.expr(v), v).hessianSparsity();
        counts.put(ROSENBROCK_HESSIAN, (double) hessian.colours());
        return counts;
    }
}
