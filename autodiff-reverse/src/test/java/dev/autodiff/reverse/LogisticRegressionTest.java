package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import org.junit.jupiter.api.Test;

/**
 * The classic logistic-regression computation graph: x1 = 1.5, x2 = 2.5, w1 = -4, w2 = 3, b = -1,
 * y = 1; z = w1·x1 + w2·x2 + b, ŷ = σ(z), L = -(y log ŷ + (1 - y) log(1 - ŷ)). Published values,
 * rounded to 4 decimals: L = 0.4741, ∂L/∂w1 = -0.5663, ∂L/∂w2 = -0.9439, ∂L/∂b = -0.3775.
 */
class LogisticRegressionTest {
    // the published values are rounded to 4 decimals: at most 5e-5 off
    private static final double PUBLISHED = 5e-5;
    // against the closed form ∂L/∂w = (ŷ - y)·x: rounding of a dozen operations
    private static final double CLOSED = 1e-14;

    private final Variable x1 = Expr.variable("x1");
    private final Variable x2 = Expr.variable("x2");
    private final Variable w1 = Expr.variable("w1");
    private final Variable w2 = Expr.variable("w2");
    private final Variable b = Expr.variable("b");
    private final Variable y = Expr.variable("y");
    private final double[] point = {1.5, 2.5, -4, 3, -1, 1};

    private Expr loss() {
        Expr yhat = w1.times(x1).plus(w2.times(x2)).plus(b).sigmoid();
        return y.times(yhat.log()).plus(Expr.constant(1).minus(y).times(Expr.constant(1).minus(yhat).log())).unaryMinus();
    }

    @Test
    void lossAndGradientMatchThePublishedValues() {
        Differentiable f = Reverse.of(loss(), x1, x2, w1, w2, b, y);
        double[] g = f.gradient(point);
        assertEquals(0.4741, f.value(point), PUBLISHED);
        assertEquals(-0.5663, g[2], PUBLISHED);
        assertEquals(-0.9439, g[3], PUBLISHED);
        assertEquals(-0.3775, g[4], PUBLISHED);
    }

    @Test
    void gradientMatchesTheClosedForm() {
        double yhat = 1 / (1 + Math.exp(-(-4 * 1.5 + 3 * 2.5 - 1)));
        double[] g = Reverse.of(loss(), x1, x2, w1, w2, b, y).gradient(point);
        assertEquals(-Math.log(yhat), Reverse.of(loss(), x1, x2, w1, w2, b, y).value(point), CLOSED);
        assertEquals((yhat - 1) * 1.5, g[2], CLOSED);
        assertEquals((yhat - 1) * 2.5, g[3], CLOSED);
        assertEquals(yhat - 1, g[4], CLOSED);
        assertEquals((yhat - 1) * -4, g[0], CLOSED);
    }

    @Test
    void numericTapeGivesTheSameGradient() {
        double[] g = Reverse.gradient(v -> {
            Tracked yhat = v[2].times(v[0]).plus(v[3].times(v[1])).plus(v[4]).sigmoid();
            Tracked one = v[0].tape().constant(1);
            return v[5].times(yhat.log()).plus(one.minus(v[5]).times(one.minus(yhat).log())).unaryMinus();
        }, point);
        double[] expected = Reverse.of(loss(), x1, x2, w1, w2, b, y).gradient(point);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], g[i], CLOSED);
        }
    }
}
