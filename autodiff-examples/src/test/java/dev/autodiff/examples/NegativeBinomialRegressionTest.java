package dev.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * The negative-binomial example: estimates near the truth, a stationary optimum, the likelihood equal
 * to the probabilities written with Hipparchus' log-gamma, the gradient equal to a hand-written one,
 * and the Hessian equal to differences of that gradient.
 */
class NegativeBinomialRegressionTest {
    private static final double[] TRUE = NegativeBinomialRegression.TRUE;
    // fitted once for all the tests: a fit of 10⁴ records takes about half a second
    private static final double[][] ROWS = NegativeBinomialRegression.generate(NegativeBinomialRegression.RECORDS, TRUE,
            7);
    private static final NegativeBinomialRegression.Fit FIT = NegativeBinomialRegression.fit(ROWS);
    private static final Differentiable NLL = NegativeBinomialRegression.sumOver(ROWS);

    /**
     * {@return ψ(x) for x &gt; 0}, by ψ(x) = ψ(x + 1) − 1/x up to x ≥ 20 and there the asymptotic series
     * ln x − 1/(2x) − Σ B₂ₙ/(2n x²ⁿ) to x⁻¹², whose first omitted term, 3617/(8160 x¹⁴), is below
     * 3e-19. Written here because Hipparchus 4.0's {@code Gamma.digamma} is off by about 3e-9 below
     * x = 49 (measured against ψ(n) = −γ + Σ_{i<n} 1/i), too far for an oracle.
     */
    private static double digamma(double x) {
        double shift = 0;
        while (x < 20) {
            shift -= 1 / x;
            x += 1;
        }
        double f = 1 / (x * x);
        double series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132
                - f * (691.0 / 32760))))));
        return shift + Math.log(x) - 0.5 / x - series;
    }

    /**
     * {@return the gradient of Σ −log P(y) by hand, and in {@code scale} the sums of its terms'
     * magnitudes}: with k = e^α, μ = e^η, ∂/∂η = k(μ − y)/(k + μ) and
     * ∂/∂α = k[ψ(k) − ψ(y + k) − α − 1 + log(k + μ) + (k + y)/(k + μ)]
     */
    private static double[] handGradient(double[] theta, double[] scale) {
        double[] g = new double[4];
        Arrays.fill(scale, 0);
        double alpha = theta[3];
        double k = Math.exp(alpha);
        for (double[] row : ROWS) {
            double[] x = {1, row[0], row[1]};
            double y = row[2];
            double mu = Math.exp(theta[0] + theta[1] * x[1] + theta[2] * x[2]);
            double dEta = k * (mu - y) / (k + mu);
            for (int j = 0; j < 3; j++) {
                g[j] += dEta * x[j];
                scale[j] += k * (mu + y) / (k + mu) * Math.abs(x[j]);
            }
            double[] terms = {digamma(k), -digamma(y + k), -alpha, -1, Math.log(k + mu), (k + y) / (k + mu)};
            for (double t : terms) {
                g[3] += k * t;
                scale[3] += k * Math.abs(t);
            }
        }
        return g;
    }

    @Test
    void estimatesAreWithinThreeStandardErrorsOfTheTrueParameters() {
        for (int j = 0; j < 4; j++) {
            double z = (FIT.estimate()[j] - TRUE[j]) / FIT.standardErrors()[j];
            assertTrue(Math.abs(z) < 3, NegativeBinomialRegression.NAMES.get(j) + ": z = " + z);
        }
    }

    @Test
    void valueIsTheSumOfTheLogProbabilitiesByHipparchusLogGamma() {
        for (double[] theta : new double[][] {FIT.estimate(), TRUE, {0, 0, 0, 0}}) {
            double k = Math.exp(theta[3]);
            double expected = 0;
            double scale = 0;
            for (double[] row : ROWS) {
                double y = row[2];
                double mu = Math.exp(theta[0] + theta[1] * row[0] + theta[2] * row[1]);
                // log P(y) = log Γ(y + k) − log Γ(k) − log y! + k log(k/(k + μ)) + y log(μ/(k + μ))
                double[] terms = {Gamma.logGamma(y + k), -Gamma.logGamma(k), -Gamma.logGamma(y + 1),
                    k * Math.log(k / (k + mu)), y * Math.log(mu / (k + mu))};
                for (double t : terms) {
                    expected -= t;
                    scale += Math.abs(t);
                }
                // the example's arrangement −kα + (k + y)·log(k + μ) − yη has terms of its own size
                double eta = Math.log(mu);
                scale += Math.abs(k * theta[3]) + (k + y) * Math.abs(Math.log(k + mu)) + Math.abs(y * eta);
            }
            // two log-gamma implementations (they agree to 6e-16 relative) and two arrangements of the
            // logarithms: each term within a few ulps of its magnitude, then sums of m = 10⁴ terms whose
            // rounding (m − 1)ε ≈ 1.1e-12 of the sum of magnitudes bounds (measured 3e-14)
            assertEquals(expected, NLL.value(theta), 1.5e-12 * scale, "θ = " + Arrays.toString(theta));
        }
    }

    @Test
    void gradientEqualsTheHandWrittenOne() {
        for (double[] theta : new double[][] {FIT.estimate(), TRUE, {0, 0, 0, 0}, {1, -0.5, 0.3, -1}}) {
            double[] scale = new double[4];
            double[] expected = handGradient(theta, scale);
            double[] actual = NLL.gradient(theta);
            for (int j = 0; j < 4; j++) {
                // each term within a few ulps of its magnitude (the digammas to 1e-15 relative), then
                // sums of m = 10⁴ terms: (m − 1)ε ≈ 1.1e-12 of the sum of magnitudes bounds their
                // rounding (measured 5e-16)
                assertEquals(expected[j], actual[j], 1.5e-12 * scale[j],
                        NegativeBinomialRegression.NAMES.get(j) + " at " + Arrays.toString(theta));
            }
        }
    }

    @Test
    void hessianEqualsCentralDifferencesOfTheHandWrittenGradient() {
        double[] theta = FIT.estimate();
        double[][] h = FIT.minimum().hessian();
        double[] scale = new double[4];
        for (int b = 0; b < 4; b++) {
            // step 1e-4: the differences' truncation error h²·|g'''|/6 is about 1e-9 of |H| (g''' is of
            // the order of H), their rounding ε·Σ|terms|/h about 1e-12 of it; 1e-7 leaves room for both
            // (measured 2e-9), while a wrong second-order rule (trigamma) is off by far more
            double step = 1e-4;
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[b] += step;
            minus[b] -= step;
            double[] gPlus = handGradient(plus, scale);
            double[] gMinus = handGradient(minus, scale);
            for (int a = 0; a < 4; a++) {
                double expected = (gPlus[a] - gMinus[a]) / (2 * step);
                assertEquals(expected, h[a][b], 1e-7 * Math.sqrt(h[a][a] * h[b][b]), "Hessian " + a + ", " + b);
            }
        }
    }

    @Test
    void theTestsDigammaIsExactAtIntegersAndOneHalf() {
        // ψ(n) = −γ + Σ_{i<n} 1/i and ψ(1/2) = −γ − 2 ln 2; the harmonic sum rounds up to n times and
        // the recurrence up to 20 times, each by an ulp of a value of ψ's size or 1
        double gamma = 0.5772156649015329;
        double harmonic = 0;
        for (int n = 1; n <= 200; n++) {
            double expected = harmonic - gamma;
            assertEquals(expected, digamma(n), (n + 20) * 0x1p-52 * Math.max(1, Math.abs(expected)), "ψ(" + n + ")");
            harmonic += 1.0 / n;
        }
        assertEquals(-gamma - 2 * Math.log(2), digamma(0.5), 21 * 0x1p-52 * 2);
    }

    @Test
    void newtonConvergedToAStationaryPoint() {
        assertTrue(FIT.minimum().iterations() < 20, "Newton steps: " + FIT.minimum().iterations());
        double[] scale = new double[4];
        handGradient(FIT.estimate(), scale);
        double[] g = FIT.minimum().gradient();
        for (int j = 0; j < 4; j++) {
            // rounding leaves at most (m − 1)ε ≈ 2.2e-12 of the sum of magnitudes in a sum of 10⁴
            // terms; a stop one Newton step earlier (λ ≈ 1e-6) leaves |g| ≈ λ·sqrt(H) ≈ 1e-4, about 1e-8
            // of it (measured 3e-17)
            assertTrue(Math.abs(g[j]) < 5e-12 * scale[j], NegativeBinomialRegression.NAMES.get(j) + ": gradient " + g[j]
                    + " against a scale of " + scale[j]);
        }
    }

    @Test
    void mainPrintsATableRowPerParameter() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NegativeBinomialRegression.print(FIT, ROWS.length, new PrintStream(out, true, StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        for (String name : NegativeBinomialRegression.NAMES) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(name + " ")), name + " missing from\n" + table);
        }
    }
}
