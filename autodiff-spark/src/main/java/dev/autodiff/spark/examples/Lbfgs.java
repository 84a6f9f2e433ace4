package dev.autodiff.spark.examples;

import dev.autodiff.core.Differentiable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, algorithms 7.4 and 7.5) with a
 * backtracking line search, driven by any {@link Differentiable}: one {@code valueAndGradient} per
 * evaluation, which on a {@link dev.autodiff.spark.SparkSum} is one Spark job.
 *
 * <p>A step is accepted under the Armijo condition, or, once the objective's decrease falls below
 * its rounding noise — a sum of N records is only known to about √N ulps of itself, while near the
 * minimum a step gains ‖∇f‖²/λ — under Hager and Zhang's approximate Wolfe conditions (SIAM J.
 * Optim. 16, 2005), which judge the step by the directional derivative instead: f not above its
 * noise, and φ'(t) ≤ (2δ − 1)·φ'(0).
 *
 * <p>Why not a library's: Hipparchus has no L-BFGS, and Spark MLlib's is Breeze's, whose objective
 * type ({@code breeze.optimize.DiffFunction}) Java cannot implement or extend — Scala puts the
 * bridge of its {@code apply} in each implementing class, and javac refuses the trait's mixed
 * signatures. MLlib's own logistic regression, which runs Breeze's L-BFGS on hand-written
 * gradients, is the oracle this example's test checks the fit against instead.
 *
 * <p>Deterministic: the same objective values give the same iterates, so two objectives that agree
 * to rounding give fits that agree to about the same relative amount.
 */
public final class Lbfgs {
    private static final double ARMIJO = 1e-4;
    /** Hager and Zhang's δ, as Armijo's constant: (2δ − 1)·φ'(0) = 0.9998·|φ'(0)| */
    private static final double DELTA = ARMIJO;
    /** The relative noise of the objective below which its values no longer rank steps. */
    private static final double NOISE = 1e-11;
    private static final int MAX_HALVINGS = 60;

    private Lbfgs() {}

    /**
     * The point where the search stopped.
     *
     * @param point the point
     * @param value the objective there
     * @param gradient the gradient there
     * @param iterations iterations taken
     * @param evaluations objective evaluations, each one value and gradient
     * @param converged whether the gradient met the tolerance (else the iterations or the line search ran out)
     */
    public record Minimum(double[] point, double value, double[] gradient, int iterations, int evaluations,
            boolean converged) {}

    /**
     * {@return the minimum of {@code f} found from {@code start}}, stopping when
     * ‖∇f‖ ≤ tolerance · max(1, |f|), a test that does not change when f is scaled, as a sum over N
     * records is by N
     *
     * @param f the objective
     * @param start the first point
     * @param maxIterations the most iterations to take
     * @param memory the number of correction pairs kept (MLlib's default is 10)
     * @param tolerance the relative gradient norm to reach
     */
    public static Minimum minimize(Differentiable f, double[] start, int maxIterations, int memory, double tolerance) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double value = f.valueAndGradient(x, g);
        int evaluations = 1;
        Deque<double[][]> pairs = new ArrayDeque<>();   // (s, y, {1 / y·s}), newest first
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            if (norm(g) <= tolerance * Math.max(1, Math.abs(value))) {
                return new Minimum(x, value, g, iteration, evaluations, true);
            }
            double[] d = direction(g, pairs);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                pairs.clear();
                d = scaled(g, -1);
                slope = dot(g, d);
            }
            // the first step has no curvature to scale it: a unit step along the gradient's direction
            double step = pairs.isEmpty() ? Math.min(1, 1 / norm(g)) : 1;
            double[] next = new double[n];
            double[] nextG = new double[n];
            double nextValue = Double.NaN;
            int halvings = 0;
            for (; halvings < MAX_HALVINGS; halvings++, step /= 2) {
                for (int i = 0; i < n; i++) {
                    next[i] = x[i] + step * d[i];
                }
                nextValue = f.valueAndGradient(next, nextG);
                evaluations++;
                boolean armijo = nextValue <= value + ARMIJO * step * slope;
                boolean approximateWolfe = nextValue <= value + NOISE * Math.abs(value)
                        && dot(nextG, d) <= (2 * DELTA - 1) * slope;
                if (armijo || approximateWolfe) {
                    break;
                }
            }
            if (halvings == MAX_HALVINGS) {
                return new Minimum(x, value, g, iteration, evaluations, false);
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = next[i] - x[i];
                y[i] = nextG[i] - g[i];
            }
            double ys = dot(y, s);
            // a pair without positive curvature would make the inverse Hessian indefinite: skip it
            if (ys > 1e-12 * norm(y) * norm(s)) {
                pairs.addFirst(new double[][] {s, y, {1 / ys}});
                if (pairs.size() > memory) {
                    pairs.removeLast();
                }
            }
            x = next;
            g = nextG;
            value = nextValue;
        }
        return new Minimum(x, value, g, maxIterations, evaluations,
                norm(g) <= tolerance * Math.max(1, Math.abs(value)));
    }

    /** The two-loop recursion: −H·g for the inverse-Hessian approximation H the pairs define. */
    private static double[] direction(double[] g, Deque<double[][]> pairs) {
        double[] q = scaled(g, -1);
        double[] alpha = new double[pairs.size()];
        int k = 0;
        for (double[][] p : pairs) {
            alpha[k] = p[2][0] * dot(p[0], q);
            axpy(-alpha[k], p[1], q);
            k++;
        }
        if (!pairs.isEmpty()) {
            double[][] newest = pairs.peekFirst();
            double gamma = 1 / (newest[2][0] * dot(newest[1], newest[1]));   // s·y / y·y
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        Iterator<double[][]> oldestFirst = pairs.descendingIterator();
        k = pairs.size() - 1;
        while (oldestFirst.hasNext()) {
            double[][] p = oldestFirst.next();
            double beta = p[2][0] * dot(p[1], q);
            axpy(alpha[k] - beta, p[0], q);
            k--;
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] scaled(double[] a, double c) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = c * a[i];
        }
        return out;
    }

    private static void axpy(double c, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += c * x[i];
        }
    }
}
