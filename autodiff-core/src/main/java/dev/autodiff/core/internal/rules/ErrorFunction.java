package dev.autodiff.core.internal.rules;

/**
 * The error function and its complement in double precision, after the scheme of W. J. Cody,
 * "Rational Chebyshev approximations for the error function", <i>Math. Comp.</i> 23 (1969) 631–637:
 * a polynomial for erf near 0, {@code erfc(x) = e^(-x²)·R(x)} on the middle range and
 * {@code erfc(x) = e^(-x²)/x·S(1/x²)} in the tail (DLMF 7.12.1 gives the tail's asymptotic form).
 *
 * <p>The coefficients are not Cody's: they are our own weighted least-squares rational fits (Loeb's
 * iteration, relative error, 600 Chebyshev nodes, 50-digit arithmetic) to erf(x)/x, e^(x²)·erfc(x) and
 * x·e^(x²)·erfc(x). Their fitting errors are 2e-20, 2e-19 and 1e-17, far below the rounding of their
 * double evaluation (at most 5 ulps, measured on dense grids against 50-digit values).
 *
 * <p>The factor e^(-x²) is where naive code loses accuracy in the tail: x² carries a rounding error
 * of up to 0.5 ulp, which e^(-x²) turns into a relative error of x²·2^-53 (7e-14 at x = 26). Here x²
 * is split exactly into {@code hi + lo} (Dekker's product) and {@code e^(-x²) = e^(-hi)·(1 - lo)}.
 */
final class ErrorFunction {
    /** 2/√π. */
    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** erf(x)/x = P(x²) for |x| < 1/2, degree 9. */
    private static final double[] SMALL = {
        1.1283791670955126, -0.3761263890318375, 0.11283791670954862, -0.026866170644997286,
        0.0052239776219670615, -0.0008548326504979409, 0.00012055285813054691, -1.4922988016568257e-05,
        1.6370907585723324e-06, -1.461801333029437e-07};

    /** e^(x²)·erfc(x) = P(x)/Q(x) for 1/2 ≤ x < 4, degree 8/8. */
    private static final double[] MIDDLE_P = {
        0.9999999999931218, 1.671678599498766, 1.398587993234392, 0.7222362485957458, 0.24520901998751404,
        0.05445716202602703, 0.007343148936218249, 0.00046855588241877586, 1.6221132928915696e-11};
    private static final double[] MIDDLE_Q = {
        1.0, 2.800057766477902, 3.558114844519577, 2.689333920222104, 1.328033794492487, 0.44112286871984313,
        0.09693862142465169, 0.013015356712872132, 0.0008304951399630298};

    /** x·e^(x²)·erfc(x) = P(t)/Q(t), t = 1/x², for x ≥ 4, degree 5/5; P(0) = 1/√π. */
    private static final double[] TAIL_P = {
        0.5641895835477563, 12.226483264645873, 84.43520270882902, 215.0596767327762, 171.4991654792089,
        19.270581745745783};
    private static final double[] TAIL_Q = {
        1.0, 22.17087734545337, 159.9929388660206, 446.4266636102929, 442.20088109376127,
        104.45807858886641};

    /** Beyond this erfc(x) < 2^-1075 rounds to 0 (erfc(27.25) ≈ 6.7e-325), and erf(x) to 1 far before. */
    private static final double ERFC_ZERO = 27.25;
    /** Beyond this erfc(x) < 2^-54 (erfc(6) ≈ 2.2e-17): erf(x) rounds to 1 and erfc(-x) to 2. */
    private static final double ERF_ONE = 6;
    /** 2^27 + 1, Veltkamp's constant that splits a double into two 26-bit halves. */
    private static final double SPLIT = 134217729;

    private ErrorFunction() {}

    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax < 0.5) {
            double t = x * x;
            return x * polynomial(SMALL, t);
        }
        if (ax >= ERF_ONE) {
            return Math.copySign(1, x); // NaN fails both tests and returns below
        }
        double r = 1 - erfcPositive(ax);
        return x < 0 ? -r : r;
    }

    static double erfc(double x) {
        if (Math.abs(x) < 0.5) {
            return 1 - erf(x);
        }
        if (x > 0) {
            return erfcPositive(x);
        }
        if (x < 0) {
            return x <= -ERF_ONE ? 2 : 2 - erfcPositive(-x);
        }
        return x; // NaN
    }

    /** {@return e^(-x²)} to about 1 ulp for every x: the square's rounding error is corrected. */
    static double expMinusSquare(double x) {
        double ax = Math.abs(x);
        if (!(ax < ERFC_ZERO + 1)) {
            return ax > 0 ? 0 : x; // e^(-x²) underflows from x ≈ 27.3 on; NaN stays NaN
        }
        double hi = ax * ax;
        double c = SPLIT * ax;
        double h = c - (c - ax);
        double l = ax - h;
        double lo = ((h * h - hi) + 2 * h * l) + l * l; // x² - hi exactly (Dekker)
        // e^(-hi - lo) = e^(-hi)·(1 - lo + lo²/2 …), |lo| ≤ 2^-53·hi ≤ 1e-13, so lo² is negligible
        return Math.exp(-hi) * (1 - lo);
    }

    /** erfc(x) for x ≥ 1/2. */
    private static double erfcPositive(double x) {
        if (x >= ERFC_ZERO) {
            return 0;
        }
        double e = expMinusSquare(x);
        if (x < 4) {
            return e * (polynomial(MIDDLE_P, x) / polynomial(MIDDLE_Q, x));
        }
        double t = 1 / (x * x);
        return e / x * (polynomial(TAIL_P, t) / polynomial(TAIL_Q, t));
    }

    /** {@return Σ c[i]·t^i} by Horner's rule. */
    static double polynomial(double[] c, double t) {
        double r = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) {
            r = r * t + c[i];
        }
        return r;
    }
}
