package dev.autodiff.hipparchus;

import static dev.autodiff.hipparchus.DifferentiableFunctionTest.near;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer.Optimum;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;
import org.junit.jupiter.api.Test;

/**
 * {@link HipparchusAdapters#jacobianFunction} and {@link HipparchusAdapters#leastSquares}: values and
 * m × n Jacobians against Hipparchus' derivative structures and finite differences, and fits against
 * the closed-form least-squares solution.
 */
class JacobianFunctionTest {
    // Gradients by our sweeps and by Hipparchus' DS arithmetic agree to a few ulps of the largest
    // partial; 1e-13 of it leaves a factor 100 (see DifferentiableFunctionTest).
    private static final double AGREE = 1e-13;
    // Central differences with h = 1e-5: truncation h²/6·f''' ≈ 2e-11 and rounding ε/h ≈ 2e-11 of the scale.
    private static final double H = 1e-5;
    private static final double FD = 1e-8;

    private final List<Variable> x = Formulas.SQRT_COS.variables();
    // four outputs of three variables, so that a transposed Jacobian cannot pass
    private final List<Formulas> outputs = List.of(Formulas.PRODUCT, Formulas.SQRT_COS, Formulas.LOG_ATAN, Formulas.TANH);

    private List<Expr> outputExprs() {
        List<Expr> es = new ArrayList<>();
        for (Formulas f : outputs) {
            es.add(f.expr().apply(x));
        }
        return es;
    }

    @Test
    void vectorFunctionGivesValuesAndTheMByNJacobianOfHipparchusArithmetic() {
        Random random = new Random(11);
        for (VectorDifferentiable m : List.of(Reverse.of(outputExprs(), x), Forward.of(outputExprs(), x))) {
            MultivariateJacobianFunction model = HipparchusAdapters.jacobianFunction(m);
            for (int trial = 0; trial < 20; trial++) {
                double[] point = {1 + 0.5 * random.nextGaussian(), 0.8 + 0.3 * random.nextGaussian(), random.nextGaussian()};
                Pair<RealVector, RealMatrix> r = model.value(new ArrayRealVector(point));
                assertEquals(outputs.size(), r.getFirst().getDimension());
                assertEquals(outputs.size(), r.getSecond().getRowDimension(), "one row per output");
                assertEquals(x.size(), r.getSecond().getColumnDimension(), "one column per variable");
                DSFactory factory = new DSFactory(x.size(), 1);
                DerivativeStructure[] xs = new DerivativeStructure[x.size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = factory.variable(i, point[i]);
                }
                for (int k = 0; k < outputs.size(); k++) {
                    DerivativeStructure d = outputs.get(k).ds().apply(xs);
                    String where = outputs.get(k) + " at trial " + trial;
                    assertEquals(d.getValue(), r.getFirst().getEntry(k), AGREE * Math.max(1, Math.abs(d.getValue())), where);
                    double[] gradient = new double[x.size()];
                    for (int i = 0; i < gradient.length; i++) {
                        int[] orders = new int[x.size()];
                        orders[i] = 1;
                        gradient[i] = d.getPartialDerivative(orders);
                    }
                    near(gradient, r.getSecond().getRow(k), AGREE, where);
                }
            }
        }
    }

    @Test
    void jacobianColumnsAreCentralDifferencesOfTheValues() {
        MultivariateJacobianFunction model = HipparchusAdapters.jacobianFunction(Reverse.of(outputExprs(), x));
        double[] point = {1.3, 0.6, -0.4};
        RealMatrix j = model.value(new ArrayRealVector(point)).getSecond();
        for (int i = 0; i < point.length; i++) {
            double[] up = point.clone();
            double[] down = point.clone();
            up[i] += H;
            down[i] -= H;
            RealVector fd = model.value(new ArrayRealVector(up)).getFirst()
                    .subtract(model.value(new ArrayRealVector(down)).getFirst()).mapDivide(2 * H);
            near(fd.toArray(), j.getColumn(i), FD, "column " + i);
        }
    }

    /** The residual θ0 exp(-θ1 t) + θ2 - y of one record (t, y). */
    private static Expr decay(List<Variable> theta, Variable t, Variable y) {
        return theta.get(0).times(theta.get(1).unaryMinus().times(t).exp()).plus(theta.get(2)).minus(y);
    }

    @Test
    void parametricResidualGivesOneRowPerRecordAsHipparchusArithmeticDoes() {
        List<Variable> theta = Expr.variables("theta", 3);
        Variable t = Expr.variable("t");
        Variable y = Expr.variable("y");
        double[][] rows = {{0, 3.1}, {0.5, 2.2}, {1, 1.7}, {2, 1.2}, {4, 1.0}};
        for (ParametricDifferentiable residual : List.of(Reverse.of(decay(theta, t, y), theta, List.of(t, y)),
                Forward.of(decay(theta, t, y), theta, List.of(t, y)))) {
            double[][] callers = {rows[0].clone(), rows[1].clone(), rows[2].clone(), rows[3].clone(), rows[4].clone()};
            MultivariateJacobianFunction model = HipparchusAdapters.jacobianFunction(residual, callers);
            callers[2][1] = 99; // the model copied the rows
            double[] point = {2.1, 0.7, 0.9};
            Pair<RealVector, RealMatrix> r = model.value(new ArrayRealVector(point));
            assertEquals(rows.length, r.getSecond().getRowDimension());
            assertEquals(theta.size(), r.getSecond().getColumnDimension());
            DSFactory factory = new DSFactory(3, 1);
            for (int k = 0; k < rows.length; k++) {
                DerivativeStructure a = factory.variable(0, point[0]);
                DerivativeStructure b = factory.variable(1, point[1]);
                DerivativeStructure c = factory.variable(2, point[2]);
                DerivativeStructure d = a.multiply(b.multiply(-rows[k][0]).exp()).add(c).subtract(rows[k][1]);
                assertEquals(d.getValue(), r.getFirst().getEntry(k), AGREE * Math.max(1, Math.abs(d.getValue())));
                near(new double[] {d.getPartialDerivative(1, 0, 0), d.getPartialDerivative(0, 1, 0),
                    d.getPartialDerivative(0, 0, 1)}, r.getSecond().getRow(k), AGREE, "record " + k);
            }
        }
    }

    @Test
    void levenbergMarquardtOnEitherModelFindsTheClosedFormLinearFit() {
        // y ≈ a + b t + c t²: linear in (a, b, c), so the least-squares solution is the QR solve of the design matrix
        Random random = new Random(17);
        int m = 30;
        double[][] rows = new double[m][];
        double[][] design = new double[m][];
        double[] observed = new double[m];
        List<Expr> residuals = new ArrayList<>();
        List<Variable> theta = Expr.variables("c", 3);
        for (int k = 0; k < m; k++) {
            double t = k / 10.0;
            observed[k] = 1.5 - 0.8 * t + 0.3 * t * t + 0.05 * random.nextGaussian();
            rows[k] = new double[] {t, observed[k]};
            design[k] = new double[] {1, t, t * t};
            residuals.add(theta.get(0).plus(theta.get(1).times(t)).plus(theta.get(2).times(t * t)).minus(observed[k]));
        }
        double[] exact = new QRDecomposition(MatrixUtils.createRealMatrix(design)).getSolver()
                .solve(new ArrayRealVector(observed)).toArray();

        Variable t = Expr.variable("t");
        Variable y = Expr.variable("y");
        Expr one = theta.get(0).plus(theta.get(1).times(t)).plus(theta.get(2).times(t.square())).minus(y);
        LevenbergMarquardtOptimizer lm = new LevenbergMarquardtOptimizer();
        Optimum byVector = lm.optimize(HipparchusAdapters.leastSquares(Reverse.of(residuals, theta))
                .start(new double[3]).maxEvaluations(100).maxIterations(100).build());
        Optimum byRecords = lm.optimize(HipparchusAdapters.leastSquares(Reverse.of(one, theta, List.of(t, y)), rows)
                .start(new double[3]).maxEvaluations(100).maxIterations(100).build());
        for (Optimum fit : List.of(byVector, byRecords)) {
            // LM stops when the relative cost reduction falls below 1e-10; on a linear problem its
            // Gauss-Newton step is exact to rounding, so the estimates agree far below the noise
            near(exact, fit.getPoint().toArray(), 1e-9, "fit");
            double rss = 0;
            for (int k = 0; k < m; k++) {
                double r = exact[0] + exact[1] * rows[k][0] + exact[2] * rows[k][0] * rows[k][0] - observed[k];
                rss += r * r;
            }
            assertEquals(Math.sqrt(rss), fit.getCost(), 1e-12 * Math.sqrt(rss), "Hipparchus' cost is the residuals' norm");
        }
    }

    @Test
    void nullAndWrongSizeArgumentsThrowWithMessages() {
        MultivariateJacobianFunction model = HipparchusAdapters.jacobianFunction(Reverse.of(outputExprs(), x));
        NullPointerException noPoint = assertThrows(NullPointerException.class, () -> model.value(null));
        assertTrue(noPoint.getMessage().contains("expected a point of 3 values"), noPoint.getMessage());
        IllegalArgumentException shortPoint = assertThrows(IllegalArgumentException.class,
                () -> model.value(new ArrayRealVector(2)));
        assertTrue(shortPoint.getMessage().contains("3"), shortPoint.getMessage());
        assertThrows(NullPointerException.class, () -> HipparchusAdapters.jacobianFunction(null));
        assertThrows(NullPointerException.class, () -> HipparchusAdapters.leastSquares(null));
        IllegalArgumentException noOutputs = assertThrows(IllegalArgumentException.class,
                () -> HipparchusAdapters.jacobianFunction(Reverse.of(List.of(), x)));
        assertTrue(noOutputs.getMessage().contains("at least one output"), noOutputs.getMessage());

        List<Variable> theta = Expr.variables("theta", 3);
        Variable t = Expr.variable("t");
        Variable y = Expr.variable("y");
        ParametricDifferentiable residual = Reverse.of(decay(theta, t, y), theta, List.of(t, y));
        IllegalArgumentException shortRow = assertThrows(IllegalArgumentException.class,
                () -> HipparchusAdapters.jacobianFunction(residual, new double[][] {{0, 1}, {1}}));
        assertTrue(shortRow.getMessage().contains("row 1 with 2 values") && shortRow.getMessage().contains("got 1"),
                shortRow.getMessage());
        IllegalArgumentException nullRow = assertThrows(IllegalArgumentException.class,
                () -> HipparchusAdapters.jacobianFunction(residual, new double[][] {null}));
        assertTrue(nullRow.getMessage().contains("row 0") && nullRow.getMessage().contains("null"), nullRow.getMessage());
        IllegalArgumentException noRows = assertThrows(IllegalArgumentException.class,
                () -> HipparchusAdapters.leastSquares(residual, new double[0][]));
        assertTrue(noRows.getMessage().contains("at least one output"), noRows.getMessage());
        NullPointerException nullRows = assertThrows(NullPointerException.class,
                () -> HipparchusAdapters.jacobianFunction(residual, null));
        assertTrue(nullRows.getMessage().contains("rows"), nullRows.getMessage());
        IllegalArgumentException wrongPoint = assertThrows(IllegalArgumentException.class,
                () -> HipparchusAdapters.jacobianFunction(residual, new double[][] {{0, 1}})
                        .value(new ArrayRealVector(new double[] {1, 2})));
        assertTrue(wrongPoint.getMessage().contains("3"), wrongPoint.getMessage());
    }
}
