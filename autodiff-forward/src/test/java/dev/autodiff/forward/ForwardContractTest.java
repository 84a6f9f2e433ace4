package dev.autodiff.forward;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.testkit.DifferentiableContract;
import java.util.List;

/** The shared contract of {@link Differentiable} and {@link VectorDifferentiable}, for forward mode. */
class ForwardContractTest extends DifferentiableContract {
    @Override
    protected Differentiable compile(Expr e, Variable... vars) {
        return Forward.of(e, vars);
    }

    @Override
    protected VectorDifferentiable compile(List<Expr> es, Variable... vars) {
        return Forward.of(es, vars);
    }
}
