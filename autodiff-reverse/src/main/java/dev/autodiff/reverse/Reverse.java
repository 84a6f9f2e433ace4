package dev.autodiff.reverse;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.ParametricVectorDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.Mode;
import dev.autodiff.engine.ParametricFunction;
import dev.autodiff.engine.ScalarFunction;
import dev.autodiff.engine.VectorFunction;
import io.vavr.control.Try;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Reverse mode: compiles expressions to tapes whose gradient costs one forward and one backward
 * sweep whatever the number of variables, and Hessians by reverse-over-forward.
 *
 * <pre>{@code
 * Differentiable f = Reverse.of(Expr.parse("x^2 * sin(y) + exp(-x/2)"), x, y);
 * double[] g  = f.gradient(1.0, 2.0);                 // one forward + one backward sweep
 * double[] hv = f.hessianVector(new double[] {1, 2}, new double[] {0.5, -1});
 * }</pre>
 *
 * <p>For code that builds no expression, {@link #gradient(Function, double...)} and
 * {@link #derivative(UnaryOperator, double)} record a {@link Tape} of {@link Tracked} scalars.
 */
public final class Reverse {
    private Reverse() {}

    /**
     * {@return {@code e} compiled over {@code variables}}, immutable and safe to call from any thread
     *
     * @param e the expression
     * @param variables the variables, in the order points list their values
     * @throws IllegalArgumentException naming a variable {@code e} uses that is not among
     *     {@code variables}, or one named twice
     */
    public static Differentiable of(Expr e, Variable... variables) {
        return of(e, list(variables));
    }

    /**
     * {@return {@code e} compiled over {@code variables}}; see {@link #of(Expr, Variable...)}
     *
     * @param e the expression
     * @param variables the variables, in the order points list their values
     */
    public static Differentiable of(Expr e, List<Variable> variables) {
        return ScalarFunction.of(e, variables, Mode.REVERSE);
    }

    /**
     * {@return {@code e} compiled over {@code variables}, or why it cannot be}: the exception
     * {@link #of(Expr, Variable...)} would throw, as a failure, so compilation composes with
     * parsing:
     *
     * <pre>{@code
     * Try<Differentiable> f = Expr.tryParse(text).flatMap(e -> Reverse.tryOf(e, x, y));
     * }</pre>
     *
     * @param e the expression
     * @param variables the variables, in the order points list their values
     */
    public static Try<Differentiable> tryOf(Expr e, Variable... variables) {
        return Try.of(() -> of(e, variables));
    }

    /**
     * {@return {@code e} compiled over {@code variables} with {@code parameters} as data}: the
     * parameters are bound per call by {@link ParametricDifferentiable#at} or summed over records by
     * {@link ParametricDifferentiable#sumOver}, never differentiated, and never recompiled
     *
     * @param e the expression
     * @param variables the variables, in the order points list their values
     * @param parameters the data leaves, bound per call and never differentiated
     * @throws IllegalArgumentException naming a name given both as a variable and as a parameter, a
     *     variable {@code e} uses that is in neither list, or one named twice
     */
    public static ParametricDifferentiable of(Expr e, List<Variable> variables, List<Variable> parameters) {
        return ParametricFunction.of(List.of(e), variables, parameters, Mode.REVERSE);
    }

    /**
     * {@return the vector function of {@code outputs} compiled over {@code variables} with
     * {@code parameters} as data}, bound per call by {@link ParametricVectorDifferentiable#at}
     *
     * @param outputs the expressions of the outputs
     * @param variables the variables, in the order of points
     * @param parameters the parameters, bound to data per call
     * @throws IllegalArgumentException as {@link #of(Expr, List, List)}
     */
    public static ParametricVectorDifferentiable of(List<? extends Expr> outputs, List<Variable> variables,
            List<Variable> parameters) {
        return ParametricFunction.of(outputs, variables, parameters, Mode.REVERSE).vector();
    }

    /**
     * {@return the vector function of {@code outputs} compiled over {@code variables}}
     *
     * @param outputs the expressions, one per output
     * @param variables the variables, in the order points list their values
     */
    public static VectorDifferentiable of(List<? extends Expr> outputs, Variable... variables) {
        return of(outputs, list(variables));
    }

    /**
     * {@return the vector function of {@code outputs} compiled over {@code variables}}
     *
     * @param outputs the expressions, one per output
     * @param variables the variables, in the order points list their values
     */
    public static VectorDifferentiable of(List<? extends Expr> outputs, List<Variable> variables) {
        return VectorFunction.of(outputs, variables, Mode.REVERSE);
    }

    /**
     * {@return ∇f(at)} for a function written with {@link Tracked} scalars, recorded on a fresh tape
     * and swept back once
     *
     * <pre>{@code
     * double[] g = Reverse.gradient(v -> v[0].times(v[1]).plus(v[0].sin()), 2.0, 3.0);
     * }</pre>
     *
     * @param f the function to differentiate
     * @param at the point
     */
    public static double[] gradient(Function<Tracked[], Tracked> f, double... at) {
        Objects.requireNonNull(f, "expected a function, got null");
        Objects.requireNonNull(at, "expected a point, got null");
        try (Tape tape = Tape.open()) {
            int first = tape.size();
            // f may change the array it is given: the gradient is read by the variables' nodes
            return tape.gradientOfNodes(f.apply(tape.variables(at)), first, at.length);
        }
    }

    /**
     * {@return f'(at)} for a function of one {@link Tracked} scalar; see {@link #gradient(Function, double...)}
     *
     * @param f the function to differentiate
     * @param at the point
     */
    public static double derivative(UnaryOperator<Tracked> f, double at) {
        Objects.requireNonNull(f, "expected a function, got null");
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(at);
            return tape.gradient(f.apply(x), x)[0];
        }
    }

    /**
     * {@return a custom operation computing {@code f}, whose derivatives of every order come from
     * nested tapes}: a function written over tape scalars, usable in expressions and on dual
     * numbers, which differentiate it by nesting {@link Tape#derivativeOf} as deep as they need
     *
     * <pre>{@code
     * CustomOperation g = Reverse.operation("g", t -> t.sin().times(t.exp()));
     * double d2 = Forward.derivative(x -> Forward.derivative(y -> y.apply(g), x), 0.5);   // g''(0.5), duals over a tape
     * }</pre>
     *
     * The k-th derivative records f on tapes nested k deep. Symbolic derivatives refuse it (it has
     * no derivative expression). A custom operation is a function of its argument alone: {@code f}
     * runs on tapes of its own, so scalars of another tape it uses are refused as unrelated.
     *
     * @param name the operation's name in text and printing
     * @param f the function over tape scalars
     * @throws IllegalArgumentException for a name that is not an identifier or is reserved
     */
    public static CustomOperation operation(String name, UnaryOperator<Tracked> f) {
        Objects.requireNonNull(f, "expected a function, got null");
        return CustomOperation.of(name, x -> derivatives(f, x, 0)[0], (x, g) -> g * derivative(f, x))
                .withDerivatives((x, order) -> derivatives(f, x, order));
    }

    /** {@return f(x), f'(x), …, f^(order)(x)}, the k-th by k nested tapes */
    private static double[] derivatives(UnaryOperator<Tracked> f, double x, int order) {
        double[] d = new double[order + 1];
        UnaryOperator<Tracked> dk = f;
        for (int k = 0; k <= order; k++) {
            try (Tape tape = Tape.open()) {
                d[k] = Objects.requireNonNull(dk.apply(tape.constant(x)), "expected the function to return a scalar, got null").value();
            }
            UnaryOperator<Tracked> previous = dk;
            dk = y -> y.tape().derivativeOf(previous, y);
        }
        return d;
    }

    private static List<Variable> list(Variable[] variables) {
        Objects.requireNonNull(variables, "expected variables, got null");
        return Arrays.asList(variables);
    }
}
