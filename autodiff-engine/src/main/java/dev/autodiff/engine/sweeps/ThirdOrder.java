package dev.autodiff.engine.sweeps;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Third-order tensor contractions ∇³f[u, v, w] by polarization of univariate Taylor series
 * (Griewank, Utke and Walther, Math. Comp. 69, 2000).
 *
 * <p>With {@code p(d) = ∇³f[d, d, d] = 6·c₃(d)}, c₃ the third Taylor coefficient along d, the sum
 * {@code Σ_{ε,δ = ±1} ε·δ·p(u + εv + δw)} keeps of the expansion of each cube only the terms odd in
 * both ε and δ, which are the six orderings of {@code [u, v, w]}: so
 * {@code ∇³f[u, v, w] = ¼·Σ ε·δ·c₃(u + εv + δw)}. Directions that coincide (v = w gives u + v - w =
 * u - v + w) are computed once. Each direction is first divided by a power of two to a largest
 * component in [1, 2), exactly, and the result multiplied back, so their scales do not matter.
 * Considered and left: nested forward mode would need third partials of every primitive, which the
 * rule table does not have; the Taylor rules already give them, at every order.
 */
public final class ThirdOrder {
    private ThirdOrder() {}

    /**
     * {@return ∇³f[u, v, w] at {@code point}}
     *
     * @throws IllegalArgumentException for a variable {@code f} uses that is not in {@code vars}, or
     *     a point or direction whose length is not the number of variables
     */
    public static double contraction(Expr f, List<Variable> vars, double[] point, double[] u, double[] v, double[] w) {
        Program program = TaylorSweep.compile(f, vars, point);
        int n = vars.size();
        TaylorSweep.checkLength(u, n, "direction u");
        TaylorSweep.checkLength(v, n, "direction v");
        TaylorSweep.checkLength(w, n, "direction w");
        return new Passes(program, point).contraction(u, v, w);
    }

    /**
     * {@return the vector ∇³f[·, v, w] at {@code point}: entry i is ∇³f[e_i, v, w]}
     *
     * @throws IllegalArgumentException as {@link #contraction(Expr, List, double[], double[], double[], double[])}
     */
    public static double[] contraction(Expr f, List<Variable> vars, double[] point, double[] v, double[] w) {
        Program program = TaylorSweep.compile(f, vars, point);
        int n = vars.size();
        TaylorSweep.checkLength(v, n, "direction v");
        TaylorSweep.checkLength(w, n, "direction w");
        double[] result = new double[n];
        for (int i = 0; i < n; i++) {
            double[] e = new double[n];
            e[i] = 1;
            result[i] = new Passes(program, point).contraction(e, v, w);
        }
        return result;
    }

    /** The Taylor passes of one contraction, each distinct direction run once. */
    private static final class Passes {
        private final Program program;
        private final double[] point;
        private final List<double[]> directions = new ArrayList<>();
        private final List<Double> thirds = new ArrayList<>();

        Passes(Program program, double[] point) {
            this.program = program;
            this.point = point;
        }

        double contraction(double[] u, double[] v, double[] w) {
            int eu = largestExponent(u);
            int ev = largestExponent(v);
            int ew = largestExponent(w);
            double[] su = scale(u, -eu);
            double[] sv = scale(v, -ev);
            double[] sw = scale(w, -ew);
            double t;
            if (Arrays.equals(su, sv) && Arrays.equals(sv, sw)) {
                t = 6 * third(su);
            } else {
                double ppp = third(combine(su, sv, 1, sw, 1));
                double ppm = third(combine(su, sv, 1, sw, -1));
                double pmp = third(combine(su, sv, -1, sw, 1));
                double pmm = third(combine(su, sv, -1, sw, -1));
                t = 0.25 * ((ppp - ppm) - (pmp - pmm));
            }
            return Math.scalb(t, eu + ev + ew);
        }

        /** {@return c₃ along {@code d}}, from an earlier pass when d was seen */
        private double third(double[] d) {
            for (int i = 0; i < directions.size(); i++) {
                if (Arrays.equals(directions.get(i), d)) {
                    return thirds.get(i);
                }
            }
            double c = TaylorSeries.of(program, point, d, 3).coefficient(3);
            directions.add(d);
            thirds.add(c);
            return c;
        }
    }

    private static double[] combine(double[] u, double[] v, double sv, double[] w, double sw) {
        double[] d = new double[u.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = u[i] + sv * v[i] + sw * w[i];
        }
        return d;
    }

    private static double[] scale(double[] x, int shift) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = Math.scalb(x[i], shift);
        }
        return r;
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
}
