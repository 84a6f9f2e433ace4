package dev.autodiff.hipparchus;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Test formulas written twice: as our expressions and in Hipparchus' {@link DerivativeStructure}
 * arithmetic, whose own chain rule is the oracle for ours.
 *
 * @param name the formula as text, for messages
 * @param base a point of the formula's domain around which tests pick their points
 */
record Formulas(String name, double[] base, Function<List<Variable>, Expr> expr,
        Function<DerivativeStructure[], DerivativeStructure> ds) {

    /** {@return the number of variables} */
    int arity() {
        return base.length;
    }

    /** {@return the variables x0, x1, … of this formula} */
    List<Variable> variables() {
        List<Variable> xs = new ArrayList<>();
        for (int i = 0; i < arity(); i++) {
            xs.add(Expr.variable("x" + i));
        }
        return xs;
    }

    @Override
    public String toString() {
        return name;
    }

    static final Formulas PRODUCT = new Formulas("x0² sin(x1) + exp(-x0/2) x2", new double[] {1.2, -0.7, 0.4},
            x -> x.get(0).square().times(x.get(1).sin()).plus(x.get(0).div(2).unaryMinus().exp().times(x.get(2))),
            x -> x[0].square().multiply(x[1].sin()).add(x[0].divide(2).negate().exp().multiply(x[2])));

    static final Formulas LOG_ATAN = new Formulas("log(1 + x0² + x1²) atan(x0 - x1)", new double[] {0.3, 1.1},
            x -> x.get(0).square().plus(x.get(1).square()).log1p().times(x.get(0).minus(x.get(1)).atan()),
            x -> x[0].square().add(x[1].square()).log1p().multiply(x[0].subtract(x[1]).atan()));

    static final Formulas SQRT_COS = new Formulas("sqrt(x0 x1 + 2) / (1 + x2²) + cos(x0 x2)",
            new double[] {1.0, 0.8, -0.6},
            x -> x.get(0).times(x.get(1)).plus(2).sqrt().div(x.get(2).square().plus(1))
                    .plus(x.get(0).times(x.get(2)).cos()),
            x -> x[0].multiply(x[1]).add(2).sqrt().divide(x[2].square().add(1)).add(x[0].multiply(x[2]).cos()));

    static final Formulas ROSENBROCK = new Formulas("Σ 100 (x[i+1] - x[i]²)² + (1 - x[i])², six variables",
            new double[] {-1.2, 1, 0.8, 0.6, 1.1, 0.9},
            x -> {
                List<Expr> terms = new ArrayList<>();
                for (int i = 0; i + 1 < x.size(); i++) {
                    terms.add(x.get(i + 1).minus(x.get(i).square()).square().times(100)
                            .plus(Expr.constant(1).minus(x.get(i)).square()));
                }
                return Expr.sum(terms);
            },
            x -> {
                DerivativeStructure s = x[0].getField().getZero();
                for (int i = 0; i + 1 < x.length; i++) {
                    s = s.add(x[i + 1].subtract(x[i].square()).square().multiply(100)
                            .add(x[i].negate().add(1).square()));
                }
                return s;
            });

    static final Formulas TANH = new Formulas("x0 tanh(x0)", new double[] {0.7},
            x -> x.get(0).times(x.get(0).tanh()),
            x -> x[0].multiply(x[0].tanh()));

    static final List<Formulas> ALL = List.of(PRODUCT, LOG_ATAN, SQRT_COS, ROSENBROCK, TANH);
}
