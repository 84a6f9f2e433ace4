package dev.autodiff.spark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.spark.LocalSpark;
import dev.autodiff.spark.RecordFunction;
import dev.autodiff.spark.SparkSum;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example's fit on a smaller data set (the 10⁶-record run is the example's main): the Spark fit
 * against the one-machine fit, against Spark MLlib's own logistic regression, and against the
 * weights the records were drawn from.
 */
class SparkLogisticRegressionTest {
    private static final int N = 20_000;
    private static final long SEED = 7;
    private static Dataset<Row> data;
    private static SparkSum objective;
    private static Lbfgs.Minimum onSpark;
    private static double[][] hessian;

    @BeforeAll
    static void fitOnSpark() {
        data = SparkLogisticRegression.dataFrame(LocalSpark.session(), N, 3, SEED).cache();
        objective = SparkSum.of(SparkLogisticRegression.negativeLogLikelihood(), data).withChunkRows(1000).persist();
        onSpark = SparkLogisticRegression.fit(objective);
        hessian = objective.hessian(onSpark.point());
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void sparkFitAgreesWithTheOneMachineFit() {
        RecordFunction nll = SparkLogisticRegression.negativeLogLikelihood();
        Lbfgs.Minimum oneMachine = SparkLogisticRegression.fit(nll.sumOver(SparkLogisticRegression.records(N, SEED)));
        assertTrue(onSpark.converged() && oneMachine.converged());
        // The NLL is strongly convex near its minimum θ*, with Hessian ≥ λ_min: ‖θ − θ*‖ ≤ ‖∇f(θ)‖/λ_min
        // for each fit (half of λ_min allows the Hessian to change between the fits and θ*). Both stop
        // where ‖∇f‖ ≤ 1e-10·|f|, so they agree to about 1e-10·|f|/λ_min, here ~1e-9: rounding in the
        // sums is all that separates their paths.
        double lambdaMin = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(hessian)).getEigenvalues()[4];
        double bound = (norm(onSpark.gradient()) + norm(oneMachine.gradient())) / (0.5 * lambdaMin);
        double[] d = new double[5];
        for (int i = 0; i < 5; i++) {
            d[i] = onSpark.point()[i] - oneMachine.point()[i];
        }
        assertTrue(norm(d) <= bound, norm(d) + " > " + bound);
        assertTrue(bound < 1e-6, "the bound itself is tight: " + bound);
    }

    @Test
    void sparkFitAgreesWithSparkMllibsLogisticRegression() {
        // MLlib's is an independent implementation: hand-written gradients of the mean loss, Breeze's
        // L-BFGS, standardized features. It stops on a relative change of the loss below tol, so its
        // weights are accurate to about √tol = 1e-7 (the loss is quadratic in the error near the
        // minimum) times the conditioning: 1e-5 relative is met with margin, and a wrong gradient
        // would miss it by far (the weights' standard errors are ~2e-2).
        String[] features = {"x0", "x1", "x2", "x3"};
        Dataset<Row> assembled = new VectorAssembler().setInputCols(features).setOutputCol("features").transform(data);
        LogisticRegressionModel model = new LogisticRegression().setLabelCol("y").setRegParam(0).setTol(1e-14)
                .setMaxIter(500).fit(assembled);
        double[] mllib = new double[5];
        System.arraycopy(model.coefficients().toArray(), 0, mllib, 0, 4);
        mllib[4] = model.intercept();
        assertTrue(SparkLogisticRegression.largestRelativeDifference(onSpark.point(), mllib) < 1e-5,
                java.util.Arrays.toString(onSpark.point()) + " vs MLlib " + java.util.Arrays.toString(mllib));
    }

    @Test
    void fittedWeightsAreWithinTheirStandardErrorsOfTheTrueOnes() {
        // the maximum-likelihood estimate is asymptotically normal with covariance H⁻¹ at the fit
        RealMatrix covariance = MatrixUtils.inverse(MatrixUtils.createRealMatrix(hessian));
        for (int i = 0; i < 5; i++) {
            double se = Math.sqrt(covariance.getEntry(i, i));
            assertEquals(SparkLogisticRegression.TRUE_WEIGHTS[i], onSpark.point()[i], 5 * se, "weight " + i);
        }
    }
}
