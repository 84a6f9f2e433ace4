package dev.autodiff.hipparchus;

import static dev.autodiff.hipparchus.DifferentiableFunctionTest.near;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.analysis.MultivariateFunction;
import org.hipparchus.analysis.MultivariateVectorFunction;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.junit.jupiter.api.Test;

/**
 * {@link HipparchusAdapters#objective} and {@link HipparchusAdapters#objectiveGradient}: values and
 * gradients against Hipparchus' derivative structures and finite differences, and optimizers that
 * reach a closed-form minimum.
 */
class ObjectiveTest {
    // Our gradients and Hipparchus' DS gradients agree to a few ulps of the largest partial (see
    // DifferentiableFunctionTest); 1e-13 of it leaves a factor 100.
    private static final double AGREE = 1e-13;
    // Central differences with h = 1e-5 err by h²/6·f''' plus ε·|f|/h, each about 1e-11 of the scale
    // for these formulas (Rosenbrock's third derivatives are a few hundred times it: 1e-8 covers them).
    private static final double H = 1e-5;
    private static final double FD = 1e-8;

    @Test
    void objectiveAndGradientAreTheFormulasValueAndTheGradientOfHipparchusArithmetic() {
        Random random = new Random(23);
        for (Formulas formula : Formulas.ALL) {
            Differentiable f = Reverse.of(formula.expr().apply(formula.variables()), formula.variables());
            MultivariateFunction value = HipparchusAdapters.objective(f).getObjectiveFunction();
            MultivariateVectorFunction gradient = HipparchusAdapters.objectiveGradient(f).getObjectiveFunctionGradient();
            for (int trial = 0; trial < 10; trial++) {
                int n = formula.arity();
                double[] point = new double[n];
                DSFactory factory = new DSFactory(n, 1);
                DerivativeStructure[] xs = new DerivativeStructure[n];
                for (int i = 0; i < n; i++) {
                    point[i] = formula.base()[i] + 0.3 * random.nextGaussian();
                    xs[i] = factory.variable(i, point[i]);
                }
                DerivativeStructure d = formula.ds().apply(xs);
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = d.getAllDerivatives()[1 + i]; // order-1 components follow the value, one per variable
                }
                String where = formula + " at trial " + trial;
                assertEquals(d.getValue(), value.value(point), AGREE * Math.max(1, Math.abs(d.getValue())), where);
                double[] g = gradient.value(point);
                near(expected, g, AGREE, where);
                double[] fd = new double[n];
                for (int i = 0; i < n; i++) {
                    double[] up = point.clone();
                    double[] down = point.clone();
                    up[i] += H;
                    down[i] -= H;
                    fd[i] = (value.value(up) - value.value(down)) / (2 * H);
                }
                near(fd, g, FD, where + " (finite differences)");
            }
        }
    }

    @Test
    void conjugateGradientAndBobyqaReachTheClosedFormMinimumOfAQuadratic() {
        // f(x) = ½ xᵀAx − bᵀx with A symmetric positive definite: the minimum is at A⁻¹b
        int n = 4;
        Random random = new Random(29);
        double[][] m = new double[n][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] a = MatrixUtils.createRealMatrix(m).transposeMultiply(MatrixUtils.createRealMatrix(m))
                .add(MatrixUtils.createRealIdentityMatrix(n)).getData();
        double[] b = {1, -2, 0.5, 3};
        List<Variable> x = Expr.variables("x", n);
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                terms.add(x.get(i).times(x.get(j)).times(0.5 * a[i][j]));
            }
            terms.add(x.get(i).times(-b[i]));
        }
        Differentiable f = Reverse.of(Expr.sum(terms), x);
        double[] exact = new LUDecomposition(MatrixUtils.createRealMatrix(a)).getSolver()
                .solve(new ArrayRealVector(b)).toArray();

        PointValuePair cg = new NonLinearConjugateGradientOptimizer(NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
                new SimpleValueChecker(1e-15, 1e-15)).optimize(HipparchusAdapters.objective(f),
                HipparchusAdapters.objectiveGradient(f), GoalType.MINIMIZE, new InitialGuess(new double[n]),
                new MaxEval(10_000));
        // f is flat to second order at the minimum: a value tolerance of 1e-15 leaves the point about
        // sqrt(1e-15 / λ_min) ≈ 1e-7 away for eigenvalues λ ≥ 1 (A = MᵀM + I)
        near(exact, cg.getPoint(), 1e-6, "conjugate gradient");

        PointValuePair bobyqa = new BOBYQAOptimizer(2 * n + 1, 1, 1e-10).optimize(HipparchusAdapters.objective(f),
                GoalType.MINIMIZE, new InitialGuess(new double[n]), SimpleBounds.unbounded(n), new MaxEval(10_000));
        // BOBYQA stops when its trust region radius falls below 1e-10; its model is exact for a quadratic
        near(exact, bobyqa.getPoint(), 1e-6, "BOBYQA");
        assertEquals(f.value(exact), bobyqa.getValue(), 1e-12 * Math.abs(f.value(exact)));
    }

    @Test
    void nullFunctionsAndWrongSizePointsThrowWithMessages() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> HipparchusAdapters.objective(null));
        assertTrue(e.getMessage().contains("Differentiable"), e.getMessage());
        assertThrows(NullPointerException.class, () -> HipparchusAdapters.objectiveGradient(null));
        Differentiable f = Reverse.of(Formulas.LOG_ATAN.expr().apply(Formulas.LOG_ATAN.variables()),
                Formulas.LOG_ATAN.variables());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> HipparchusAdapters.objective(f).getObjectiveFunction().value(new double[3]));
        assertTrue(v.getMessage().contains("expected a point of 2 values"), v.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
                () -> HipparchusAdapters.objectiveGradient(f).getObjectiveFunctionGradient().value(new double[1]));
        assertTrue(g.getMessage().contains("expected a point of 2 values"), g.getMessage());
    }
}
