package dev.autodiff.reverse;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.testkit.DifferentiableContract;
import java.util.List;

/** The shared contract of every mode, run against reverse mode. */
class ReverseContractTest extends DifferentiableContract {
    @Override
    protected Differentiable compile(Expr e, Variable... vars) {
        return Reverse.of(e, vars);
    }

    @Override
    protected VectorDifferentiable compile(List<Expr> es, Variable... vars) {
        return Reverse.of(es, vars);
    }
}
