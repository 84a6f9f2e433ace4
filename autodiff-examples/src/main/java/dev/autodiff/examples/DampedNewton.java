package dev.autodiff.examples;

import dev.autodiff.core.Differentiable;
import java.util.Arrays;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Minimizes a smooth function by Newton's method on its exact gradient and Hessian, with a
 * backtracking line search for safety far from the minimum: the maximum-likelihood fitter of the
 * examples over data.
 *
 * <p>Each iteration solves H d = −g by Cholesky; where H is not positive definite (far from the
 * minimum of a non-convex function) it solves (H + μI) d = −g with the first μ of a growing
 * sequence that makes it so, which bends d towards −g. The step x + t·d takes the largest t of 1,
 * ½, ¼, … that lowers f by at least 10⁻⁴·t·λ², where λ² = −g·d = gᵀH⁻¹g is the Newton decrement
 * (Boyd and Vandenberghe, <i>Convex Optimization</i>, 9.5). The iteration stops when λ²/2, the
 * predicted distance f(x) − f(x*) of a quadratic model, falls to the tolerance.
 */
public final class DampedNewton {
    private DampedNewton() {}

    // Armijo's sufficient decrease: a step must achieve this fraction of the decrease its slope predicts
    private static final double SUFFICIENT_DECREASE = 1e-4;
    // Below this step the line search has failed: f does not fall along d at any resolvable t
    private static final double SMALLEST_STEP = 0x1p-40;
    // A Cholesky pivot below this fraction of H's largest diagonal entry counts as not positive: a
    // nearly singular matrix gives a huge step no line search can use
    private static final double PIVOT = 1e-12;

    /**
     * The minimum found.
     *
     * @param point x*, the minimizer
     * @param value f(x*)
     * @param gradient ∇f(x*)
     * @param hessian ∇²f(x*)
     * @param iterations the Newton steps taken, the closing full step included
     */
    public record Minimum(double[] point, double value, double[] gradient, double[][] hessian, int iterations) {

        /**
         * {@return the inverse of the Hessian at the minimum}, by Cholesky
         *
         * @throws MathIllegalArgumentException when the Hessian is not positive definite
         */
        public double[][] inverseHessian() {
            return cholesky(hessian, 0).getInverse().getData();
        }
    }

    /**
     * {@return the minimum of {@code f} reached by damped Newton steps from {@code start}}
     *
     * @param f a function with a positive definite Hessian at its minimum
     * @param start the first point
     * @param tolerance the largest λ²/2 accepted as converged, in the units of f: once it is reached
     *     one more full Newton step is taken, which near the minimum squares the error again and
     *     leaves a gradient at the level of rounding
     * @param maxIterations the most Newton steps allowed before convergence
     * @throws IllegalStateException when the line search fails or the iterations run out, with the
     *     point and decrement reached
     */
    public static Minimum minimize(Differentiable f, double[] start, double tolerance, int maxIterations) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        boolean converged = false;
        for (int steps = 0; ; steps++) {
            double fx = f.valueAndGradient(x, g);
            double[][] h = f.hessian(x);
            if (converged) {
                return new Minimum(x, fx, g, h, steps);
            }
            double[] d = direction(h, g);
            double decrement = 0;
            for (int j = 0; j < n; j++) {
                decrement -= g[j] * d[j];
            }
            if (decrement / 2 <= tolerance) {
                // quadratic convergence: a full step from here is accepted, and it takes the error to
                // rounding for the price of one more gradient and Hessian; a line search would compare
                // values of f that differ below their own rounding
                converged = true;
                for (int j = 0; j < n; j++) {
                    x[j] += d[j];
                }
            } else if (steps == maxIterations) {
                throw new IllegalStateException("expected convergence within " + maxIterations + " Newton steps, got to "
                        + Arrays.toString(x) + " with gradient " + Arrays.toString(g) + " and decrement " + decrement);
            } else {
                x = lineSearch(f, x, fx, d, decrement);
            }
        }
    }

    /**
     * {@return the Newton direction −(H + μI)⁻¹g}: μ = 0 where H is positive definite, else the
     * first of a doubling sequence that starts just past H's most negative diagonal entry (Nocedal and
     * Wright, <i>Numerical Optimization</i>, algorithm 3.3)
     */
    private static double[] direction(double[][] h, double[] g) {
        int n = g.length;
        double scale = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            scale = Math.max(scale, Math.abs(h[j][j]));
            smallest = Math.min(smallest, h[j][j]);
        }
        // H's own scale sets the units of μ and of a pivot too small to trust; a zero H has none, so 1
        double unit = scale > 0 ? scale : 1;
        double beta = 1e-3 * unit;
        double shift = smallest > 0 ? 0 : beta - smallest;
        while (true) {
            RealMatrix shifted = MatrixUtils.createRealMatrix(h);
            for (int j = 0; j < n; j++) {
                shifted.addToEntry(j, j, shift);
            }
            try {
                return cholesky(shifted.getData(), PIVOT * unit).solve(MatrixUtils.createRealVector(g)).mapMultiply(-1)
                        .toArray();
            } catch (MathIllegalArgumentException notPositiveDefinite) {
                // μ large enough always works: H + μI is then dominated by μI
                shift = Math.max(2 * shift, beta);
            }
        }
    }

    private static DecompositionSolver cholesky(double[][] h, double smallestPivot) {
        // the Hessians here are symmetric to the bit (both triangles from one sum), so the default
        // relative symmetry threshold holds
        return new CholeskyDecomposition(MatrixUtils.createRealMatrix(h),
                CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, smallestPivot).getSolver();
    }

    /** {@return x + t·d for the largest t = 2⁻ᵏ with sufficient decrease} */
    private static double[] lineSearch(Differentiable f, double[] x, double fx, double[] d, double decrement) {
        double[] next = new double[x.length];
        for (double t = 1; t >= SMALLEST_STEP; t /= 2) {
            for (int j = 0; j < x.length; j++) {
                next[j] = x[j] + t * d[j];
            }
            // a NaN or infinite value (an overflowing step) fails the comparison and halves t
            if (f.value(next) <= fx - SUFFICIENT_DECREASE * t * decrement) {
                return next;
            }
        }
        throw new IllegalStateException("expected f to fall along the Newton direction from " + Arrays.toString(x)
                + " (decrement " + decrement + "), got no decrease down to step " + SMALLEST_STEP);
    }
}
