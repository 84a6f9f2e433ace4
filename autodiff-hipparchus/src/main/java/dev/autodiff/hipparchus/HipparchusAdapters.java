package dev.autodiff.hipparchus;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.VectorDifferentiable;
import java.util.Objects;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.MultivariateDifferentiableFunction;
import org.hipparchus.linear.OpenMapRealMatrix;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;

/**
 * Static factories that hand our compiled functions to Hipparchus: as differentiable functions, as
 * least-squares models, as optimizer objectives, and sparse matrices as Hipparchus matrices.
 *
 * <p>Every adapter calls the compiled function it wraps, so it is as thread-safe as that function,
 * and every array or matrix it returns is fresh. A point of the wrong length reaches the compiled
 * function, which throws {@link IllegalArgumentException} saying how many values it expected.
 *
 * <pre>{@code
 * List<Variable> x = Expr.variables("x", 2);
 * Differentiable f = Reverse.of(Expr.parse("(1 - x[0])^2 + 100 * (x[1] - x[0]^2)^2"), x);
 * PointValuePair min = new NonLinearConjugateGradientOptimizer(Formula.POLAK_RIBIERE,
 *         new SimpleValueChecker(1e-12, 1e-12))
 *     .optimize(HipparchusAdapters.objective(f), HipparchusAdapters.objectiveGradient(f),
 *         GoalType.MINIMIZE, new InitialGuess(new double[] {-1.2, 1}), new MaxEval(10_000));
 * }</pre>
 */
public final class HipparchusAdapters {
    private HipparchusAdapters() {}

    /**
     * {@return {@code f} as a Hipparchus function of doubles and of derivative structures}, for
     * Hipparchus code that differentiates through {@link DerivativeStructure}s
     *
     * <p>The structure-valued call composes by the chain rule: its result is f evaluated at the
     * arguments' values, with the derivatives of f(x(p)) with respect to the arguments' free
     * parameters p, from f's gradient (order 1) and Hessian (order 2, or Hessian-vector products when
     * there are fewer free parameters than variables). Orders 0, 1 and 2 and any number of free
     * parameters are exact; a higher order throws {@link UnsupportedOperationException} naming the
     * limit. The arguments must share one number of free parameters and one order.
     *
     * <pre>{@code
     * DSFactory factory = new DSFactory(1, 2);                         // one parameter t, order 2
     * DerivativeStructure t = factory.variable(0, 0.5);
     * DerivativeStructure y = HipparchusAdapters.differentiableFunction(f)
     *     .value(new DerivativeStructure[] {t.cos(), t.sin()});        // f along a circle
     * double second = y.getPartialDerivative(2);                        // d²f/dt²
     * }</pre>
     *
     * @param f the function
     */
    public static MultivariateDifferentiableFunction differentiableFunction(Differentiable f) {
        return new ChainRuleFunction(Objects.requireNonNull(f, "expected a Differentiable, got null"));
    }

    /**
     * {@return {@code m} as a least-squares model}: at a point of n values, the m outputs and their
     * m × n Jacobian (row i is the gradient of output i), for {@link LeastSquaresBuilder#model}
     *
     * @param m the vector function, the model
     * @throws IllegalArgumentException when {@code m} has no outputs or no variables, which Hipparchus
     *     matrices cannot hold
     */
    public static MultivariateJacobianFunction jacobianFunction(VectorDifferentiable m) {
        Objects.requireNonNull(m, "expected a VectorDifferentiable, got null");
        return JacobianFunctions.of(m);
    }

    /**
     * {@return one residual per record of data as a least-squares model}: output i is
     * {@code residual} with its parameters bound to {@code rows[i]}, row i of the Jacobian its
     * gradient with respect to the variables, one sweep per record
     *
     * <p>The rows are copied: the model does not change when the caller's array does. For fitting
     * a model y = g(θ; t) to records (t, y), compile the residual {@code g(θ; t) - y} once with
     * {@code Reverse.of(residual, θ, List.of(t, y))} instead of one expression per record.
     *
     * @param residual the residual of one record, with the record's values as parameters
     * @param rows one record per row, one value per parameter of {@code residual}
     * @throws IllegalArgumentException when there are no rows, no variables, or a row does not have one
     *     value per parameter (naming the row)
     */
    public static MultivariateJacobianFunction jacobianFunction(ParametricDifferentiable residual, double[][] rows) {
        Objects.requireNonNull(residual, "expected a ParametricDifferentiable, got null");
        Objects.requireNonNull(rows, "expected an array of rows, got null");
        return JacobianFunctions.of(residual, rows);
    }

    /**
     * {@return a least-squares problem builder with the model {@code residuals} and a zero target},
     * so that the optimizer minimizes the sum of the squared residuals; set the start and the limits
     * before {@link LeastSquaresBuilder#build()}
     *
     * <pre>{@code
     * Optimum fit = new LevenbergMarquardtOptimizer().optimize(HipparchusAdapters.leastSquares(residuals)
     *     .start(guess).maxEvaluations(1000).maxIterations(1000).build());
     * }</pre>
     *
     * <p>Hipparchus' residuals are target − model, here −r(θ); their squares, the cost, the
     * Jacobian's use and the covariances are the same as for r(θ).
     *
     * @param residuals the residuals, as a vector function of the variables
     * @throws IllegalArgumentException as {@link #jacobianFunction(VectorDifferentiable)} does
     */
    public static LeastSquaresBuilder leastSquares(VectorDifferentiable residuals) {
        return new LeastSquaresBuilder().model(jacobianFunction(residuals)).target(new double[residuals.outputCount()]);
    }

    /**
     * {@return a least-squares problem builder with one residual per record of data and a zero
     * target}, as {@link #leastSquares(VectorDifferentiable)} with the model of
     * {@link #jacobianFunction(ParametricDifferentiable, double[][])}
     *
     * @param residual the residual of one record, with the record's values as parameters
     * @param rows the records, one row of parameter values each
     * @throws IllegalArgumentException as {@link #jacobianFunction(ParametricDifferentiable, double[][])} does
     */
    public static LeastSquaresBuilder leastSquares(ParametricDifferentiable residual, double[][] rows) {
        MultivariateJacobianFunction model = jacobianFunction(residual, rows);
        return new LeastSquaresBuilder().model(model).target(new double[rows.length]);
    }

    /**
     * {@return {@code f} as the objective of a Hipparchus scalar optimizer} (BOBYQA, CMA-ES, simplex,
     * and with {@link #objectiveGradient} the nonlinear conjugate-gradient optimizer)
     *
     * @param f the function to minimize
     */
    public static ObjectiveFunction objective(Differentiable f) {
        Objects.requireNonNull(f, "expected a Differentiable, got null");
        return new ObjectiveFunction(f::value);
    }

    /**
     * {@return the gradient of {@code f} for a Hipparchus gradient-based optimizer}, paired with {@link #objective}
     *
     * @param f the function whose gradient is taken
     */
    public static ObjectiveFunctionGradient objectiveGradient(Differentiable f) {
        Objects.requireNonNull(f, "expected a Differentiable, got null");
        return new ObjectiveFunctionGradient(f::gradient);
    }

    /**
     * {@return a Hipparchus sparse matrix with the entries of {@code s}}: each stored entry set, the
     * rest 0 (a stored entry whose value is 0 is not kept: OpenMapRealMatrix keeps no zeros)
     *
     * @param s the sparse matrix
     * @throws IllegalArgumentException when {@code s} has no rows or no columns, or more entries in
     *     all than an OpenMapRealMatrix holds (rows × columns must stay below 2³¹ − 1)
     */
    public static OpenMapRealMatrix openMapMatrix(SparseMatrix s) {
        Objects.requireNonNull(s, "expected a SparseMatrix, got null");
        if (s.rows() == 0 || s.columns() == 0) {
            throw new IllegalArgumentException("expected a matrix with at least one row and one column, got "
                    + s.rows() + " × " + s.columns());
        }
        if ((long) s.rows() * s.columns() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected rows × columns below " + Integer.MAX_VALUE
                    + " (the most an OpenMapRealMatrix indexes), got " + s.rows() + " × " + s.columns());
        }
        OpenMapRealMatrix m = new OpenMapRealMatrix(s.rows(), s.columns());
        for (int i = 0; i < s.rows(); i++) {
            for (int k = s.rowStart(i); k < s.rowStart(i + 1); k++) {
                m.setEntry(i, s.columnAt(k), s.valueAt(k));
            }
        }
        return m;
    }
}
