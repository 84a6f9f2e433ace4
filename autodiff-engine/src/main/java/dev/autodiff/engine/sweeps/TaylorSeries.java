package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Factorial;

/**
 * The Taylor coefficients of a program's first output along a line, {@code f(point + t·direction)
 * = Σ c_k t^k}, computed at a scale that keeps them representable at any order.
 *
 * <p>Coefficients {@code c_k = f^(k)/k!} underflow for entire functions (for sin at 0,
 * {@code 1/1001! ≈ 10⁻²⁵⁷⁰}) and overflow near singularities ({@code 1/(1 - x)} at 0.999: 1000^k),
 * and {@code k!} overflows from 171 on. So the input series is seeded as {@code x(t) = point +
 * t·h·direction} with {@code h = 2^log2h}: every rule is homogeneous, so each node's coefficient k
 * becomes {@code c_k·h^k}, rounding exactly as unscaled wherever both are in range. The search:
 * a pass at the direction's own scale; if a coefficient overflowed (and is not the function's own
 * infinity, see {@link TaylorPass}), again at the largest h its coefficients allow; if one came near
 * the subnormal range, again at a larger h; each pass narrows the bound, at most {@value #MAX_RUNS}
 * passes, usually one or two. The caller gets {@code c_k = scaled_k / h^k} and
 * {@code f^(k) = scaled_k · k! / h^k} by exponent arithmetic ({@link Factorial}): ±∞ or 0 only where
 * the true value overflows or underflows double.
 *
 * <p>Refused, with an {@link IllegalArgumentException} naming the limit: orders beyond
 * {@value #MAX_ORDER}; more than 2^36 (about 7·10¹⁰) multiply-adds (O(order²) per operation,
 * O(order³) per custom operation); more than 2^24 doubles (128 MiB) of series alive at once; and
 * a function whose coefficients at the point span more than double's exponent range at every scale
 * (for sin at 0, beyond order 1232: h^k/k! peaks near e^h while the highest order must stay
 * above 2⁻¹⁰²²), named with the highest order that is representable there.
 */
public final class TaylorSeries {
    /** The highest order Taylor mode accepts: each operation costs O(order²), about 10⁸ multiply-adds here. */
    public static final int MAX_ORDER = 10_000;
    /** The most multiply-adds one pass may take. */
    static final long MAX_WORK = 1L << 36;
    /** The most doubles the series alive at once may take. */
    static final long MAX_DOUBLES = 1L << 24;
    private static final int MAX_RUNS = 8;

    private final double[] scaled;
    private final int log2h;

    private TaylorSeries(double[] scaled, int log2h) {
        this.scaled = scaled;
        this.log2h = log2h;
    }

    /**
     * {@return the series of {@code program}'s first output at {@code point} along {@code direction}}
     * (both of the program's input count, checked by the caller)
     *
     * @throws IllegalArgumentException for an order out of range, a cost or memory beyond the
     *     limits, or coefficients that no scale keeps within double range, naming the limit
     */
    public static TaylorSeries of(Program program, double[] point, double[] direction, int order) {
        checkLimits(program, order);
        TaylorPass pass = new TaylorPass(program, order);
        int e0 = largestExponent(direction);
        int low = -TaylorPass.CEILING - e0;
        int high = TaylorPass.CEILING - e0;
        int log2h = -e0; // the largest seed in [1, 2)
        double bound = Double.POSITIVE_INFINITY;
        double[] best = null;
        int bestLog2h = 0;
        // a function NaN at the point whose coefficients overflow at every scale: the first pass, as is
        double[] outsideDomain = null;
        int outsideDomainLog2h = 0;
        for (int run = 0; run < MAX_RUNS; run++) {
            pass.run(point, direction, log2h);
            if (run == 0 && pass.overflowed) {
                double[] first = pass.output(0);
                if (Double.isNaN(first[0])) {
                    outsideDomain = first;
                    outsideDomainLog2h = log2h;
                }
            }
            bound = Math.min(bound, pass.bound);
            int next = (int) Math.max(low, Math.min(high, Math.floor(bound)));
            if (!pass.overflowed) {
                best = pass.output(0);
                bestLog2h = log2h;
                if (!pass.nearUnderflow || next <= log2h) {
                    break;
                }
            } else {
                next = Math.min(next, log2h - 1);
                if (next < low || (best != null && next <= bestLog2h)) {
                    break;
                }
            }
            log2h = next;
        }
        if (best == null && outsideDomain != null) {
            return new TaylorSeries(outsideDomain, outsideDomainLog2h);
        }
        if (best == null) {
            throw new IllegalArgumentException("Taylor coefficients of order " + order + " overflow double at this point"
                    + " at every scale of the input series tried (down to 2^" + log2h + "); Taylor mode cannot"
                    + " represent this function's series here");
        }
        for (int k = 1; k <= order; k++) {
            if (best[k] != 0 && Math.abs(best[k]) < Double.MIN_NORMAL) {
                throw new IllegalArgumentException("order " + order + " is beyond what double precision can represent"
                        + " for this function at this point: with its best scaling, its Taylor coefficients span more"
                        + " than double's exponent range, and coefficient " + k + " is subnormal; the highest order"
                        + " Taylor mode reaches here is " + (k - 1));
            }
        }
        return new TaylorSeries(best, bestLog2h);
    }

    /**
     * Checks {@code order} alone: at least 0 and at most {@link #MAX_ORDER}.
     *
     * @throws IllegalArgumentException naming the limit
     */
    public static void checkOrder(int order) {
        if (order < 0) {
            throw new IllegalArgumentException("expected a derivative order of at least 0, got " + order);
        }
        if (order > MAX_ORDER) {
            throw new IllegalArgumentException("order " + order + " is beyond Taylor mode's limit of " + MAX_ORDER
                    + ": each operation costs O(order²) time (about 10⁸ multiply-adds at the limit)");
        }
    }

    private static void checkLimits(Program program, int order) {
        checkOrder(order);
        long operations = 0;
        long customs = 0;
        for (int i = program.inputCount; i < program.size; i++) {
            if (program.isOperation(i)) {
                operations++;
                customs += program.code[i] == Program.CUSTOM ? 1 : 0;
            }
        }
        long w = order + 1;
        double work = (double) operations * w * w + (double) customs * w * w * w;
        if (work > MAX_WORK) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "Taylor mode to order %d over %d operations (%d custom, O(order³) each) would take about %.2g"
                    + " multiply-adds, beyond the limit of 2^36 (about 6.9e10); ask for a lower order", order,
                    operations, customs, work));
        }
        long doubles = (TaylorPass.slotsNeeded(program) + 6L) * w;
        if (doubles > MAX_DOUBLES) {
            throw new IllegalArgumentException("Taylor mode to order " + order + " would keep " + doubles
                    + " doubles of series alive at once, beyond the limit of 2^24 (128 MiB); ask for a lower order");
        }
    }

    /** {@return the binary exponent of the largest finite non-zero |x_i|}, 0 when there is none */
    private static int largestExponent(double[] x) {
        double m = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m == 0 ? 0 : Math.getExponent(m);
    }

    /** {@return the order of the series} */
    public int order() {
        return scaled.length - 1;
    }

    /** {@return coefficient k, {@code f^(k)/k!} along the direction} */
    public double coefficient(int k) {
        return Math.scalb(scaled[k], shift(k));
    }

    /** {@return the coefficients {@code c_0 … c_order}} */
    public double[] coefficients() {
        double[] c = new double[scaled.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = coefficient(k);
        }
        return c;
    }

    /** {@return the derivatives {@code f, f', …, f^(order)} along the direction: {@code k!·c_k}} */
    public double[] derivatives() {
        double[] d = new double[scaled.length];
        d[0] = scaled[0];
        Factorial factorial = new Factorial();
        for (int k = 1; k < d.length; k++) {
            factorial.next();
            d[k] = factorial.times(scaled[k], shift(k));
        }
        return d;
    }

    private int shift(int k) {
        return -k * log2h;
    }
}
