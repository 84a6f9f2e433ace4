package dev.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.hipparchus.optim.PointValuePair;
import org.junit.jupiter.api.Test;

/** Each worked example runs and gives what its closed form or its published numbers say. */
class ExamplesTest {

    @Test
    void logisticRegressionMatchesThePublishedNumbersAndTheClosedForm() {
        LogisticRegression.Result r = LogisticRegression.compute();
        // published to four decimals
        assertEquals(0.4741, r.loss(), 5e-5);
        assertEquals(-0.5663, r.dw1(), 5e-5);
        assertEquals(-0.9439, r.dw2(), 5e-5);
        assertEquals(-0.3775, r.db(), 5e-5);
        // closed form: dL/dz = ŷ - y, z = 0.5
        double yhat = 1 / (1 + Math.exp(-0.5));
        assertEquals(yhat, r.yhat(), 1e-15);
        assertEquals(-Math.log(yhat), r.loss(), 1e-15);
        assertEquals((yhat - 1) * 1.5, r.dw1(), 1e-15);
        assertEquals((yhat - 1) * 2.5, r.dw2(), 1e-15);
        assertEquals(yhat - 1, r.db(), 1e-15);
    }

    @Test
    void customSigmoidNodeGivesTheBuiltInGradients() {
        double[][] g = CustomSigmoid.gradients(0.8, -1.5, 0.3);
        for (int k = 0; k < 3; k++) {
            // σ(t) by exp and division in both; only the order of the products differs
            assertEquals(g[1][k], g[0][k], 1e-15 * Math.max(1, Math.abs(g[1][k])));
        }
    }

    @Test
    void mlpLossFallsAndClassifiesTheMoons() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MlpTraining.Outcome o = new MlpTraining().train(TwoMoons.generate(200, 0.1, 7), 100, 16, 0.5, 11,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        String progress = log.toString(StandardCharsets.UTF_8);
        assertEquals(100, progress.lines().count(), "a progress line per epoch");
        assertTrue(o.initialLoss() > 0.5, "untrained loss near log 2: " + o.initialLoss());
        assertTrue(o.finalLoss() < 0.1, "loss after training: " + o.finalLoss() + "\n" + progress);
        assertTrue(o.accuracy() >= 0.97, "accuracy: " + o.accuracy());
    }

    @Test
    void conjugateGradientWithOurGradientsFindsTheRosenbrockMinimum() {
        PointValuePair optimum = RosenbrockMinimization.minimize(10);
        for (double xi : optimum.getPoint()) {
            assertEquals(1, xi, 1e-4);
        }
        assertTrue(optimum.getValue() < 1e-8, "f at the optimum: " + optimum.getValue());
    }
}
