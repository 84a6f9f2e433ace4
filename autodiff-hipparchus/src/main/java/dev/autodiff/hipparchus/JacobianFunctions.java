package dev.autodiff.hipparchus;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.VectorDifferentiable;
import java.util.Objects;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/** The least-squares models of {@link HipparchusAdapters}: values and m × n Jacobians as Hipparchus types. */
final class JacobianFunctions {
    private JacobianFunctions() {}

    static MultivariateJacobianFunction of(VectorDifferentiable m) {
        requireShape(m.outputCount(), m.variables().size());
        return point -> {
            double[] x = toArray(point, m.variables().size());
            return pair(m.value(x), m.jacobian(x));
        };
    }

    static MultivariateJacobianFunction of(ParametricDifferentiable residual, double[][] rows) {
        int n = residual.variables().size();
        requireShape(rows.length, n);
        int k = residual.parameters().size();
        Differentiable[] records = new Differentiable[rows.length];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != k) {
                throw new IllegalArgumentException("expected row " + r + " with " + k + " values, one per parameter "
                        + residual.parameters() + ", got " + (rows[r] == null ? "null" : rows[r].length + " values"));
            }
            records[r] = residual.at(rows[r]);
        }
        return point -> {
            double[] x = toArray(point, n);
            double[] value = new double[records.length];
            double[][] jacobian = new double[records.length][n];
            for (int r = 0; r < records.length; r++) {
                value[r] = records[r].valueAndGradient(x, jacobian[r]);
            }
            return pair(value, jacobian);
        };
    }

    private static void requireShape(int outputs, int variables) {
        if (outputs == 0 || variables == 0) {
            throw new IllegalArgumentException("expected at least one output and one variable, got " + outputs
                    + " outputs of " + variables + " variables");
        }
    }

    private static double[] toArray(RealVector point, int n) {
        Objects.requireNonNull(point, () -> "expected a point of " + n + " values, got null");
        return point.toArray();
    }

    private static Pair<RealVector, RealMatrix> pair(double[] value, double[][] jacobian) {
        // the arrays are fresh and ours: wrap them without copying
        return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
    }
}
