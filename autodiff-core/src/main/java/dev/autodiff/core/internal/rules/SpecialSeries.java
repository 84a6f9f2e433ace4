package dev.autodiff.core.internal.rules;

/**
 * Taylor-mode rules for the special functions, in the style of {@link TaylorRules}: given the
 * normalized coefficients {@code A(k) = a^(k)/k!}, k = 0 … d, of an argument in {@code a[ao …]},
 * each writes those of the result in {@code y[yo …]}. Coefficient 0 is always the value function
 * of {@link SpecialFunctions} itself, so every mode agrees exactly on values.
 *
 * <p>Sigmoid, softplus and the error functions go through the linear ODEs they satisfy (Griewank
 * and Walther, <i>Evaluating Derivatives</i>, §13.2), in O(d²): {@code y' = σ(a)σ(-a)·a'} with
 * {@code (σσ̄)' = (σ̄ - σ)·σ'} for the sigmoid, {@code y' = σ(a)·a'} for softplus, and
 * {@code y' = 2/√π·e^(-a²)·a'} with {@code (e^(-a²))' = -(a²)'·e^(-a²)} for erf (erfc is its
 * negative). lgamma and the polygamma functions compose the Taylor coefficients of the function at
 * {@code a₀} with the argument's series by Faà di Bruno's formula,
 * {@code Y = Σ_m c_m·(A - a₀)^m}, in O(d³), where {@code c_m = ψ⁽ⁿ⁺ᵐ⁾(a₀)/m!} come from the
 * scaled polygamma functions and so stay finite at high orders where ψ⁽ⁿ⁺ᵐ⁾ itself overflows.
 *
 * <p>No rule allocates: scratch comes from the caller, at least {@link #scratchLength(int)} long.
 * The output must not overlap the input or the scratch.
 */
public final class SpecialSeries {
    private SpecialSeries() {}

    /** {@return the scratch length every rule of order {@code d} needs}. */
    public static int scratchLength(int d) {
        return 3 * (d + 1);
    }

    /** Writes the series of σ(a): {@code Y(k) = chain(A, G)} with {@code G = Y·σ(-a)} as a series. */
    public static void sigmoidSeries(double[] a, int ao, double[] y, int yo, int d, double[] w) {
        double a0 = a[ao];
        y[yo] = SpecialFunctions.sigmoid(a0);
        if (d == 0) {
            return;
        }
        // G = σ(a)σ(-a); with σ(-a) = 1 - Y its coefficients are G(m) = D·Y(m) - Σ_{0<i<m} Y(i)Y(m-i)
        // for m ≥ 1, D = σ(-a₀) - σ(a₀) taken directly: from Y(0) it would cancel for large a₀
        double[] g = w;
        g[0] = SpecialFunctions.sigmoidDerivative(a0);
        double difference = SpecialFunctions.oneMinusTwoSigmoid(a0);
        for (int k = 1; k <= d; k++) {
            y[yo + k] = chain(a, ao, g, 0, k);
            if (k < d) {
                double sum = difference * y[yo + k];
                for (int i = 1; i < k; i++) {
                    sum -= y[yo + i] * y[yo + k - i];
                }
                g[k] = sum;
            }
        }
    }

    /** Writes the series of softplus(a): {@code y' = σ(a)·a'}. */
    public static void softplusSeries(double[] a, int ao, double[] y, int yo, int d, double[] w) {
        y[yo] = SpecialFunctions.softplus(a[ao]);
        if (d == 0) {
            return;
        }
        // σ(a) of order d - 1 in w[d+1 …], with w[0 …] as its scratch
        int so = d + 1;
        sigmoidSeries(a, ao, w, so, d - 1, w);
        for (int k = 1; k <= d; k++) {
            y[yo + k] = chain(a, ao, w, so, k);
        }
    }

    /** Writes the series of erf(a): {@code y' = F·a'}, {@code F = 2/√π·e^(-a²)}, {@code F' = -(a²)'·F}. */
    public static void erfSeries(double[] a, int ao, double[] y, int yo, int d, double[] w) {
        y[yo] = SpecialFunctions.erf(a[ao]);
        gaussianIntegral(a, ao, y, yo, d, w, 1);
    }

    /** Writes the series of erfc(a): the negated erf series beyond coefficient 0. */
    public static void erfcSeries(double[] a, int ao, double[] y, int yo, int d, double[] w) {
        y[yo] = SpecialFunctions.erfc(a[ao]);
        gaussianIntegral(a, ao, y, yo, d, w, -1);
    }

    private static void gaussianIntegral(double[] a, int ao, double[] y, int yo, int d, double[] w, double sign) {
        if (d == 0) {
            return;
        }
        double[] f = w; // F in w[0 …], P = a² in w[d+1 …]
        int po = d + 1;
        f[0] = sign * SpecialFunctions.erfDerivative(a[ao]);
        for (int k = 1; k <= d; k++) {
            w[po + k] = cauchy(a, ao, a, ao, k);
        }
        for (int k = 1; k <= d; k++) {
            y[yo + k] = chain(a, ao, f, 0, k);
            if (k < d) {
                f[k] = -chain(w, po, f, 0, k);
            }
        }
    }

    /**
     * Writes the series of lgamma(a) by Faà di Bruno with {@code c_0 = lgamma(a₀)},
     * {@code c_1 = ψ(a₀)} and {@code c_m = ψ⁽ᵐ⁻¹⁾(a₀)/m! = (ψ⁽ᵐ⁻¹⁾(a₀)/(m-1)!)/m}.
     */
    public static void lgammaSeries(double[] a, int ao, double[] y, int yo, int d, double[] w) {
        double a0 = a[ao];
        y[yo] = SpecialFunctions.lgamma(a0);
        compose(a, ao, y, yo, d, w, -1);
    }

    /**
     * Writes the series of ψ⁽ⁿ⁾(a) (n = 0 is digamma) by Faà di Bruno with
     * {@code c_0 = ψ⁽ⁿ⁾(a₀)} and {@code c_m = ψ⁽ⁿ⁺ᵐ⁾(a₀)/m!} for m ≥ 1.
     *
     * @throws IllegalArgumentException if n is negative or n + d exceeds the polygamma order limit, 2000
     */
    public static void polygammaSeries(int n, double[] a, int ao, double[] y, int yo, int d, double[] w) {
        if (n < 0 || (long) n + d > Polygamma.MAX_ORDER) {
            throw new IllegalArgumentException("polygammaSeries: expected n ≥ 0 and n + d ≤ "
                    + Polygamma.MAX_ORDER + ", got n = " + n + ", d = " + d);
        }
        y[yo] = SpecialFunctions.polygamma(n, a[ao]);
        compose(a, ao, y, yo, d, w, n);
    }

    /** {@return c_m, the m-th Taylor coefficient (m ≥ 1) at x of ψ⁽ⁿ⁾, or of lgamma for n = -1}. */
    private static double coefficient(int n, int m, double x) {
        if (n == -1) {
            return m == 1 ? SpecialFunctions.digamma(x) : SpecialFunctions.scaledPolygamma(m - 1, x) / m;
        }
        return Polygamma.overFactorial(n + m, m, x);
    }

    /** Faà di Bruno: {@code Y(k) = Σ_{m=1}^{k} c_m·P^m(k)}, P = A - a₀, as TaylorRules' custom operations. */
    private static void compose(double[] a, int ao, double[] y, int yo, int d, double[] w, int n) {
        if (d == 0) {
            return;
        }
        double a0 = a[ao];
        int shift = 0;
        int power = d + 1;
        int tmp = 2 * (d + 1);
        w[shift] = 0;
        System.arraycopy(a, ao + 1, w, shift + 1, d);
        System.arraycopy(w, shift, w, power, d + 1);
        for (int k = 1; k <= d; k++) {
            y[yo + k] = 0;
        }
        for (int m = 1; m <= d; m++) {
            double c = coefficient(n, m, a0);
            for (int k = m; k <= d; k++) {
                if (w[power + k] != 0) { // a zero term stays zero even where c_m is infinite (a pole)
                    y[yo + k] += c * w[power + k];
                }
            }
            if (m < d) {
                // power ← power·P; both have no terms below order 1, so the product none below m + 1
                for (int k = 0; k <= d; k++) {
                    w[tmp + k] = k <= m ? 0 : cauchy(w, power, w, shift, k);
                }
                System.arraycopy(w, tmp, w, power, d + 1);
            }
        }
    }

    /** {@return Σ_{j=0}^{k} X(j)·Z(k-j)}, coefficient k of a product. */
    private static double cauchy(double[] x, int xo, double[] z, int zo, int k) {
        return TaylorRules.cauchy(x, xo, z, zo, k, 0, k);
    }

    /** {@return coefficient k of y where y' = e·a'}: {@code (1/k) Σ_{j=1}^{k} j·A(j)·E(k-j)}. */
    private static double chain(double[] a, int ao, double[] e, int eo, int k) {
        return TaylorRules.chain(a, ao, e, eo, k);
    }
}
