package dev.autodiff.examples;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * Minimizes the chained Rosenbrock function {@code Σ 100(x_{i+1} - x_i²)² + (1 - x_i)²} with
 * Hipparchus' nonlinear conjugate-gradient optimizer (Polak–Ribière), fed our reverse-mode
 * gradients. The minimum is at (1, …, 1).
 */
public final class RosenbrockMinimization {
    private RosenbrockMinimization() {}

    /**
     * {@return the chained Rosenbrock expression over {@code xs}}
     *
     * @param xs the variables, at least 2
     */
    public static Expr rosenbrock(List<Variable> xs) {
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i + 1 < xs.size(); i++) {
            Expr a = xs.get(i + 1).minus(xs.get(i).square());
            Expr b = Expr.constant(1).minus(xs.get(i));
            terms.add(a.square().times(100).plus(b.square()));
        }
        return Expr.sum(terms);
    }

    /**
     * {@return the optimum found from the classic start (-1.2, 1, -1.2, 1, …) in {@code n} dimensions}
     *
     * @param n the dimension, at least 2
     */
    public static PointValuePair minimize(int n) {
        List<Variable> xs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            xs.add(Expr.variable("x" + i));
        }
        Differentiable f = Reverse.of(rosenbrock(xs), xs.toArray(Variable[]::new));
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = i % 2 == 0 ? -1.2 : 1;
        }
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-15, 1e-15));
        return optimizer.optimize(new MaxEval(200_000), new ObjectiveFunction(f::value),
                new ObjectiveFunctionGradient(f::gradient), GoalType.MINIMIZE, new InitialGuess(start));
    }

    /**
     * Prints the optimum.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        PointValuePair optimum = minimize(10);
        System.out.println("minimum " + optimum.getValue() + " at " + Arrays.toString(optimum.getPoint()));
    }
}
